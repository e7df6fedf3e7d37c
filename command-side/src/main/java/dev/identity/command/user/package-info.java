/** The user aggregate: an account inside one tenant. */
package dev.identity.command.user;
