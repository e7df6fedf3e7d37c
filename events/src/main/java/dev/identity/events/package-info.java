/**
 * The shared contract between the command side, the query side and the gateway: commands (imperative),
 * events (past tense), queries and their views, as immutable records, plus the error codes a rejected
 * command carries. Depends on nothing but Java and Axon's annotations.
 */
package dev.identity.events;
