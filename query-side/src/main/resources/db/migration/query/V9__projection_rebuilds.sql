-- One row per projection that has been rebuilt. While finished_at is null, the projection's processor
-- replays the event store into the tables of shadow_schema, and reads are still served by the tables in
-- public; when the replay has caught up, the shadow tables replace them in one transaction.
CREATE TABLE projection_rebuilds (
    processing_group varchar(64)  PRIMARY KEY,
    shadow_schema    varchar(63)  NOT NULL,
    head_at_start    bigint       NOT NULL,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz
);
