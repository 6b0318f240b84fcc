-- Whole spans by trace id, for the trace fetch (GET /traces/{traceId}).
--
-- otel_traces is sorted for searches (time bucket, service, operation): a trace's dozen spans sit in
-- as many granules, and fetching them opened every column file of every part they are in (about a
-- hundred files: maps, events and links are several streams each). On 10 M spans the fetch took
-- 30-40 ms in ClickHouse, most of it opening, seeking and decompressing those streams. Jaeger's
-- ClickHouse plugin (jaeger_spans) and Uptrace (spans_data) keep a second copy of each span as one
-- document, sorted by trace id, for exactly this read; so does this table. A fetch reads one or two
-- 256-row granules of five columns per part: 11-21 ms in ClickHouse for the same traces. The cost
-- is a second copy of every span and the view's work on each insert (docs/benchmarks.md has both).
--
-- span is the whole span as one RowBinary row (formatRow), written by the view from the same insert,
-- so the two tables never disagree. RowBinary, not JSON: toJSONString cost about 6 us a span and
-- cut ClickHouse's span insert rate by 40 %; formatRow('RowBinary') costs a tenth of that. The
-- layout, read by StoredSpans: a format version (UInt8, 1), then span_id, parent_span_id, service,
-- name, kind (String), start and end (Int64 epoch ns), duration_ns (UInt64), status,
-- status_message, trace_state (String), flags (UInt32), attributes, attribute_types (Map(String,
-- String)), dropped_attributes_count (UInt32), resource_attributes, resource_attribute_types
-- (Map), scope_name, scope_version (String), scope_attributes (Map), events (Array(Tuple(time
-- Int64 ns, name String, attributes Map, attribute_types Map, dropped UInt32))),
-- dropped_events_count (UInt32), links (Array(Tuple(trace_id, span_id, trace_state String, flags
-- UInt32, attributes Map, attribute_types Map, dropped UInt32))), dropped_links_count (UInt32).
-- A later change of the layout writes a new version number; StoredSpans reads every version
-- still in the table.
--
-- Re-running after a failure is safe: the view and table are recreated and filled from otel_traces.
-- The node that migrates holds its own writes back until the schema is current (they wait in the
-- queue): the fill took about 100 s for 10 M spans on two cores, so plan the upgrade of a large
-- installation for a quiet hour.

DROP VIEW IF EXISTS ${database}.otel_trace_spans_mv ${on_cluster};

DROP TABLE IF EXISTS ${database}.otel_trace_spans ${on_cluster};

CREATE TABLE ${database}.otel_trace_spans ${on_cluster}
(
    tenant_id UUID CODEC(ZSTD(1)),
    trace_id String CODEC(ZSTD(1)),
    start_time DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    span_id String CODEC(ZSTD(1)),
    span String CODEC(ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toDate(start_time)
ORDER BY (tenant_id, trace_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 256, min_compress_block_size = 4096, max_compress_block_size = 32768,
    ttl_only_drop_parts = 1, non_replicated_deduplication_window = 10000;

INSERT INTO ${database}.otel_trace_spans
SELECT tenant_id, trace_id, start_time, span_id,
    formatRow('RowBinary', toUInt8(1), span_id, parent_span_id, toString(service_name), toString(name), toString(kind),
        toUnixTimestamp64Nano(start_time), toUnixTimestamp64Nano(end_time), duration_ns, toString(status_code),
        status_message, trace_state, flags, attributes, attribute_types, dropped_attributes_count,
        resource_attributes, resource_attribute_types, toString(scope_name), toString(scope_version), scope_attributes,
        events, dropped_events_count, links, dropped_links_count) AS span
FROM ${database}.otel_traces
WHERE trace_id != '';

CREATE MATERIALIZED VIEW ${database}.otel_trace_spans_mv ${on_cluster}
TO ${database}.otel_trace_spans
AS SELECT tenant_id, trace_id, start_time, span_id,
    formatRow('RowBinary', toUInt8(1), span_id, parent_span_id, toString(service_name), toString(name), toString(kind),
        toUnixTimestamp64Nano(start_time), toUnixTimestamp64Nano(end_time), duration_ns, toString(status_code),
        status_message, trace_state, flags, attributes, attribute_types, dropped_attributes_count,
        resource_attributes, resource_attribute_types, toString(scope_name), toString(scope_version), scope_attributes,
        events, dropped_events_count, links, dropped_links_count) AS span
FROM ${database}.otel_traces
WHERE trace_id != '';
