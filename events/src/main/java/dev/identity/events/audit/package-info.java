/** Queries of the audit trail and the views they return. */
package dev.identity.events.audit;
