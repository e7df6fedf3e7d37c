package dev.identity.gateway.consistency;

/** A cache of this instance that fences evict, and that is emptied when the listener (re)connects. */
public interface InstanceCache {

    /**
     * Forgets the aggregate in this instance, and refuses anything older than {@code version} of it from now
     * on. Only this instance's memory: the fence's writer has evicted whatever the instances share, and
     * acknowledging must not wait for another service.
     */
    void evictLocally(String aggregateId, long version);

    /** Forgets everything: while the listener was away, evictions may have been missed. */
    void clear();
}
