package dev.identity.gateway.login;

import java.time.Duration;

/**
 * Exponential back-off on failures: the first {@code freeFailures} cost nothing; from then on each failure
 * makes the next attempt wait, {@code firstWait} after the last free one and twice as long after each further
 * failure, up to {@code longestWait}. Failures are forgotten {@code forgetAfter} after the last one (or the
 * end of its wait, when that is later).
 */
record BackOffPolicy(int freeFailures, Duration firstWait, Duration longestWait, Duration forgetAfter) {

    BackOffPolicy {
        if (freeFailures < 1) {
            throw new IllegalArgumentException("freeFailures must be at least 1");
        }
        if (firstWait.isNegative() || firstWait.isZero() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("waits must be positive, the longest at least the first");
        }
    }

    /** How long the next attempt waits once {@code failures} failures are counted. */
    long waitMillisAfter(int failures) {
        if (failures < freeFailures) {
            return 0;
        }
        int doublings = Math.min(failures - freeFailures, 40);
        return Math.min(firstWait.toMillis() << doublings, longestWait.toMillis());
    }
}
