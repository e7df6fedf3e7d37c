package dev.identity.command.session;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;

/**
 * A failed login. Knows which account was targeted, when the account exists, so the failure can go into
 * that account's history; the client sees the same answer either way.
 */
public class InvalidCredentialsException extends IdentityException {

    private final transient String userId;
    private final transient String tenantId;

    public InvalidCredentialsException(String userId, String tenantId) {
        super(ErrorCode.INVALID_CREDENTIALS, "The tenant, email or password is wrong.");
        this.userId = userId;
        this.tenantId = tenantId;
    }

    /** The targeted account's user id, or null when no such account exists. */
    public String userId() {
        return userId;
    }

    public String tenantId() {
        return tenantId;
    }
}
