/**
 * The authorization hot path: what a request may do, from an in-process cache (Caffeine), then Redis,
 * then PostgreSQL. Entries are evicted by the events that change them (locally when this instance made
 * the change, on every live instance by the writer's fence before a revocation answers, and through the
 * Kafka stream on every instance), and live at most a time-to-live, which bounds staleness when Kafka is
 * down. The caches are used only while the instance holds its lease (package {@code consistency}).
 */
package dev.identity.gateway.access;
