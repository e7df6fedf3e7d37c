/**
 * What the per-request authorization check needs: whether the session, its user and their tenant still
 * stand, and the permissions the user's current roles grant, read from the sessions, users, tenants and
 * tenant_roles read tables.
 */
package dev.identity.query.access;
