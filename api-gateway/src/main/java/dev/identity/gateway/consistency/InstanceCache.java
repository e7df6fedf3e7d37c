package dev.identity.gateway.consistency;

/** A cache of this instance that fences evict, and that is emptied when the listener (re)connects. */
public interface InstanceCache {

    /** Forgets the aggregate, and refuses anything older than {@code version} of it from now on. */
    void evict(String aggregateId, long version);

    /** Forgets everything: while the listener was away, evictions may have been missed. */
    void clear();
}
