package dev.identity.gateway.web;

/**
 * A write was stored, but the projection it would be read from cannot show it: either it has parked the
 * write's sequence in its dead-letter queue (it will not show until an operator retries or evicts what is
 * parked), or it has not reached the write within the read-your-writes wait (it will, later). Either way the
 * write must not be sent again.
 */
public class ReadModelStalledException extends RuntimeException {

    private final String processor;
    private final String aggregateId;
    private final boolean parked;

    private ReadModelStalledException(String processor, String aggregateId, boolean parked) {
        super(
                "Read model " + processor + (parked ? " has parked the events of " : " has not reached ") + aggregateId,
                null,
                false,
                false);
        this.processor = processor;
        this.aggregateId = aggregateId;
        this.parked = parked;
    }

    /** The projection has parked the sequence of the aggregate's events. */
    public static ReadModelStalledException parked(String processor, String aggregateId) {
        return new ReadModelStalledException(processor, aggregateId, true);
    }

    /** The projection is behind: it has not shown the aggregate's new state within the wait. */
    public static ReadModelStalledException behind(String processor, String aggregateId) {
        return new ReadModelStalledException(processor, aggregateId, false);
    }

    public String processor() {
        return processor;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public boolean parked() {
        return parked;
    }
}
