-- Sign-in lockout per account and address (the address counts live in the cluster cache), with locks that
-- double per account; MFA codes lock per account too. A run of failures is forgotten a while after its last one.
ALTER TABLE users
    ADD COLUMN last_failed_login_at timestamptz,
    ADD COLUMN mfa_failed_attempts  integer NOT NULL DEFAULT 0,
    ADD COLUMN mfa_last_failed_at   timestamptz,
    ADD COLUMN mfa_locked_until     timestamptz;

-- A session's sign-in time, carried along on every rotation: the session ends a fixed time after it.
ALTER TABLE refresh_tokens ADD COLUMN session_started_at timestamptz;
UPDATE refresh_tokens t SET session_started_at = (SELECT min(f.issued_at) FROM refresh_tokens f WHERE f.family_id = t.family_id);
ALTER TABLE refresh_tokens ALTER COLUMN session_started_at SET NOT NULL;
