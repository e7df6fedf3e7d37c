/**
 * Sessions: login starts one, refresh tokens rotate inside it, and logout, administrators, deactivation,
 * suspension or a password change end it. Every step is a command on the session aggregate.
 */
package dev.identity.gateway.session;
