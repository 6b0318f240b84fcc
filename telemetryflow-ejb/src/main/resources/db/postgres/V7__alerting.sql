-- Alert rules and their instances (issue #16, docs/alerting.md). A rule belongs to one tenant; its body is the
-- AlertRuleSpec as accepted (validated on every write and again before each evaluation). The scheduler claims due rules
-- by next_evaluation_at (SELECT ... FOR UPDATE SKIP LOCKED, so each tick is claimed by one node of the cluster); the
-- evaluator moves last_tick forward under the row lock, so a tick evaluates at most once even if its message came twice.
-- version is the optimistic lock of PUT (a stale version is a 409); the scheduling and evaluation columns are written in
-- SQL only and never move it.
CREATE TABLE alert_rules (
    id                      uuid PRIMARY KEY,
    tenant_id               uuid          NOT NULL REFERENCES tenants (id),
    name                    varchar(200)  NOT NULL,
    kind                    varchar(16)   NOT NULL,
    severity                varchar(16)   NOT NULL,
    spec                    jsonb         NOT NULL,
    enabled                 boolean       NOT NULL,
    interval_seconds        integer       NOT NULL CHECK (interval_seconds > 0),
    next_evaluation_at      timestamptz   NOT NULL,
    last_tick               timestamptz,
    evaluations             bigint        NOT NULL DEFAULT 0,
    last_evaluated_at       timestamptz,
    last_evaluation_lag_ms  bigint,
    last_query_ms           bigint,
    last_error              varchar(1000),
    created_at              timestamptz   NOT NULL,
    created_by              varchar(320)  NOT NULL,
    updated_at              timestamptz   NOT NULL,
    updated_by              varchar(320)  NOT NULL,
    deleted_at              timestamptz,
    deleted_by              varchar(320),
    version                 bigint        NOT NULL DEFAULT 0
);
CREATE INDEX alert_rules_tenant ON alert_rules (tenant_id, name) WHERE deleted_at IS NULL;
CREATE INDEX alert_rules_due ON alert_rules (next_evaluation_at) WHERE enabled AND deleted_at IS NULL;

-- One row per alert instance (a group-by series of a rule, named by the fingerprint of its labels) that is not Normal
-- or has been seen lately: its state, the reason, the last value and the timers of the state machine
-- (io.telemetryflow.alerting.InstanceState). Replaced by each evaluation of the rule.
CREATE TABLE alert_instances (
    rule_id                 uuid          NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    fingerprint             char(16)      NOT NULL,
    tenant_id               uuid          NOT NULL,
    labels                  jsonb         NOT NULL,
    state                   varchar(16)   NOT NULL,
    reason                  varchar(1000),
    value                   double precision,
    state_since             timestamptz   NOT NULL,
    pending_since           timestamptz,
    firing_since            timestamptz,
    last_breach_at          timestamptz,
    missing_evaluations     integer       NOT NULL DEFAULT 0,
    last_evaluated_at       timestamptz   NOT NULL,
    acknowledged_by         varchar(320),
    acknowledged_at         timestamptz,
    PRIMARY KEY (rule_id, fingerprint)
);
CREATE INDEX alert_instances_tenant_state ON alert_instances (tenant_id, state);
