/** Password hashing and credential checks: how a user proves who they are. */
package dev.identity.command.session;
