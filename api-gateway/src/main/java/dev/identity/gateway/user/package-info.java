/** The user endpoints: create, list, read, deactivate and reactivate users of the caller's tenant. */
package dev.identity.gateway.user;
