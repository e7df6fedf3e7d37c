/**
 * Login hardening: password hashing on a bounded pool (503 when full instead of piling up threads), and
 * brute-force throttling per account and per client address, shared across instances through Redis.
 */
package dev.identity.gateway.login;
