/**
 * Poison events: finding the one event a batch failed on, parking its sequence in Axon's dead-letter queue
 * (table {@code dead_letter_entry}) while every other sequence goes on, and reading what is parked.
 */
package dev.identity.query.deadletter;
