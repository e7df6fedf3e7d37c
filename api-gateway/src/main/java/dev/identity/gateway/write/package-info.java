/**
 * The write path's two steps every feature takes: send a command as the caller (with its tenant, actor and
 * request metadata), then wait until the read model shows it, fenced on every instance when it may take
 * access away.
 */
package dev.identity.gateway.write;
