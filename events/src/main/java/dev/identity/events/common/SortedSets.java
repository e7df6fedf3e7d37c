package dev.identity.events.common;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Sets in commands and events (roles, permissions) iterate in sorted order. {@code Set.copyOf} would iterate
 * in an order that changes from one JVM to the next, and then the same event would be written differently
 * to JSON, Kafka, the audit trail and the read tables by different instances, or by a rebuild.
 */
public final class SortedSets {

    private SortedSets() {}

    public static SortedSet<String> copyOf(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
