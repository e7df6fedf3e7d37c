-- Events an operator evicted from a processor's dead-letter queue (DeadLetterEvicted), written with that event.
-- A rebuild of the processor's projection skips them too, so that it gives the tables the live processor had.
CREATE TABLE dead_letter_evictions (
    processor  varchar(255) NOT NULL,
    event_id   varchar(255) NOT NULL,
    evicted_at timestamptz  NOT NULL,
    PRIMARY KEY (processor, event_id)
);
