-- The event store is appended to by Axon's JDBC engine (ADR 0005), which leaves global_index to the
-- database: the same sequence Hibernate drew from, one value per event.
ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('domain_event_entry_seq');
ALTER SEQUENCE domain_event_entry_seq OWNED BY domain_event_entry.global_index;
