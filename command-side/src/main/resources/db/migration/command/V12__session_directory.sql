-- The command side's own list of the sessions that stand, kept in the appending transaction, so that the
-- revocation policy never depends on the read model; and each account's credential epoch.

ALTER TABLE account_directory ADD COLUMN credential_epoch bigint NOT NULL DEFAULT 0;

CREATE TABLE session_directory (
    session_id       varchar(64) PRIMARY KEY,
    tenant_id        varchar(64) NOT NULL,
    user_id          varchar(64) NOT NULL,
    credential_epoch bigint      NOT NULL,
    started_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX session_directory_user_idx ON session_directory (user_id);
CREATE INDEX session_directory_tenant_idx ON session_directory (tenant_id);

-- Sessions that stand today, from the event store. A payload that is not readable JSON is reported and
-- skipped rather than failing the migration: that session was never usable.
DO $$
DECLARE
    started record;
    payload jsonb;
BEGIN
    FOR started IN
        SELECT e.aggregate_identifier, e.payload FROM domain_event_entry e
        WHERE e.payload_type = 'dev.identity.events.session.SessionStarted'
          AND NOT EXISTS (SELECT 1 FROM domain_event_entry revoked
                          WHERE revoked.aggregate_identifier = e.aggregate_identifier
                            AND revoked.payload_type = 'dev.identity.events.session.SessionRevoked')
    LOOP
        BEGIN
            payload := convert_from(started.payload, 'UTF8')::jsonb;
            IF (payload ->> 'expiresAt')::timestamptz > now() THEN
                INSERT INTO session_directory (session_id, tenant_id, user_id, credential_epoch, started_at, expires_at)
                VALUES (payload ->> 'sessionId', payload ->> 'tenantId', payload ->> 'userId', 0,
                        (payload ->> 'startedAt')::timestamptz, (payload ->> 'expiresAt')::timestamptz)
                ON CONFLICT DO NOTHING;
            END IF;
        EXCEPTION WHEN others THEN
            RAISE WARNING 'session % left out of session_directory: %', started.aggregate_identifier, SQLERRM;
        END;
    END LOOP;
END $$;
