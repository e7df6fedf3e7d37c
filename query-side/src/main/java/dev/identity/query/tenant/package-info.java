/** The tenants read table and its queries; user counts come from the users projection's statistics. */
package dev.identity.query.tenant;
