/** The tenant's role catalogue, as the features check it: built-in roles, custom roles, and who outranks whom. */
package dev.identity.gateway.role;
