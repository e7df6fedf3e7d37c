package dev.identity.events.common;

/** Metadata keys every command carries and every event inherits from the command that caused it. */
public final class EventMetadata {

    public static final String TENANT_ID = "tenantId";
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String REQUEST_ID = "requestId";

    /** The actor of changes no user asked for (bootstrap, schedulers). */
    public static final String SYSTEM_ACTOR = "system";

    private EventMetadata() {}
}
