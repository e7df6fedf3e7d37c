package dev.identity.events.audit;

import java.util.List;

/** {@code nextAfter} is the {@code after} of the next page, or null when this was the last one. */
public record AuditPage(List<AuditEventView> items, Long nextAfter) {}
