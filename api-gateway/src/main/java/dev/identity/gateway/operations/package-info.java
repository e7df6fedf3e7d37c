/**
 * For operators (platform admins): where each event processor stands against the head of the event store,
 * dead letters, replays, rewinding the Kafka publisher so a downstream service that lost data can be fed
 * again, and SQL statements counted per request to prove the hot path runs none.
 */
package dev.identity.gateway.operations;
