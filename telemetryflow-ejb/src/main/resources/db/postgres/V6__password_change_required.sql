-- A password an administrator chose is known to them: its user must choose their own at the next sign-in
-- (docs/iam.md "First sign-in"). Accounts that exist already keep signing in as before.
ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
