/** What may be shown of an event outside the event store: the audit trail and the Kafka stream share it. */
package dev.identity.query.publicview;
