package dev.identity.events.session;

/** Why a session ended before its time. */
public enum RevocationReason {
    LOGOUT,
    REVOKED,
    REFRESH_TOKEN_REUSE,
    USER_DEACTIVATED,
    TENANT_SUSPENDED,
    PASSWORD_CHANGED
}
