/** The REST API: controllers per feature, JWT authentication, problem responses, request metadata. */
package dev.identity.gateway;
