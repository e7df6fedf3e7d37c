/** The user aggregate: an account inside one tenant, with its credential epoch; and password changes. */
package dev.identity.command.user;
