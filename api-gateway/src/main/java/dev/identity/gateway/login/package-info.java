/**
 * Login, and its hardening: password hashing on a bounded pool with a share kept for logins (503 when full
 * instead of piling up threads), and throttling of password guesses (per account and client with exponential
 * back-off, per account over all clients, per client) and of self-registrations, shared across instances
 * through Redis.
 */
package dev.identity.gateway.login;
