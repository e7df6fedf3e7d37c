/**
 * The users read table with per-tenant statistics (user and active-user counts) kept in the same
 * transaction as the user rows, and the keyset-paginated user list.
 */
package dev.identity.query.user;
