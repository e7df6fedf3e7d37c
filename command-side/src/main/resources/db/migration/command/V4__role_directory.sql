-- Custom roles per tenant, for the set-based checks on role assignment and deletion.
CREATE TABLE role_directory (
    tenant_id varchar(64) NOT NULL,
    role      varchar(63) NOT NULL,
    PRIMARY KEY (tenant_id, role)
);
