package dev.identity.events.session;

/** A session by id, whatever its tenant: callers check the tenant themselves. */
public record FetchSession(String sessionId) {}
