/**
 * Cross-cutting web concerns: request ids, the checks every input passes at the door (text, body size and
 * media type, instants), sending commands with their metadata, waiting for the read model after a write,
 * RFC 9457 problem responses (Tomcat's and the firewall's rejections included; 503 when the database is out
 * of reach), the circuit that skips Redis after a failure, security wiring and OpenAPI.
 */
package dev.identity.gateway.system;
