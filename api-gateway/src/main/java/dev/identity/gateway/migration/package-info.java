/**
 * Moving users in from another identity system: the streamed NDJSON import and the conversion of the
 * password hashes it carries (bcrypt, Argon2, Keycloak's PBKDF2) to the stored form login verifies.
 */
package dev.identity.gateway.migration;
