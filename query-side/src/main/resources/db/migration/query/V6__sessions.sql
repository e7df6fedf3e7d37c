-- Sessions as their owners see them (no token material), and whether each still stands: the
-- per-request authorization check joins it.
CREATE TABLE sessions (
    id                varchar(64)  PRIMARY KEY,
    tenant_id         varchar(64)  NOT NULL,
    user_id           varchar(64)  NOT NULL,
    status            varchar(16)  NOT NULL,
    started_at        timestamptz  NOT NULL,
    last_refreshed_at timestamptz  NOT NULL,
    idle_expires_at   timestamptz  NOT NULL,
    expires_at        timestamptz  NOT NULL,
    revoked_at        timestamptz,
    revocation_reason varchar(32),
    client_ip         varchar(64),
    user_agent        varchar(256),
    version           bigint       NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id, started_at);
CREATE INDEX sessions_tenant_active_idx ON sessions (tenant_id) WHERE status = 'ACTIVE';
