/**
 * The public event stream: every event of the store, published to Kafka in a versioned JSON envelope of
 * its own (never the internal classes), keyed by aggregate id, with secrets removed. The event store is
 * the outbox: an Axon tracking processor publishes, and its token moves only after Kafka acknowledged.
 * docs/events.md is the catalogue for consumers. Also how this service's own Kafka consumers handle a
 * record they cannot read.
 */
package dev.identity.gateway.stream;
