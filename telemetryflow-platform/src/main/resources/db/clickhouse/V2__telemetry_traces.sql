-- OTLP spans, one row per span, and the trace-id lookup that tells a trace fetch which time range
-- (and so which partitions) to read. Layout follows the OpenTelemetry Collector's ClickHouse
-- exporter (otel_traces, *_trace_id_ts), with tenancy columns first and snake_case names.
-- Conventions shared by every telemetry table (docs/clickhouse-schema.md):
--   * ids are lowercase hex strings ('' when absent), times DateTime64(9, 'UTC')
--   * each attribute map `x` holds every value in its string form; its sibling `x_types` names the
--     OTLP type of each non-string value (int, double, bool, bytes, array, kvlist, empty)
--   * service_name is materialized from resource_attributes['service.name']
--   * non_replicated_deduplication_window lets insert_deduplication_token drop redelivered batches
CREATE TABLE IF NOT EXISTS ${database}.otel_traces ${on_cluster}
(
    organization_id UUID CODEC(ZSTD(1)),
    workspace_id UUID CODEC(ZSTD(1)),
    tenant_id UUID CODEC(ZSTD(1)),
    resource_attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    resource_attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    resource_dropped_attributes_count UInt32 CODEC(ZSTD(1)),
    resource_schema_url LowCardinality(String) CODEC(ZSTD(1)),
    service_name LowCardinality(String) MATERIALIZED resource_attributes['service.name'] CODEC(ZSTD(1)),
    scope_name LowCardinality(String) CODEC(ZSTD(1)),
    scope_version LowCardinality(String) CODEC(ZSTD(1)),
    scope_attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    scope_attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    scope_dropped_attributes_count UInt32 CODEC(ZSTD(1)),
    scope_schema_url LowCardinality(String) CODEC(ZSTD(1)),
    trace_id String CODEC(ZSTD(1)),
    span_id String CODEC(ZSTD(1)),
    parent_span_id String CODEC(ZSTD(1)),
    trace_state String CODEC(ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    name LowCardinality(String) CODEC(ZSTD(1)),
    kind LowCardinality(String) CODEC(ZSTD(1)),
    start_time DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    end_time DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    duration_ns UInt64 MATERIALIZED toUInt64(greatest(toUnixTimestamp64Nano(end_time) - toUnixTimestamp64Nano(start_time), 0)) CODEC(T64, ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    dropped_attributes_count UInt32 CODEC(ZSTD(1)),
    status_code LowCardinality(String) CODEC(ZSTD(1)),
    status_message String CODEC(ZSTD(1)),
    events Array(Tuple(
        time DateTime64(9, 'UTC'),
        name LowCardinality(String),
        attributes Map(LowCardinality(String), String),
        attribute_types Map(LowCardinality(String), LowCardinality(String)),
        dropped_attributes_count UInt32)) CODEC(ZSTD(1)),
    dropped_events_count UInt32 CODEC(ZSTD(1)),
    links Array(Tuple(
        trace_id String,
        span_id String,
        trace_state String,
        flags UInt32,
        attributes Map(LowCardinality(String), String),
        attribute_types Map(LowCardinality(String), LowCardinality(String)),
        dropped_attributes_count UInt32)) CODEC(ZSTD(1)),
    dropped_links_count UInt32 CODEC(ZSTD(1)),
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_span_id span_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_kind kind TYPE set(8) GRANULARITY 1,
    INDEX idx_status_code status_code TYPE set(4) GRANULARITY 1,
    INDEX idx_duration duration_ns TYPE minmax GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(start_time)
ORDER BY (tenant_id, service_name, name, toDateTime(start_time))
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- GET trace by id: one row per (tenant, trace) and insert block, merged by the engine; readers
-- take min(start_time)/max(end_time) over the matching rows and then read otel_traces inside
-- that range only (partition pruning plus the idx_trace_id bloom filter). Weekly partitions: a
-- lookup binary-searches the key once per partition, so ~5 searches instead of ~31 daily ones.
CREATE TABLE IF NOT EXISTS ${database}.otel_traces_trace_id_ts ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    trace_id String CODEC(ZSTD(1)),
    start_time SimpleAggregateFunction(min, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    end_time SimpleAggregateFunction(max, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    span_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
PARTITION BY toMonday(start_time)
ORDER BY (tenant_id, trace_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.otel_traces_trace_id_ts_mv ${on_cluster}
TO ${database}.otel_traces_trace_id_ts
AS SELECT
    tenant_id,
    trace_id,
    min(start_time) AS start_time,
    max(end_time) AS end_time,
    toUInt64(count()) AS span_count
FROM ${database}.otel_traces
WHERE trace_id != ''
GROUP BY tenant_id, trace_id;
