-- Tenancy hierarchy: Region -> Organization -> Workspace -> Tenant.
-- Every level: UUID key, slug unique among its live siblings, soft delete, audit fields.

CREATE TABLE regions (
    id          uuid PRIMARY KEY,
    code        varchar(63)  NOT NULL,
    name        varchar(200) NOT NULL,
    active      boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL,
    deleted_at  timestamptz,
    deleted_by  varchar(320),
    version     bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX regions_code_live ON regions (code) WHERE deleted_at IS NULL;

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    region_id   uuid         NOT NULL REFERENCES regions (id),
    slug        varchar(63)  NOT NULL,
    name        varchar(200) NOT NULL,
    active      boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL,
    deleted_at  timestamptz,
    deleted_by  varchar(320),
    version     bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX organizations_slug_live ON organizations (region_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE workspaces (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organizations (id),
    slug            varchar(63)  NOT NULL,
    name            varchar(200) NOT NULL,
    active          boolean      NOT NULL DEFAULT true,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(320) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    updated_by      varchar(320) NOT NULL,
    deleted_at      timestamptz,
    deleted_by      varchar(320),
    version         bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX workspaces_slug_live ON workspaces (organization_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE tenants (
    id           uuid PRIMARY KEY,
    workspace_id uuid         NOT NULL REFERENCES workspaces (id),
    slug         varchar(63)  NOT NULL,
    name         varchar(200) NOT NULL,
    active       boolean      NOT NULL DEFAULT true,
    created_at   timestamptz  NOT NULL,
    created_by   varchar(320) NOT NULL,
    updated_at   timestamptz  NOT NULL,
    updated_by   varchar(320) NOT NULL,
    deleted_at   timestamptz,
    deleted_by   varchar(320),
    version      bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX tenants_slug_live ON tenants (workspace_id, slug) WHERE deleted_at IS NULL;
