/**
 * How the live projections' processors are configured: per projection, its commit, its notifications, its
 * error handling and dead-letter policy. Apart from {@code system} (the mechanisms) so that those depend on no
 * projection.
 */
package dev.identity.query.processing;
