/** The sessions read table: listing a user's sessions, and whether a session still stands. */
package dev.identity.query.session;
