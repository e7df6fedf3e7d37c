package dev.identity.events.common;

/**
 * Marks the commands a suspended tenant still accepts: managing the tenant itself, ending sessions (which
 * must work above all for a suspended tenant) and recording failed logins (the audit trail goes on).
 */
public interface AllowedOnSuspendedTenant {}
