package dev.identity.events.common;

/**
 * The aggregate types events are stored and published under: Axon names an aggregate's events after its
 * class, so these are the command side's aggregate class names. Readers of the store, the audit trail and
 * the stream filter by them.
 */
public final class AggregateTypes {

    public static final String TENANT = "Tenant";
    public static final String USER = "User";
    public static final String SESSION = "Session";

    private AggregateTypes() {}
}
