/**
 * Messages of the session aggregate: a login's whole life, from start through refresh-token rotations to
 * its end. Only SHA-256 hashes of refresh tokens ever appear here, never the tokens.
 */
package dev.identity.events.session;
