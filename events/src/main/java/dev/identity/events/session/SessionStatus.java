package dev.identity.events.session;

public enum SessionStatus {
    ACTIVE,
    EXPIRED,
    REVOKED
}
