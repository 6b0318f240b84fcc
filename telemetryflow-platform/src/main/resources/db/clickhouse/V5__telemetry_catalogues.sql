-- Catalogues for pickers and autocompletion, kept current by materialized views on every signal
-- table: which services a tenant has (per signal) and which metrics each service emits. Both are
-- AggregatingMergeTree: each insert block adds one row per key and merges fold them; readers
-- aggregate anyway (GROUP BY with min/max/sum/any, or FINAL). first_seen/last_seen are record
-- times (span start, log timestamp, data point timestamp), not arrival times. organization_id
-- and workspace_id follow from tenant_id, so they ride along as any().
-- The views run inside the insert into the signal table: with
-- deduplicate_blocks_in_dependent_materialized_views=1 a redelivered batch (same
-- insert_deduplication_token) adds nothing here either.
CREATE TABLE IF NOT EXISTS ${database}.service_catalogue ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    service_name LowCardinality(String) CODEC(ZSTD(1)),
    signal LowCardinality(String) CODEC(ZSTD(1)),
    organization_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    workspace_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    first_seen SimpleAggregateFunction(min, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    last_seen SimpleAggregateFunction(max, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    record_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, service_name, signal)
TTL toDateTime(last_seen) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS ${database}.metric_catalogue ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    service_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_type LowCardinality(String) CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    organization_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    workspace_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    metric_description SimpleAggregateFunction(anyLast, String) CODEC(ZSTD(1)),
    aggregation_temporality SimpleAggregateFunction(anyLast, UInt8) CODEC(ZSTD(1)),
    is_monotonic SimpleAggregateFunction(anyLast, Bool) CODEC(ZSTD(1)),
    first_seen SimpleAggregateFunction(min, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    last_seen SimpleAggregateFunction(max, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    data_point_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, service_name, metric_name, metric_type, metric_unit)
TTL toDateTime(last_seen) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;

-- services, one view per signal table
CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_traces_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'traces' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(start_time) AS first_seen,
    max(start_time) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_traces
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_logs_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'logs' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_logs
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_metrics_gauge_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'metrics' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_metrics_gauge
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_metrics_sum_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'metrics' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_metrics_sum
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_metrics_histogram_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'metrics' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_metrics_histogram
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_metrics_exponential_histogram_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'metrics' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_metrics_exponential_histogram
GROUP BY tenant_id, service_name;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.service_catalogue_metrics_summary_mv ${on_cluster}
TO ${database}.service_catalogue
AS SELECT
    tenant_id,
    service_name,
    'metrics' AS signal,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS record_count
FROM ${database}.otel_metrics_summary
GROUP BY tenant_id, service_name;

-- metrics, one view per metric kind
CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_catalogue_gauge_mv ${on_cluster}
TO ${database}.metric_catalogue
AS SELECT
    tenant_id,
    service_name,
    metric_name,
    'gauge' AS metric_type,
    metric_unit,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    any(metric_description) AS metric_description,
    toUInt8(0) AS aggregation_temporality,
    false AS is_monotonic,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_gauge
GROUP BY tenant_id, service_name, metric_name, metric_unit;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_catalogue_sum_mv ${on_cluster}
TO ${database}.metric_catalogue
AS SELECT
    tenant_id,
    service_name,
    metric_name,
    'sum' AS metric_type,
    metric_unit,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    any(metric_description) AS metric_description,
    any(aggregation_temporality) AS aggregation_temporality,
    any(is_monotonic) AS is_monotonic,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_sum
GROUP BY tenant_id, service_name, metric_name, metric_unit;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_catalogue_histogram_mv ${on_cluster}
TO ${database}.metric_catalogue
AS SELECT
    tenant_id,
    service_name,
    metric_name,
    'histogram' AS metric_type,
    metric_unit,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    any(metric_description) AS metric_description,
    any(aggregation_temporality) AS aggregation_temporality,
    false AS is_monotonic,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_histogram
GROUP BY tenant_id, service_name, metric_name, metric_unit;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_catalogue_exponential_histogram_mv ${on_cluster}
TO ${database}.metric_catalogue
AS SELECT
    tenant_id,
    service_name,
    metric_name,
    'exponential_histogram' AS metric_type,
    metric_unit,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    any(metric_description) AS metric_description,
    any(aggregation_temporality) AS aggregation_temporality,
    false AS is_monotonic,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_exponential_histogram
GROUP BY tenant_id, service_name, metric_name, metric_unit;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_catalogue_summary_mv ${on_cluster}
TO ${database}.metric_catalogue
AS SELECT
    tenant_id,
    service_name,
    metric_name,
    'summary' AS metric_type,
    metric_unit,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    any(metric_description) AS metric_description,
    toUInt8(0) AS aggregation_temporality,
    false AS is_monotonic,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_summary
GROUP BY tenant_id, service_name, metric_name, metric_unit;
