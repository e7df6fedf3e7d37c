package dev.identity.gateway.migration;

/** A line of an import that is skipped, with a stable code and a detail naming what is wrong with it. */
final class RejectedLine extends Exception {

    private final String code;

    RejectedLine(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
