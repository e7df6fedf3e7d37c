/**
 * Cross-cutting web concerns: request ids, sending commands with their metadata, waiting for the read
 * model after a write, RFC 9457 problem responses (503 when the database is out of reach), the circuit
 * that skips Redis after a failure, security wiring and OpenAPI.
 */
package dev.identity.gateway.system;
