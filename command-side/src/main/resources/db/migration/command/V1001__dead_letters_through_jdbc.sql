-- Axon's JDBC dead-letter queue writes, reads and compares these instants as text in its own ISO-8601 form
-- (UTC, milliseconds), as the JPA queue did with time_stamp already. Letters parked before keep their instants.
ALTER TABLE dead_letter_entry
    ALTER COLUMN enqueued_at TYPE varchar(255)
        USING to_char(enqueued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ALTER COLUMN last_touched TYPE varchar(255)
        USING to_char(last_touched AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ALTER COLUMN processing_started TYPE varchar(255)
        USING to_char(processing_started AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
