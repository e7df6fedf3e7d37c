-- A rebuild now runs in a processor of its own (rebuild_processor, with its tokens in token_entry under
-- that name) on the instance that started it (owner), while the projection's own processor keeps the
-- served tables current. The owner reports its progress every few seconds; a rebuild whose heartbeat has
-- stopped (its instance died) may be started again.
ALTER TABLE projection_rebuilds
    ADD COLUMN rebuild_processor varchar(64),
    ADD COLUMN owner             varchar(255),
    ADD COLUMN heartbeat_at      timestamptz,
    ADD COLUMN position          bigint;

-- rebuilds that the previous design left unfinished cannot be taken over
UPDATE projection_rebuilds SET finished_at = now() WHERE finished_at IS NULL;
DROP SCHEMA IF EXISTS rebuild_users CASCADE;
DROP SCHEMA IF EXISTS rebuild_tenants CASCADE;
DROP SCHEMA IF EXISTS rebuild_sessions CASCADE;
DROP SCHEMA IF EXISTS rebuild_audit CASCADE;
