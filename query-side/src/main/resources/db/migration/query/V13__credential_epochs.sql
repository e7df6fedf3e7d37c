-- The credential epoch of each user and of the login each session came from: the per-request check refuses
-- a session whose epoch is older than its user's, before the revocation policy has ended it.
ALTER TABLE users ADD COLUMN credential_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN credential_epoch bigint NOT NULL DEFAULT 0;
