/** Messages of the tenant aggregate: a tenant is an isolated space of users with its own settings. */
package dev.identity.events.tenant;
