/**
 * The user endpoints: create, list, read, deactivate and reactivate users of the caller's tenant, change a
 * password, self-registration, and an administrator's view of a user's sessions.
 */
package dev.identity.gateway.user;
