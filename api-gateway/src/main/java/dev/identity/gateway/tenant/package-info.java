/**
 * The tenant endpoints: platform admins create, suspend and reactivate tenants; members read their own;
 * tenant admins define custom roles.
 */
package dev.identity.gateway.tenant;
