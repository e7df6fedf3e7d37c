package dev.identity.events.common;

/** A command or lookup rejected for a reason the client can act on; the message is safe to show. */
public class IdentityException extends RuntimeException {

    private final ErrorCode code;

    public IdentityException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
