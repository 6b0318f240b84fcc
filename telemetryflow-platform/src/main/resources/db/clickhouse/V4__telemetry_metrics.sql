-- OTLP metric data points, one table per metric kind as the OpenTelemetry Collector's ClickHouse
-- exporter does (otel_metrics_gauge, _sum, _histogram, _exponential_histogram, _summary): each
-- kind has its own value columns, and a query reads one kind anyway. Same conventions as
-- otel_traces (V2). Shared columns: tenancy, resource, scope, metric name/description/unit/metadata,
-- point attributes, start_timestamp/timestamp, flags (OTLP DataPointFlags).
-- Number points keep `value` (Float64, what queries use) and, for as_int points, the exact
-- `int_value`; aggregation_temporality is the OTLP enum number (1 delta, 2 cumulative); an absent
-- optional sum/min/max is NULL. Exemplar values are stored as Float64.
-- ORDER BY groups each series (resource + point attributes) in time order within an hour, which
-- keeps a series' points together and compresses them well.

-- gauge
CREATE TABLE IF NOT EXISTS ${database}.otel_metrics_gauge ${on_cluster}
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
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_description String CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    metric_metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    metric_metadata_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    start_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    value Float64 CODEC(ZSTD(1)),
    int_value Nullable(Int64) CODEC(ZSTD(1)),
    exemplars Array(Tuple(
        time DateTime64(9, 'UTC'),
        value Float64,
        trace_id String,
        span_id String,
        filtered_attributes Map(LowCardinality(String), String),
        filtered_attribute_types Map(LowCardinality(String), LowCardinality(String)))) CODEC(ZSTD(1)),
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
PRIMARY KEY (tenant_id, service_name, metric_name, toStartOfHour(timestamp))
ORDER BY (tenant_id, service_name, metric_name, toStartOfHour(timestamp), cityHash64(resource_attributes, attributes), timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- sum
CREATE TABLE IF NOT EXISTS ${database}.otel_metrics_sum ${on_cluster}
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
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_description String CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    metric_metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    metric_metadata_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    start_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    value Float64 CODEC(ZSTD(1)),
    int_value Nullable(Int64) CODEC(ZSTD(1)),
    aggregation_temporality UInt8 CODEC(ZSTD(1)),
    is_monotonic Bool CODEC(ZSTD(1)),
    exemplars Array(Tuple(
        time DateTime64(9, 'UTC'),
        value Float64,
        trace_id String,
        span_id String,
        filtered_attributes Map(LowCardinality(String), String),
        filtered_attribute_types Map(LowCardinality(String), LowCardinality(String)))) CODEC(ZSTD(1)),
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
PRIMARY KEY (tenant_id, service_name, metric_name, toStartOfHour(timestamp))
ORDER BY (tenant_id, service_name, metric_name, toStartOfHour(timestamp), cityHash64(resource_attributes, attributes), timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- histogram
CREATE TABLE IF NOT EXISTS ${database}.otel_metrics_histogram ${on_cluster}
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
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_description String CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    metric_metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    metric_metadata_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    start_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    count UInt64 CODEC(Delta(8), ZSTD(1)),
    sum Nullable(Float64) CODEC(ZSTD(1)),
    min Nullable(Float64) CODEC(ZSTD(1)),
    max Nullable(Float64) CODEC(ZSTD(1)),
    bucket_counts Array(UInt64) CODEC(ZSTD(1)),
    explicit_bounds Array(Float64) CODEC(ZSTD(1)),
    aggregation_temporality UInt8 CODEC(ZSTD(1)),
    exemplars Array(Tuple(
        time DateTime64(9, 'UTC'),
        value Float64,
        trace_id String,
        span_id String,
        filtered_attributes Map(LowCardinality(String), String),
        filtered_attribute_types Map(LowCardinality(String), LowCardinality(String)))) CODEC(ZSTD(1)),
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
PRIMARY KEY (tenant_id, service_name, metric_name, toStartOfHour(timestamp))
ORDER BY (tenant_id, service_name, metric_name, toStartOfHour(timestamp), cityHash64(resource_attributes, attributes), timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- exponential histogram
CREATE TABLE IF NOT EXISTS ${database}.otel_metrics_exponential_histogram ${on_cluster}
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
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_description String CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    metric_metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    metric_metadata_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    start_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    count UInt64 CODEC(Delta(8), ZSTD(1)),
    sum Nullable(Float64) CODEC(ZSTD(1)),
    min Nullable(Float64) CODEC(ZSTD(1)),
    max Nullable(Float64) CODEC(ZSTD(1)),
    scale Int32 CODEC(ZSTD(1)),
    zero_count UInt64 CODEC(ZSTD(1)),
    zero_threshold Float64 CODEC(ZSTD(1)),
    positive_offset Int32 CODEC(ZSTD(1)),
    positive_bucket_counts Array(UInt64) CODEC(ZSTD(1)),
    negative_offset Int32 CODEC(ZSTD(1)),
    negative_bucket_counts Array(UInt64) CODEC(ZSTD(1)),
    aggregation_temporality UInt8 CODEC(ZSTD(1)),
    exemplars Array(Tuple(
        time DateTime64(9, 'UTC'),
        value Float64,
        trace_id String,
        span_id String,
        filtered_attributes Map(LowCardinality(String), String),
        filtered_attribute_types Map(LowCardinality(String), LowCardinality(String)))) CODEC(ZSTD(1)),
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
PRIMARY KEY (tenant_id, service_name, metric_name, toStartOfHour(timestamp))
ORDER BY (tenant_id, service_name, metric_name, toStartOfHour(timestamp), cityHash64(resource_attributes, attributes), timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

-- summary
CREATE TABLE IF NOT EXISTS ${database}.otel_metrics_summary ${on_cluster}
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
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_description String CODEC(ZSTD(1)),
    metric_unit LowCardinality(String) CODEC(ZSTD(1)),
    metric_metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    metric_metadata_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    attribute_types Map(LowCardinality(String), LowCardinality(String)) CODEC(ZSTD(1)),
    start_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    flags UInt32 CODEC(ZSTD(1)),
    count UInt64 CODEC(Delta(8), ZSTD(1)),
    sum Float64 CODEC(ZSTD(1)),
    quantile_values Array(Tuple(quantile Float64, value Float64)) CODEC(ZSTD(1)),
    INDEX idx_res_attr_key mapKeys(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(resource_attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_key mapKeys(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
PRIMARY KEY (tenant_id, service_name, metric_name, toStartOfHour(timestamp))
ORDER BY (tenant_id, service_name, metric_name, toStartOfHour(timestamp), cityHash64(resource_attributes, attributes), timestamp)
TTL toDateTime(timestamp) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;
