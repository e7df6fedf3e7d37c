/**
 * Rebuilding a projection from the event store while its tables keep answering reads: the processor
 * replays into shadow tables, which replace the served ones once the replay has caught up.
 */
package dev.identity.query.replay;
