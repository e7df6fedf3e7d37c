/**
 * Sessions: password checks (how a user proves who they are), the session aggregate with its rotating refresh
 * tokens, and the policy that ends the sessions a credential change, deactivation or suspension has outlived.
 */
package dev.identity.command.session;
