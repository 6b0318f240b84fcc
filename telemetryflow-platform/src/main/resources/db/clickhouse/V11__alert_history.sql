-- Alert history (issue #16): one row per state transition of an alert instance, written by the evaluator
-- (io.telemetryflow.alerting.AlertHistory) with insert_deduplication_token = rule:tick, so a redelivered evaluation
-- stores its transitions once. Readers always filter by tenant and rule (history of a rule, newest first) and often by
-- fingerprint (one instance's timeline), hence the sort key. 90 days like the reference's alert history, longer than
-- the telemetry it was computed from (30 days for logs and spans); change it with
-- ALTER TABLE alert_history MODIFY TTL toDateTime(at) + INTERVAL <n> DAY (docs/clickhouse-schema.md).
CREATE TABLE IF NOT EXISTS ${database}.alert_history ${on_cluster}
(
    tenant_id UUID,
    rule_id UUID,
    fingerprint String CODEC(ZSTD(1)),
    labels Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    from_state LowCardinality(String),
    to_state LowCardinality(String),
    value Nullable(Float64),
    reason String CODEC(ZSTD(1)),
    at DateTime64(3, 'UTC') CODEC(Delta(8), ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, rule_id, fingerprint, at)
TTL toDateTime(at) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;
