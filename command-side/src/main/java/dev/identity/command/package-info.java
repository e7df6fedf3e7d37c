/**
 * The write model: aggregates that guard the invariants, the set-based checks that need the database
 * (unique slugs and emails), and the Axon event store on PostgreSQL.
 */
package dev.identity.command;
