/** The {@code prod} profile's checks: what it refuses to start with, and what it warns about. */
package dev.identity.gateway.production;
