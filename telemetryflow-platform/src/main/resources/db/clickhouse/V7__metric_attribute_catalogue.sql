-- Attribute keys and values of every metric, for filter autocompletion (GET /telemetry/metrics/attributes/keys and
-- /values): one row per tenant, metric, key and value, kept current by one materialized view per metric kind.
-- Keys are named as the query API names them: a point attribute by its name, a resource attribute as
-- 'resource.<name>'. Values are capped at 256 characters (a longer one is catalogued as its first 256), so a
-- high-cardinality blob cannot bloat the table. The sort key serves a prefix search (startsWith) on the key, and on
-- the value within a key. AggregatingMergeTree as the V5 catalogues: one row per key and insert block until merges
-- fold them; readers aggregate. last_seen is the newest point time; the TTL drops a value not seen for 90 days.
-- With deduplicate_blocks_in_dependent_materialized_views=1 a redelivered batch adds nothing here either.
CREATE TABLE IF NOT EXISTS ${database}.metric_attribute_catalogue ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    metric_name LowCardinality(String) CODEC(ZSTD(1)),
    attribute_key LowCardinality(String) CODEC(ZSTD(1)),
    attribute_value String CODEC(ZSTD(1)),
    organization_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    workspace_id SimpleAggregateFunction(any, UUID) CODEC(ZSTD(1)),
    last_seen SimpleAggregateFunction(max, DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
    data_point_count SimpleAggregateFunction(sum, UInt64) CODEC(ZSTD(1))
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, metric_name, attribute_key, attribute_value)
TTL toDateTime(last_seen) + INTERVAL 90 DAY
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10000;

-- one view per metric kind
CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_attribute_catalogue_gauge_mv ${on_cluster}
TO ${database}.metric_attribute_catalogue
AS SELECT
    tenant_id,
    metric_name,
    attribute.1 AS attribute_key,
    attribute.2 AS attribute_value,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_gauge
ARRAY JOIN arrayConcat(
    arrayMap((k, v) -> (toString(k), leftUTF8(v, 256)), mapKeys(attributes), mapValues(attributes)),
    arrayMap((k, v) -> (concat('resource.', k), leftUTF8(v, 256)), mapKeys(resource_attributes), mapValues(resource_attributes))) AS attribute
GROUP BY tenant_id, metric_name, attribute_key, attribute_value;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_attribute_catalogue_sum_mv ${on_cluster}
TO ${database}.metric_attribute_catalogue
AS SELECT
    tenant_id,
    metric_name,
    attribute.1 AS attribute_key,
    attribute.2 AS attribute_value,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_sum
ARRAY JOIN arrayConcat(
    arrayMap((k, v) -> (toString(k), leftUTF8(v, 256)), mapKeys(attributes), mapValues(attributes)),
    arrayMap((k, v) -> (concat('resource.', k), leftUTF8(v, 256)), mapKeys(resource_attributes), mapValues(resource_attributes))) AS attribute
GROUP BY tenant_id, metric_name, attribute_key, attribute_value;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_attribute_catalogue_histogram_mv ${on_cluster}
TO ${database}.metric_attribute_catalogue
AS SELECT
    tenant_id,
    metric_name,
    attribute.1 AS attribute_key,
    attribute.2 AS attribute_value,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_histogram
ARRAY JOIN arrayConcat(
    arrayMap((k, v) -> (toString(k), leftUTF8(v, 256)), mapKeys(attributes), mapValues(attributes)),
    arrayMap((k, v) -> (concat('resource.', k), leftUTF8(v, 256)), mapKeys(resource_attributes), mapValues(resource_attributes))) AS attribute
GROUP BY tenant_id, metric_name, attribute_key, attribute_value;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_attribute_catalogue_exponential_histogram_mv ${on_cluster}
TO ${database}.metric_attribute_catalogue
AS SELECT
    tenant_id,
    metric_name,
    attribute.1 AS attribute_key,
    attribute.2 AS attribute_value,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_exponential_histogram
ARRAY JOIN arrayConcat(
    arrayMap((k, v) -> (toString(k), leftUTF8(v, 256)), mapKeys(attributes), mapValues(attributes)),
    arrayMap((k, v) -> (concat('resource.', k), leftUTF8(v, 256)), mapKeys(resource_attributes), mapValues(resource_attributes))) AS attribute
GROUP BY tenant_id, metric_name, attribute_key, attribute_value;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.metric_attribute_catalogue_summary_mv ${on_cluster}
TO ${database}.metric_attribute_catalogue
AS SELECT
    tenant_id,
    metric_name,
    attribute.1 AS attribute_key,
    attribute.2 AS attribute_value,
    any(organization_id) AS organization_id,
    any(workspace_id) AS workspace_id,
    max(timestamp) AS last_seen,
    toUInt64(count()) AS data_point_count
FROM ${database}.otel_metrics_summary
ARRAY JOIN arrayConcat(
    arrayMap((k, v) -> (toString(k), leftUTF8(v, 256)), mapKeys(attributes), mapValues(attributes)),
    arrayMap((k, v) -> (concat('resource.', k), leftUTF8(v, 256)), mapKeys(resource_attributes), mapValues(resource_attributes))) AS attribute
GROUP BY tenant_id, metric_name, attribute_key, attribute_value;
