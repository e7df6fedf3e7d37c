/** The tenant's role catalogue: built-in roles and the custom roles a tenant admin defines. */
package dev.identity.gateway.role;
