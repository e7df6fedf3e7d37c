-- The as-of query finds a user's sessions by the userId inside session events.
CREATE INDEX audit_events_session_user_idx ON audit_events ((data ->> 'userId'), global_position)
    WHERE aggregate_type = 'Session';
