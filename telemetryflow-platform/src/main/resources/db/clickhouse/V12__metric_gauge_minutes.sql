-- Per-minute aggregates of gauge points, per series (issue #19).
--
-- A 1-hour gauge query over all services grouped by a point attribute read every point of the
-- metric with its attribute maps: at 2,000 series and a point every few seconds, millions of
-- rows and their maps per query. This table holds one row per series and minute (sum, count,
-- min, max, last value), written at insert by the view below from the same block as the points
-- (as the OpenTelemetry Collector's and Prometheus-style stores' downsampling does), so the same
-- query reads one row per series and minute. MetricSource.choose reads it when the range starts
-- and ends on whole minutes and the step is a multiple of 60 s: then every step is a union of
-- whole minutes and the answer equals the raw aggregation (avg = sum of sums / sum of counts).
--
-- timestamp is the minute's start, so the read side's conditions (tenant, service, metric, time,
-- attribute filters on the maps) apply unchanged. series_id is the hash the series window of the
-- raw queries uses; the maps are the same for every row of a series (a merge keeps one row's).
-- An AggregatingMergeTree merges rows of the same (series, minute) in the background; queries
-- still aggregate, so unmerged parts (late points, a minute split between batches) count right.
-- A redelivered batch (same insert_deduplication_token, deduplicate_blocks_in_dependent_
-- materialized_views = 1, as the writer sends) is dropped here too: the view's block gets a token
-- derived from the insert's, and this table keeps a deduplication window of its own.
--
-- Existing points are aggregated once (the fill), before the view exists: the node that migrates
-- holds its own writes back until the schema is current, as for V9. Re-running after a failure
-- is safe: the view and table are recreated and filled afresh.

DROP VIEW IF EXISTS ${database}.otel_metrics_gauge_1m_mv ${on_cluster};

DROP TABLE IF EXISTS ${database}.otel_metrics_gauge_1m ${on_cluster};

CREATE TABLE ${database}.otel_metrics_gauge_1m ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    service_name LowCardinality(String) CODEC(ZSTD(1)),
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    timestamp DateTime('UTC') CODEC(Delta(4), ZSTD(1)),
    series_id UInt64 CODEC(ZSTD(1)),
    organization_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    workspace_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    resource_attributes SimpleAggregateFunction(any, Map(String, String)) CODEC(ZSTD(1)),
    attributes SimpleAggregateFunction(any, Map(String, String)) CODEC(ZSTD(1)),
    sum SimpleAggregateFunction(sum, Float64) CODEC(ZSTD(1)),
    count SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    min SimpleAggregateFunction(min, Float64) CODEC(ZSTD(1)),
    max SimpleAggregateFunction(max, Float64) CODEC(ZSTD(1)),
    last AggregateFunction(argMax, Float64, DateTime64(9, 'UTC')) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
PARTITION BY toDate(timestamp)
ORDER BY (tenant_id, service_name, metric_name, timestamp, series_id)
TTL timestamp + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

INSERT INTO ${database}.otel_metrics_gauge_1m
SELECT tenant_id, service_name, metric_name, toStartOfMinute(timestamp) AS minute, cityHash64(resource_attributes, attributes) AS series,
    any(organization_id), any(workspace_id), CAST(any(resource_attributes), 'Map(String, String)'),
    CAST(any(attributes), 'Map(String, String)'), sum(value), count(), min(value), max(value), argMaxState(value, timestamp)
FROM ${database}.otel_metrics_gauge
GROUP BY tenant_id, service_name, metric_name, minute, series;

CREATE MATERIALIZED VIEW ${database}.otel_metrics_gauge_1m_mv ${on_cluster}
TO ${database}.otel_metrics_gauge_1m
AS SELECT tenant_id, service_name, metric_name, toStartOfMinute(points.timestamp) AS timestamp,
    cityHash64(points.resource_attributes, points.attributes) AS series_id, any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id, CAST(any(points.resource_attributes), 'Map(String, String)') AS resource_attributes,
    CAST(any(points.attributes), 'Map(String, String)') AS attributes, sum(value) AS sum, count() AS count, min(value) AS min,
    max(value) AS max, argMaxState(value, points.timestamp) AS last
FROM ${database}.otel_metrics_gauge AS points
GROUP BY tenant_id, service_name, metric_name, timestamp, series_id;
