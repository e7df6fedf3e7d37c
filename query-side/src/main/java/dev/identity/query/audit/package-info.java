/**
 * The audit trail: every event of the store, one row each with its metadata and its data (secrets
 * removed), indexed for the questions audit teams ask — by aggregate, type, actor and time.
 */
package dev.identity.query.audit;
