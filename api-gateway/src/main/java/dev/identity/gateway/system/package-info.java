/**
 * Cross-cutting web concerns: request ids, sending commands with their metadata, waiting for the read
 * model after a write, RFC 9457 problem responses, security wiring and OpenAPI.
 */
package dev.identity.gateway.system;
