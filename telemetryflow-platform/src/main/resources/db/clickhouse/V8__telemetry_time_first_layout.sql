-- Time-first layout of the span and log tables, and trace summaries in the trace-id lookup.
--
-- V2/V3 sorted by (tenant, service[, name], time). A query over all services for a short range
-- (a log search, a trace fetch, the service map) then found a run of granules per service and
-- operation, each covering hours: a 1-hour log search read a quarter of a day's granules, a trace
-- fetch checked the bloom filters of ~570 granules. The new keys start with a 15-minute bucket of
-- the record time, as SigNoz's logs_v2/signoz_index_v3 do with their ts_bucket_start: a range
-- reads its buckets only, and service, operation and severity still narrow the read inside each
-- bucket. Logs put severity before service: "WARN and above" is a contiguous slice of a bucket.
-- Granules of 2,048 rows instead of 8,192, and compressed blocks of at most 64 KiB instead of
-- 1 MiB: a trace fetch or a log page reads a few rows from each of a dozen granules, and pays for
-- decompressing their whole blocks of every column. On 10 M spans a trace fetch took 48 -> 37 ms
-- (granules) -> 30 ms (blocks) in ClickHouse; the service map's scan did not slow down; the data
-- grew 6 %.
-- docs/clickhouse-schema.md and docs/benchmarks.md have the measurements.
--
-- The trace-id lookup gains the summary a trace search shows (errors, services, root span), so a
-- search reads its page's summaries by primary key instead of all spans of the range. It is only
-- ever read by key, a few rows per id: small granules (256 rows) and small compressed blocks, as
-- each key read decompresses whole blocks of every column (51 ids: 80 ms with the defaults, 20 ms).
--
-- A sort key cannot be altered, so each table is rebuilt: copy into a staging table with the new
-- layout, swap the two atomically (EXCHANGE), drop the old one. The views that feed the catalogues
-- and the lookup are dropped first and recreated last, so the copy does not count records twice.
-- Re-running after a failure is safe: each copy starts from a staging table created afresh, so a
-- run that died anywhere (even between the swap and the drop) ends with the new layout and every
-- row once. The node that migrates holds its own writes back until the schema is current; other
-- nodes must not ingest meanwhile (upgrade them together), or what they write to the old tables
-- during the copy is lost. The copy took 86 s for 10 M spans and 10 M logs on two cores.

DROP VIEW IF EXISTS ${database}.otel_traces_trace_id_ts_mv ${on_cluster};

DROP VIEW IF EXISTS ${database}.service_catalogue_traces_mv ${on_cluster};

DROP VIEW IF EXISTS ${database}.service_catalogue_logs_mv ${on_cluster};

-- spans
DROP TABLE IF EXISTS ${database}.otel_traces_v8 ${on_cluster};

CREATE TABLE ${database}.otel_traces_v8 ${on_cluster}
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
ORDER BY (tenant_id, toStartOfFifteenMinutes(start_time), service_name, name, toDateTime(start_time))
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 2048, min_compress_block_size = 16384, max_compress_block_size = 65536,
    ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

INSERT INTO ${database}.otel_traces_v8 SELECT * FROM ${database}.otel_traces;

EXCHANGE TABLES ${database}.otel_traces AND ${database}.otel_traces_v8 ${on_cluster};

DROP TABLE ${database}.otel_traces_v8 ${on_cluster};

-- log records
DROP TABLE IF EXISTS ${database}.otel_logs_v8 ${on_cluster};

CREATE TABLE ${database}.otel_logs_v8 ${on_cluster}
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
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    observed_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    severity_number UInt8 CODEC(ZSTD(1)),
    severity_text LowCardinality(String) CODEC(ZSTD(1)),
    severity_level LowCardinality(String) MATERIALIZED multiIf(
        severity_number BETWEEN 1 AND 4, 'TRACE',
        severity_number BETWEEN 5 AND 8, 'DEBUG',
        severity_number BETWEEN 9 AND 12, 'INFO',
        severity_number BETWEEN 13 AND 16, 'WARN',
        severity_number BETWEEN 17 AND 20, 'ERROR',
        severity_number BETWEEN 21 AND 24, 'FATAL',
        upper(trimBoth(severity_text)) IN ('TRACE', 'FINEST', 'FINER'), 'TRACE',
        upper(trimBoth(severity_text)) IN ('DEBUG', 'DBG', 'FINE', 'CONFIG'), 'DEBUG',
        upper(trimBoth(severity_text)) IN ('INFO', 'INFORMATION', 'INF', 'NOTICE'), 'INFO',
        upper(trimBoth(severity_text)) IN ('WARN', 'WARNING', 'WRN'), 'WARN',
        upper(trimBoth(severity_text)) IN ('ERROR', 'ERR', 'SEVERE'), 'ERROR',
        upper(trimBoth(severity_text)) IN ('FATAL', 'CRITICAL', 'CRIT', 'ALERT', 'EMERG', 'EMERGENCY', 'PANIC'), 'FATAL',
        '') CODEC(ZSTD(1)),
    event_name LowCardinality(String) CODEC(ZSTD(1)),
    body String CODEC(ZSTD(1)),
    body_type LowCardinality(String) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    dropped_attributes_count UInt32 CODEC(ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    trace_id String CODEC(ZSTD(1)),
    span_id String CODEC(ZSTD(1)),
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_body body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8,
    INDEX idx_severity_level severity_level TYPE set(8) GRANULARITY 1,
    INDEX idx_severity_number severity_number TYPE minmax GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY (tenant_id, toStartOfFifteenMinutes(timestamp), severity_level, service_name, toDateTime(timestamp))
TTL toDateTime(timestamp) + INTERVAL 30 DAY
SETTINGS index_granularity = 2048, min_compress_block_size = 16384, max_compress_block_size = 65536,
    ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

INSERT INTO ${database}.otel_logs_v8 SELECT * FROM ${database}.otel_logs;

EXCHANGE TABLES ${database}.otel_logs AND ${database}.otel_logs_v8 ${on_cluster};

DROP TABLE ${database}.otel_logs_v8 ${on_cluster};

-- trace-id lookup with summaries: derived from the spans only, so rebuilt from them.
-- root is the min over (no parent?, start, span id, service, name): the earliest span without a
-- parent, or, when the trace has none (yet), its earliest span with inferred = true. Its start is
-- qualified (otel_traces.start_time): a bare start_time would mean the alias min(start_time).
DROP TABLE IF EXISTS ${database}.otel_traces_trace_id_ts ${on_cluster};

CREATE TABLE IF NOT EXISTS ${database}.otel_traces_trace_id_ts ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    trace_id String CODEC(ZSTD(1)),
    start_time SimpleAggregateFunction(min, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    end_time SimpleAggregateFunction(max, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    span_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1)),
    error_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1)),
    services SimpleAggregateFunction(groupUniqArrayArray, Array(String)) CODEC(ZSTD(1)),
    root SimpleAggregateFunction(min, Tuple(inferred Bool, start_time DateTime64(9, 'UTC'), span_id String, service_name String, name String)) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
PARTITION BY toMonday(start_time)
ORDER BY (tenant_id, trace_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 256, min_compress_block_size = 4096, max_compress_block_size = 32768,
    ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

INSERT INTO ${database}.otel_traces_trace_id_ts
SELECT
    tenant_id,
    trace_id,
    min(start_time) AS start_time,
    max(end_time) AS end_time,
    toUInt64(count()) AS span_count,
    toUInt64(countIf(status_code = 'ERROR')) AS error_count,
    groupUniqArray(toString(service_name)) AS services,
    min((parent_span_id != '', otel_traces.start_time, span_id, toString(service_name), toString(name))) AS root
FROM ${database}.otel_traces
WHERE trace_id != ''
GROUP BY tenant_id, trace_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.otel_traces_trace_id_ts_mv ${on_cluster}
TO ${database}.otel_traces_trace_id_ts
AS SELECT
    tenant_id,
    trace_id,
    min(start_time) AS start_time,
    max(end_time) AS end_time,
    toUInt64(count()) AS span_count,
    toUInt64(countIf(status_code = 'ERROR')) AS error_count,
    groupUniqArray(toString(service_name)) AS services,
    min((parent_span_id != '', otel_traces.start_time, span_id, toString(service_name), toString(name))) AS root
FROM ${database}.otel_traces
WHERE trace_id != ''
GROUP BY tenant_id, trace_id;

-- the service catalogue views, as V5 created them
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
