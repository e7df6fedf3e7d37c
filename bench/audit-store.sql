-- Fills an empty event store with :tenants tenants of :users_per_tenant users each; every user has
-- UserRegistered then 9 role changes (10 events a user). Run by bench/audit-store.sh.
CREATE TEMP TABLE bench_tenants AS
SELECT gen_random_uuid()::text AS tenant_id, n FROM generate_series(1, :tenants) AS n;

CREATE TEMP TABLE bench_users AS
SELECT gen_random_uuid()::text AS user_id, t.tenant_id, u AS n
FROM bench_tenants t, generate_series(1, :users_per_tenant) AS u;

INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                payload_type, payload_revision, payload, meta_data, time_stamp)
SELECT nextval('domain_event_entry_seq'), tenant_id, 0, 'Tenant', gen_random_uuid()::text,
       'dev.identity.events.tenant.TenantCreated', '1',
       convert_to(json_build_object('tenantId', tenant_id, 'slug', 'bench-' || n, 'name', 'Bench ' || n,
                                    'selfRegistration', false)::text, 'UTF8'),
       convert_to(json_build_object('actor', 'system', 'tenantId', tenant_id, 'requestId', 'bench',
                                    'correlationId', 'bench')::text, 'UTF8'),
       to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM bench_tenants ORDER BY n;

INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                payload_type, payload_revision, payload, meta_data, time_stamp)
SELECT nextval('domain_event_entry_seq'), u.user_id, s, 'User', gen_random_uuid()::text,
       CASE WHEN s = 0 THEN 'dev.identity.events.user.UserRegistered'
            WHEN s % 2 = 1 THEN 'dev.identity.events.user.RoleAssigned'
            ELSE 'dev.identity.events.user.RoleRevoked' END,
       CASE WHEN s = 0 THEN '2' ELSE '1' END,
       convert_to(CASE WHEN s = 0 THEN json_build_object('userId', u.user_id, 'tenantId', u.tenant_id,
                           'email', 'user' || u.n || '@bench.test', 'passwordHash', '{bcrypt}$2a$10$benchbenchbenchbenchbu',
                           'displayName', 'User ' || u.n, 'roles', json_build_array('member'), 'registeredBy', 'ADMIN')
                       ELSE json_build_object('userId', u.user_id, 'tenantId', u.tenant_id, 'role', 'auditor') END::text,
                  'UTF8'),
       convert_to(json_build_object('actor', 'bench-admin-' || (u.n % 5), 'tenantId', u.tenant_id,
                                    'requestId', 'bench', 'correlationId', 'bench')::text, 'UTF8'),
       to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM generate_series(0, 9) AS s, bench_users u
ORDER BY s, u.n, u.tenant_id;

SELECT count(*) AS events FROM domain_event_entry;
