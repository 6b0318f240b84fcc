-- Sign-in lockout per account and address (the address counts live in the cluster cache), with locks that
-- double per account; MFA codes lock per account too. A run of failures is forgotten a while after its last one.
ALTER TABLE users
    ADD COLUMN last_failed_login_at timestamptz,
    ADD COLUMN mfa_failed_attempts  integer NOT NULL DEFAULT 0,
    ADD COLUMN mfa_last_failed_at   timestamptz,
    ADD COLUMN mfa_locked_until     timestamptz;
