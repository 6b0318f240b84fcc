-- Identity and access: users, roles, permissions, groups, sessions (refresh-token families), MFA,
-- single-use tokens, the access-token deny list and the platform's JWT signing key.
-- Secrets are never stored in the clear: passwords and recovery codes as Argon2id hashes,
-- high-entropy tokens as SHA-256 digests, the MFA secret and the signing key's private half
-- encrypted (AES-GCM) with the platform's encryption key.
-- Foreign keys to users, roles, permissions and groups are checked at commit (DEFERRABLE INITIALLY DEFERRED):
-- the JPA entities hold plain ids, so EclipseLink may insert a referencing row before the one it references.

CREATE TABLE permissions (
    id          uuid PRIMARY KEY,
    name        varchar(127) NOT NULL UNIQUE,   -- resource:action
    resource    varchar(63)  NOT NULL,
    action      varchar(63)  NOT NULL,
    description varchar(500) NOT NULL DEFAULT '',
    created_at  timestamptz  NOT NULL
);

CREATE TABLE roles (
    id              uuid PRIMARY KEY,
    name            varchar(100) NOT NULL,
    description     varchar(500) NOT NULL DEFAULT '',
    tier            integer      NOT NULL CHECK (tier BETWEEN 1 AND 5),
    system_role     boolean      NOT NULL DEFAULT false,
    organization_id uuid REFERENCES organizations (id),  -- NULL for system roles; custom roles belong to an organization
    created_at      timestamptz  NOT NULL,
    created_by      varchar(320) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    updated_by      varchar(320) NOT NULL,
    deleted_at      timestamptz,
    deleted_by      varchar(320),
    version         bigint       NOT NULL DEFAULT 0,
    CONSTRAINT roles_system_or_owned CHECK (system_role = (organization_id IS NULL))
);
CREATE UNIQUE INDEX roles_system_name ON roles (name) WHERE organization_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX roles_custom_name ON roles (organization_id, name) WHERE organization_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE role_permissions (
    role_id       uuid NOT NULL REFERENCES roles (id) DEFERRABLE INITIALLY DEFERRED,
    permission_id uuid NOT NULL REFERENCES permissions (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE users (
    id                      uuid PRIMARY KEY,
    email                   varchar(320) NOT NULL,
    password_hash           varchar(200) NOT NULL,
    first_name              varchar(100) NOT NULL,
    last_name               varchar(100) NOT NULL,
    organization_id         uuid         NOT NULL REFERENCES organizations (id),
    workspace_id            uuid REFERENCES workspaces (id),
    tenant_id               uuid REFERENCES tenants (id),
    status                  varchar(16)  NOT NULL CHECK (status IN ('CREATED', 'ACTIVE', 'INACTIVE', 'DELETED')),
    email_verified          boolean      NOT NULL DEFAULT false,
    last_login_at           timestamptz,
    failed_login_attempts   integer      NOT NULL DEFAULT 0,
    locked_until            timestamptz,
    password_changed_at     timestamptz,
    mfa_enabled             boolean      NOT NULL DEFAULT false,
    mfa_secret_encrypted    varchar(500),            -- AES-GCM; set at enrolment, confirmed when mfa_enabled
    mfa_last_used_step      bigint,                  -- the last accepted TOTP time step: a code is accepted once only
    created_at              timestamptz  NOT NULL,
    created_by              varchar(320) NOT NULL,
    updated_at              timestamptz  NOT NULL,
    updated_by              varchar(320) NOT NULL,
    deleted_at              timestamptz,
    deleted_by              varchar(320),
    version                 bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email_live ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_organization ON users (organization_id) WHERE deleted_at IS NULL;

-- A role held by a user within an organization, optionally narrowed to a workspace or tenant.
CREATE TABLE user_roles (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    role_id         uuid        NOT NULL REFERENCES roles (id) DEFERRABLE INITIALLY DEFERRED,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    workspace_id    uuid REFERENCES workspaces (id),
    tenant_id       uuid REFERENCES tenants (id),
    assigned_at     timestamptz NOT NULL,
    assigned_by     varchar(320) NOT NULL
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role_id, organization_id,
    coalesce(workspace_id, '00000000-0000-0000-0000-000000000000'), coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX user_roles_user ON user_roles (user_id);

CREATE TABLE user_permissions (
    user_id       uuid        NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    permission_id uuid        NOT NULL REFERENCES permissions (id) DEFERRABLE INITIALLY DEFERRED,
    assigned_at   timestamptz NOT NULL,
    assigned_by   varchar(320) NOT NULL,
    PRIMARY KEY (user_id, permission_id)
);

CREATE TABLE groups (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organizations (id),
    name            varchar(200) NOT NULL,
    description     varchar(500) NOT NULL DEFAULT '',
    created_at      timestamptz  NOT NULL,
    created_by      varchar(320) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    updated_by      varchar(320) NOT NULL,
    deleted_at      timestamptz,
    deleted_by      varchar(320),
    version         bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX groups_name_live ON groups (organization_id, name) WHERE deleted_at IS NULL;

CREATE TABLE group_members (
    group_id  uuid        NOT NULL REFERENCES groups (id) DEFERRABLE INITIALLY DEFERRED,
    user_id   uuid        NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    added_at  timestamptz NOT NULL,
    added_by  varchar(320) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

-- Refresh tokens. One login starts a family (= a session); each refresh uses up its token and
-- issues the next in the same family. Presenting a used token again revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    family_id   uuid         NOT NULL,
    user_id     uuid         NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    token_hash  varchar(64)  NOT NULL UNIQUE,   -- SHA-256 hex of the 256-bit token
    issued_at   timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    ip_address  varchar(64),
    user_agent  varchar(500)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- MFA recovery codes: Argon2id hashes, each usable once.
CREATE TABLE mfa_recovery_codes (
    id         uuid PRIMARY KEY,
    user_id    uuid         NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    code_hash  varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL,
    used_at    timestamptz
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id) WHERE used_at IS NULL;

-- Password-reset and email-verification tokens: SHA-256 digests, single use, expiring.
CREATE TABLE user_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    purpose     varchar(32) NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
    token_hash  varchar(64) NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose) WHERE used_at IS NULL;

-- Access tokens revoked before their expiry (logout): the id is denied on every node until then.
CREATE TABLE revoked_access_tokens (
    token_id   varchar(64) PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- The platform's JWT signing key pair, shared by every node of the cluster.
CREATE TABLE signing_keys (
    key_id                varchar(64) PRIMARY KEY,
    algorithm             varchar(16) NOT NULL,
    public_key_pem        text        NOT NULL,
    private_key_encrypted text        NOT NULL,
    created_at            timestamptz NOT NULL
);
