-- Read tables kept by the projections. `version` is the sequence number of the last event applied to a
-- row: handlers skip older events, so replays and redeliveries are harmless.

CREATE TABLE tenants (
    id                varchar(64)  PRIMARY KEY,
    slug              varchar(63)  NOT NULL,
    name              varchar(200) NOT NULL,
    self_registration boolean      NOT NULL,
    status            varchar(16)  NOT NULL,
    created_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL
);

CREATE TABLE users (
    id               varchar(64)  PRIMARY KEY,
    tenant_id        varchar(64)  NOT NULL,
    email            varchar(254) NOT NULL,
    email_normalized varchar(254) NOT NULL,
    display_name     varchar(100) NOT NULL,
    status           varchar(16)  NOT NULL,
    roles            text[]       NOT NULL,
    created_at       timestamptz  NOT NULL,
    version          bigint       NOT NULL
);
-- Serves the keyset-paginated user list: WHERE tenant_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id
CREATE INDEX users_tenant_keyset_idx ON users (tenant_id, created_at, id);

-- Precomputed counts, changed in the same transaction as the user rows; requests never COUNT(*) users.
CREATE TABLE tenant_stats (
    tenant_id         varchar(64) PRIMARY KEY,
    user_count        bigint      NOT NULL DEFAULT 0,
    active_user_count bigint      NOT NULL DEFAULT 0
);
