package dev.identity.events.session;

public enum RefreshOutcome {
    ROTATED,
    /** A spent refresh token came back: the session has been revoked. */
    REUSE_DETECTED
}
