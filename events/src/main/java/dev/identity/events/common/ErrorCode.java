package dev.identity.events.common;

/**
 * Stable codes for rejected commands and failed lookups. The gateway maps each to an HTTP status and a
 * problem {@code type}; clients may rely on the code, never on the message text.
 */
public enum ErrorCode {
    TENANT_NOT_FOUND,
    TENANT_SLUG_TAKEN,
    TENANT_SUSPENDED,
    SELF_REGISTRATION_DISABLED,
    USER_NOT_FOUND,
    USER_DEACTIVATED,
    EMAIL_TAKEN,
    INVALID_CREDENTIALS,
    ROLE_NOT_FOUND,
    ROLE_IN_USE,
    BUILT_IN_ROLE,
    INVALID_PERMISSION,
    SESSION_NOT_FOUND,
    SESSION_REVOKED,
    SESSION_EXPIRED,
    REFRESH_TOKEN_INVALID,
    REFRESH_TOKEN_REUSED,
    DEAD_LETTER_NOT_FOUND,
    /** The change would leave the tenant without an active admin. */
    LAST_ADMIN,
    /** The platform tenant cannot be suspended: it holds the platform's admins. */
    PLATFORM_TENANT
}
