/**
 * The read model: projections that keep denormalized tables up to date from the event stream, and the query
 * handlers that read them. Knows the events contract, never the command side.
 */
package dev.identity.query;
