/**
 * The HTTP edge, knowing no feature: request ids, the checks every input passes at the door (text, body
 * size and media type, instants), RFC 9457 problem responses (Tomcat's and the firewall's rejections
 * included; 503 when the database is out of reach; Retry-After for refusals that pass), and OpenAPI.
 */
package dev.identity.gateway.web;
