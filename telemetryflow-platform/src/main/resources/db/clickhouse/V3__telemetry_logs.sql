-- OTLP log records, one row per record. Same conventions as otel_traces (V2). The body keeps any
-- AnyValue: `body` is its string form (a string as is, numbers and booleans as text, bytes as
-- base64, arrays and kvlists as compact JSON) and `body_type` names its OTLP type, so a
-- structured body round-trips and stays searchable through the token index.
-- `timestamp` is the record's time_unix_nano, or its observed time when the sender left it 0.
CREATE TABLE IF NOT EXISTS ${database}.otel_logs ${on_cluster}
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
ORDER BY (tenant_id, service_name, toDateTime(timestamp))
TTL toDateTime(timestamp) + INTERVAL 30 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;
