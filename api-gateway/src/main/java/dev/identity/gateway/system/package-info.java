/**
 * Low-level plumbing with no feature of its own: Axon's command timeouts without a stack trace per command,
 * the circuit that skips Redis after a failure, SHA-256.
 */
package dev.identity.gateway.system;
