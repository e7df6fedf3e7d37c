-- Custom roles of each tenant with their permissions: the catalogue endpoint and the per-request
-- permission check read it.
CREATE TABLE tenant_roles (
    tenant_id   varchar(64) NOT NULL,
    role        varchar(63) NOT NULL,
    permissions text[]      NOT NULL,
    PRIMARY KEY (tenant_id, role)
);
