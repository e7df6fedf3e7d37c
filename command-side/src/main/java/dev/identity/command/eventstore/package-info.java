/**
 * The Axon event store on PostgreSQL without Axon Server: JSON serialization, bytea instead of large
 * objects, a gap-free global sequence, the metadata every event carries, and the command-side wiring.
 */
package dev.identity.command.eventstore;
