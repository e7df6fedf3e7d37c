/**
 * For operators (platform admins): where each event processor stands against the head of the event store,
 * and rewinding the Kafka publisher so a downstream service that lost data can be fed again.
 */
package dev.identity.gateway.operations;
