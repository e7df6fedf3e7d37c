/** The audit API: the event history, filtered, paged, exported as NDJSON, and per aggregate. */
package dev.identity.gateway.audit;
