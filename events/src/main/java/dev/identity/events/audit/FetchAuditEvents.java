package dev.identity.events.audit;

/** One page of matching events in global order, after the global position {@code after}. */
public record FetchAuditEvents(AuditFilter filter, long after, int limit) {}
