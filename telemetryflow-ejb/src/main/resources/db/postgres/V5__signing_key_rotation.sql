-- JWT signing-key rotation (docs/iam.md "Rotating the signing key"): each key is NEXT (published to the verifiers,
-- signs nothing yet), ACTIVE (signs) or RETIRED (published until the tokens it signed have expired). The key the
-- platform has used so far becomes the ACTIVE one; start-up then creates the NEXT one.
ALTER TABLE signing_keys
    ADD COLUMN state        varchar(16),
    ADD COLUMN activated_at timestamptz,
    ADD COLUMN retired_at   timestamptz;

UPDATE signing_keys SET state = 'ACTIVE', activated_at = created_at
WHERE key_id = (SELECT key_id FROM signing_keys ORDER BY created_at DESC LIMIT 1);
UPDATE signing_keys SET state = 'RETIRED', retired_at = created_at WHERE state IS NULL;

ALTER TABLE signing_keys
    ALTER COLUMN state SET NOT NULL,
    ADD CONSTRAINT signing_keys_state CHECK (state IN ('NEXT', 'ACTIVE', 'RETIRED')),
    ADD CONSTRAINT signing_keys_retired_at CHECK ((state = 'RETIRED') = (retired_at IS NOT NULL));

-- At most one ACTIVE and one NEXT key.
CREATE UNIQUE INDEX signing_keys_one_per_state ON signing_keys (state) WHERE state IN ('ACTIVE', 'NEXT');
