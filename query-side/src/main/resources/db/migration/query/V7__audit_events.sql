-- The audit trail: one row per event, secrets removed. Every filter of the audit API is served by an
-- index ending in global_position, so a filtered page reads only the rows it returns.
CREATE TABLE audit_events (
    global_position    bigint       PRIMARY KEY,
    event_id           varchar(64)  NOT NULL UNIQUE,
    tenant_id          varchar(64),
    aggregate_type     varchar(64),
    aggregate_id       varchar(64),
    aggregate_sequence bigint,
    event_type         varchar(100) NOT NULL,
    occurred_at        timestamptz  NOT NULL,
    actor              varchar(64),
    correlation_id     varchar(64),
    request_id         varchar(64),
    data               jsonb        NOT NULL
);
CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, global_position);
CREATE INDEX audit_events_aggregate_idx ON audit_events (aggregate_id, global_position);
CREATE INDEX audit_events_type_idx ON audit_events (tenant_id, event_type, global_position);
CREATE INDEX audit_events_actor_idx ON audit_events (tenant_id, actor, global_position);
CREATE INDEX audit_events_time_idx ON audit_events (tenant_id, occurred_at, global_position);
CREATE INDEX audit_events_all_type_idx ON audit_events (event_type, global_position);
CREATE INDEX audit_events_all_actor_idx ON audit_events (actor, global_position);
CREATE INDEX audit_events_all_time_idx ON audit_events (occurred_at, global_position);
