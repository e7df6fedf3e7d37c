/** Messages of the user aggregate: a person's account inside one tenant. */
package dev.identity.events.user;
