-- Set-based validation and login lookups, written in the same transaction as the events they follow.

CREATE TABLE tenant_directory (
    tenant_id         varchar(64) PRIMARY KEY,
    slug              varchar(63) NOT NULL UNIQUE,
    status            varchar(16) NOT NULL,
    self_registration boolean     NOT NULL
);

CREATE TABLE account_directory (
    tenant_id     varchar(64)  NOT NULL,
    email         varchar(254) NOT NULL,  -- trimmed and lower-cased: unique per tenant, case-insensitively
    user_id       varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    status        varchar(16)  NOT NULL,
    roles         text[]       NOT NULL,
    PRIMARY KEY (tenant_id, email)
);
