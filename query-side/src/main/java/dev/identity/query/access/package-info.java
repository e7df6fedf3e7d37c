/**
 * What the per-request authorization check needs: a user's status, their tenant's status and the
 * permissions their current roles grant, read from the users and tenants read tables.
 */
package dev.identity.query.access;
