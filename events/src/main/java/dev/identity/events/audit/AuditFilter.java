package dev.identity.events.audit;

import java.time.Instant;

/**
 * Which events to show; every field may be null (no restriction). {@code tenantId} null means all tenants,
 * which only platform auditors may ask for. {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditFilter(String tenantId, String aggregateId, String type, String actor, Instant from, Instant to) {}
