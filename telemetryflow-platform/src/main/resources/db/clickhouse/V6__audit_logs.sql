-- The audit trail (reference: core-architecture-diagrams.md "Audit Log Schema"): one row per AUTH,
-- AUTHZ, DATA or SYSTEM event, written from the audit-events queue (AuditEventConsumer) with the
-- event id as insert_deduplication_token, so a redelivered event is stored once. Ids are strings
-- as in the reference ('' when absent: a SYSTEM event has no user or organization, and an actor
-- need not be a user). Readers always filter by organization_id (AuditLogSql.scope) and a time
-- range, hence the sort key. 90-day retention; change it with
-- ALTER TABLE audit_logs MODIFY TTL toDateTime(timestamp) + INTERVAL <n> DAY (docs/clickhouse-schema.md).
CREATE TABLE IF NOT EXISTS ${database}.audit_logs ${on_cluster}
(
    id UUID,
    timestamp DateTime64(3, 'UTC') CODEC(Delta(8), ZSTD(1)),
    user_id String CODEC(ZSTD(1)),
    user_email String CODEC(ZSTD(1)),
    user_first_name String CODEC(ZSTD(1)),
    user_last_name String CODEC(ZSTD(1)),
    event_type Enum8('AUTH' = 1, 'AUTHZ' = 2, 'DATA' = 3, 'SYSTEM' = 4),
    action LowCardinality(String) CODEC(ZSTD(1)),
    resource String CODEC(ZSTD(1)),
    result Enum8('SUCCESS' = 1, 'FAILURE' = 2, 'DENIED' = 3),
    error_message String CODEC(ZSTD(1)),
    ip_address String CODEC(ZSTD(1)),
    user_agent String CODEC(ZSTD(1)),
    metadata String CODEC(ZSTD(1)),
    tenant_id String CODEC(ZSTD(1)),
    workspace_id String CODEC(ZSTD(1)),
    organization_id String CODEC(ZSTD(1)),
    session_id String CODEC(ZSTD(1)),
    duration_ms UInt32 CODEC(ZSTD(1)),
    created_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(Delta(8), ZSTD(1)),
    INDEX idx_user_id user_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_tenant_id tenant_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_resource resource TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_event_type event_type TYPE set(4) GRANULARITY 1,
    INDEX idx_result result TYPE set(3) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (organization_id, timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- Daily counts per organization, event type and result. SummingMergeTree folds the per-insert rows
-- on merge; readers still sum(count) GROUP BY. With deduplicate_blocks_in_dependent_materialized_views=1
-- a redelivered event adds nothing here either (the table keeps its own deduplication window).
CREATE TABLE IF NOT EXISTS ${database}.audit_logs_stats ${on_cluster}
(
    date Date,
    organization_id String CODEC(ZSTD(1)),
    event_type Enum8('AUTH' = 1, 'AUTHZ' = 2, 'DATA' = 3, 'SYSTEM' = 4),
    result Enum8('SUCCESS' = 1, 'FAILURE' = 2, 'DENIED' = 3),
    count UInt64
)
ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(date)
ORDER BY (organization_id, date, event_type, result)
TTL date + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.audit_logs_stats_mv ${on_cluster}
TO ${database}.audit_logs_stats
AS SELECT
    toDate(timestamp) AS date,
    organization_id,
    event_type,
    result,
    toUInt64(count()) AS count
FROM ${database}.audit_logs
GROUP BY date, organization_id, event_type, result;

-- Daily activity per user and event type (events without a user are left out).
CREATE TABLE IF NOT EXISTS ${database}.audit_logs_user_activity ${on_cluster}
(
    date Date,
    organization_id String CODEC(ZSTD(1)),
    user_id String CODEC(ZSTD(1)),
    event_type Enum8('AUTH' = 1, 'AUTHZ' = 2, 'DATA' = 3, 'SYSTEM' = 4),
    count UInt64
)
ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(date)
ORDER BY (organization_id, date, user_id, event_type)
TTL date + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.audit_logs_user_activity_mv ${on_cluster}
TO ${database}.audit_logs_user_activity
AS SELECT
    toDate(timestamp) AS date,
    organization_id,
    user_id,
    event_type,
    toUInt64(count()) AS count
FROM ${database}.audit_logs
WHERE user_id != ''
GROUP BY date, organization_id, user_id, event_type;
