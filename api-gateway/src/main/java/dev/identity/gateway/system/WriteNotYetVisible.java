package dev.identity.gateway.system;

/**
 * A write was stored, but the read model that answers it is being rebuilt and will show it only when the
 * rebuilt tables switch in: the client gets 202 with the aggregate's id instead of a stale answer.
 */
public class WriteNotYetVisible extends RuntimeException {

    private final String aggregateId;

    public WriteNotYetVisible(String aggregateId) {
        super("The change to " + aggregateId + " is stored; a projection is being rebuilt, and the change shows"
                + " once it switches in (GET /api/v1/admin/projections).", null, false, false);
        this.aggregateId = aggregateId;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
