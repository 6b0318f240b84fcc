-- Whole spans by trace id, for the trace fetch (GET /traces/{traceId}).
--
-- otel_traces is sorted for searches (time bucket, service, operation): a trace's dozen spans sit in
-- as many granules, and fetching them opened every column file of every part they are in (about a
-- hundred files: maps, events and links are several streams each). On 10 M spans the fetch took
-- 30-40 ms in ClickHouse, most of it opening, seeking and decompressing those streams. Jaeger's
-- ClickHouse plugin (jaeger_spans) and Uptrace (spans_data) keep a second copy of each span as one
-- document, sorted by trace id, for exactly this read; so does this table. A fetch reads one or two
-- 256-row granules of four columns per part: 11 ms in ClickHouse for the same traces. The cost is a
-- second copy of every span (about 1.8 times the compressed size of otel_traces on the benchmark
-- data) and the work of the view on each insert (docs/benchmarks.md has both).
--
-- span is the span as a JSON object (toJSONString of a named tuple), written by the view from the
-- same insert, so the two tables never disagree; nanosecond times and the duration are strings.
-- TraceReader parses it; a field added here later must be read there as optional, since older
-- rows lack it.
--
-- Re-running after a failure is safe: the view and table are recreated and filled from otel_traces.
-- The node that migrates holds its own writes back until the schema is current.

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
    toJSONString(CAST(tuple(span_id, parent_span_id, toString(service_name), toString(name), toString(kind),
        toString(toUnixTimestamp64Nano(start_time)), toString(toUnixTimestamp64Nano(end_time)), toString(duration_ns),
        toString(status_code), status_message, trace_state, flags, attributes, attribute_types, dropped_attributes_count,
        resource_attributes, resource_attribute_types, toString(scope_name), toString(scope_version), scope_attributes,
        arrayMap(e -> tuple(toString(toUnixTimestamp64Nano(e.time)), toString(e.name), e.attributes, e.attribute_types,
            e.dropped_attributes_count), events),
        dropped_events_count,
        arrayMap(l -> tuple(l.trace_id, l.span_id, l.trace_state, l.flags, l.attributes, l.attribute_types,
            l.dropped_attributes_count), links),
        dropped_links_count),
        'Tuple(span_id String, parent_span_id String, service String, name String, kind String, start_ns String, end_ns String, duration_ns String, status String, status_message String, trace_state String, flags UInt32, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32, resource_attributes Map(String, String), resource_attribute_types Map(String, String), scope String, scope_version String, scope_attributes Map(String, String), events Array(Tuple(time_ns String, name String, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32)), dropped_events UInt32, links Array(Tuple(trace_id String, span_id String, trace_state String, flags UInt32, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32)), dropped_links UInt32)')) AS span
FROM ${database}.otel_traces
WHERE trace_id != '';

CREATE MATERIALIZED VIEW ${database}.otel_trace_spans_mv ${on_cluster}
TO ${database}.otel_trace_spans
AS SELECT tenant_id, trace_id, start_time, span_id,
    toJSONString(CAST(tuple(span_id, parent_span_id, toString(service_name), toString(name), toString(kind),
        toString(toUnixTimestamp64Nano(start_time)), toString(toUnixTimestamp64Nano(end_time)), toString(duration_ns),
        toString(status_code), status_message, trace_state, flags, attributes, attribute_types, dropped_attributes_count,
        resource_attributes, resource_attribute_types, toString(scope_name), toString(scope_version), scope_attributes,
        arrayMap(e -> tuple(toString(toUnixTimestamp64Nano(e.time)), toString(e.name), e.attributes, e.attribute_types,
            e.dropped_attributes_count), events),
        dropped_events_count,
        arrayMap(l -> tuple(l.trace_id, l.span_id, l.trace_state, l.flags, l.attributes, l.attribute_types,
            l.dropped_attributes_count), links),
        dropped_links_count),
        'Tuple(span_id String, parent_span_id String, service String, name String, kind String, start_ns String, end_ns String, duration_ns String, status String, status_message String, trace_state String, flags UInt32, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32, resource_attributes Map(String, String), resource_attribute_types Map(String, String), scope String, scope_version String, scope_attributes Map(String, String), events Array(Tuple(time_ns String, name String, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32)), dropped_events UInt32, links Array(Tuple(trace_id String, span_id String, trace_state String, flags UInt32, attributes Map(String, String), attribute_types Map(String, String), dropped_attributes UInt32)), dropped_links UInt32)')) AS span
FROM ${database}.otel_traces
WHERE trace_id != '';
