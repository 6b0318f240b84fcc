-- Notification routing (docs/alerting.md, "Notification routing"): policies, silences, maintenance windows and
-- inhibition rules per tenant; the alert instances notifications know of; Alertmanager-style aggregation groups;
-- every notification and every delivery attempt. The validated definitions are kept as the JSON the API reads back
-- (parsed again by the domain on read), with the columns queries filter and order by beside them.

CREATE TABLE notification_policies (
    id          uuid PRIMARY KEY,
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    name        varchar(200) NOT NULL,
    position    integer      NOT NULL,
    is_default  boolean      NOT NULL,
    definition  text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL
);
CREATE INDEX notification_policies_tenant ON notification_policies (tenant_id, position);

CREATE TABLE notification_silences (
    id          uuid PRIMARY KEY,
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    definition  text         NOT NULL,
    starts_at   timestamptz  NOT NULL,
    ends_at     timestamptz  NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL
);
CREATE INDEX notification_silences_tenant ON notification_silences (tenant_id, ends_at);

CREATE TABLE notification_maintenance_windows (
    id          uuid PRIMARY KEY,
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    name        varchar(200) NOT NULL,
    definition  text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL
);
CREATE INDEX notification_maintenance_windows_tenant ON notification_maintenance_windows (tenant_id);

CREATE TABLE notification_inhibition_rules (
    id          uuid PRIMARY KEY,
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    name        varchar(200) NOT NULL,
    definition  text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(320) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(320) NOT NULL
);
CREATE INDEX notification_inhibition_rules_tenant ON notification_inhibition_rules (tenant_id);

-- The instances that fire (or fired and wait for their resolve notification), as the evaluation last reported them:
-- the firing ones are the sources inhibition rules look at.
CREATE TABLE notification_active_alerts (
    tenant_id    uuid         NOT NULL REFERENCES tenants (id),
    rule_id      uuid         NOT NULL,
    fingerprint  varchar(64)  NOT NULL,
    labels       text         NOT NULL,
    firing       boolean      NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, rule_id, fingerprint)
);

-- One Alertmanager aggregation group (policy x rule x group-by values); state is the domain's AggregationGroup as JSON.
CREATE TABLE notification_groups (
    id             uuid PRIMARY KEY,
    tenant_id      uuid         NOT NULL REFERENCES tenants (id),
    group_key      varchar(64)  NOT NULL,
    policy_id      uuid         NOT NULL,
    rule_id        uuid         NOT NULL,
    rule_name      varchar(200) NOT NULL,
    severity       varchar(16)  NOT NULL,
    group_labels   text         NOT NULL,
    annotations    text         NOT NULL,
    state          text         NOT NULL,
    next_flush_at  timestamptz  NOT NULL,
    UNIQUE (tenant_id, group_key)
);
CREATE INDEX notification_groups_due ON notification_groups (next_flush_at);

-- One notification of a group (sent to each of the policy's channels), or one the per-rule cap dropped.
CREATE TABLE notification_sends (
    id            uuid PRIMARY KEY,
    tenant_id     uuid         NOT NULL REFERENCES tenants (id),
    rule_id       uuid         NOT NULL,
    group_key     varchar(64)  NOT NULL,
    status        varchar(16)  NOT NULL,
    fingerprints  text[]       NOT NULL,
    channel_ids   text[]       NOT NULL,
    message       text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    dropped       varchar(32)
);
CREATE INDEX notification_sends_rule ON notification_sends (tenant_id, rule_id, created_at);

-- Every delivery attempt of a notification to a channel; outcome delivered | retrying | failed | dead_lettered.
CREATE TABLE notification_delivery_attempts (
    id               bigserial PRIMARY KEY,
    notification_id  uuid          NOT NULL REFERENCES notification_sends (id) ON DELETE CASCADE,
    tenant_id        uuid          NOT NULL,
    channel_id       uuid          NOT NULL,
    attempt          integer       NOT NULL,
    at               timestamptz   NOT NULL,
    outcome          varchar(16)   NOT NULL,
    status_code      integer,
    error            varchar(1000)
);
CREATE INDEX notification_delivery_attempts_notification ON notification_delivery_attempts (notification_id, channel_id, attempt);
