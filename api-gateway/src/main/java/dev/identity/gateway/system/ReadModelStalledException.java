package dev.identity.gateway.system;

/**
 * A write was stored, but the projection it would be read from has parked the write's sequence in its
 * dead-letter queue: it will not show until an operator retries or evicts what is parked.
 */
public class ReadModelStalledException extends RuntimeException {

    private final String processor;
    private final String aggregateId;

    public ReadModelStalledException(String processor, String aggregateId) {
        super("Read model " + processor + " has parked the events of " + aggregateId, null, false, false);
        this.processor = processor;
        this.aggregateId = aggregateId;
    }

    public String processor() {
        return processor;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
