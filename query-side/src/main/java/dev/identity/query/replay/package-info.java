/**
 * Rebuilding projections from the event store while their tables keep answering reads and following new
 * events: a processor of the rebuild's own replays into shadow tables, which replace the served ones once
 * the replay has caught up with the live processors.
 */
package dev.identity.query.replay;
