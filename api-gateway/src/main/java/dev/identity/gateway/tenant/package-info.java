/** The tenant endpoints: platform admins create, suspend and reactivate tenants; members read their own. */
package dev.identity.gateway.tenant;
