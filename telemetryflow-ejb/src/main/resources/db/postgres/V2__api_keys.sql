-- API keys: AWS-style pairs. The key id (tfk_...) is public and indexed; the secret (tfs_...) is
-- stored only as an Argon2id hash. During rotation the previous hash stays valid until
-- previous_secret_valid_until. Scope: an organization, optionally narrowed to a workspace and tenant.

CREATE TABLE api_keys (
    id                          uuid PRIMARY KEY,
    key_id                      varchar(28)   NOT NULL,
    name                        varchar(200)  NOT NULL,
    secret_hash                 varchar(200)  NOT NULL,
    previous_secret_hash        varchar(200),
    previous_secret_valid_until timestamptz,
    organization_id             uuid          NOT NULL REFERENCES organizations (id),
    workspace_id                uuid          REFERENCES workspaces (id),
    tenant_id                   uuid          REFERENCES tenants (id),
    permissions                 varchar(2000) NOT NULL,
    expires_at                  timestamptz,
    revoked_at                  timestamptz,
    last_used_at                timestamptz,
    use_count                   bigint        NOT NULL DEFAULT 0,
    created_at                  timestamptz   NOT NULL,
    created_by                  varchar(320)  NOT NULL,
    updated_at                  timestamptz   NOT NULL,
    updated_by                  varchar(320)  NOT NULL,
    deleted_at                  timestamptz,
    deleted_by                  varchar(320),
    version                     bigint        NOT NULL DEFAULT 0,
    CONSTRAINT api_keys_tenant_needs_workspace CHECK (tenant_id IS NULL OR workspace_id IS NOT NULL)
);
CREATE UNIQUE INDEX api_keys_key_id ON api_keys (key_id);
CREATE INDEX api_keys_organization ON api_keys (organization_id) WHERE deleted_at IS NULL;
