-- Notification channels of a tenant (io.telemetryflow.notifications.channels). settings: JSON object of the plain
-- settings; secrets_sealed: JSON object of the secrets (webhook URLs, routing keys, API keys, bot tokens, signing
-- secrets) sealed with the platform's encryption key (AES-256-GCM, "v1:" + base64), never stored in clear.
CREATE TABLE notification_channels (
    id              uuid PRIMARY KEY,
    tenant_id       uuid          NOT NULL REFERENCES tenants (id),
    name            varchar(200)  NOT NULL,
    type            varchar(20)   NOT NULL,
    settings        text          NOT NULL,
    secrets_sealed  text,
    title_template  text,
    body_template   text,
    enabled         boolean       NOT NULL,
    created_at      timestamptz   NOT NULL,
    created_by      varchar(320)  NOT NULL,
    updated_at      timestamptz   NOT NULL,
    updated_by      varchar(320)  NOT NULL,
    deleted_at      timestamptz,
    deleted_by      varchar(320),
    version         bigint        NOT NULL DEFAULT 0,
    CONSTRAINT notification_channels_type CHECK (type IN ('email', 'slack', 'teams', 'pagerduty', 'opsgenie', 'telegram', 'discord', 'webhook'))
);
CREATE UNIQUE INDEX notification_channels_name ON notification_channels (tenant_id, lower(name)) WHERE deleted_at IS NULL;
