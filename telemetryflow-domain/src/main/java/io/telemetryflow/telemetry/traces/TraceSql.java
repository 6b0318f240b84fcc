package io.telemetryflow.telemetry.traces;

import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.List;

/**
 * The ClickHouse queries of the traces API, all built through {@link TelemetrySql} (tenant predicate on every table
 * read, request values as parameters only). docs/telemetry-api.md shows each with its {@code EXPLAIN indexes = 1}.
 */
public final class TraceSql {

    /** Spans a trace fetch returns at most; a bigger trace is answered with its earliest spans and {@code truncated}. */
    public static final int MAX_TRACE_SPANS = 10_000;
    /** Edges a service map returns at most (the busiest). */
    public static final int MAX_EDGES = 1_000;
    /** Nodes a service map returns at most (the busiest). */
    public static final int MAX_NODES = 1_000;

    /** Entry spans, the unit RED and service-map nodes count: see {@link RedMetrics}. */
    static final String ENTRY_SPAN = "kind IN ('SERVER', 'CONSUMER') OR parent_span_id = ''";
    private static final String NANOS = "toString(toUnixTimestamp64Nano(%s))";

    private TraceSql() {
    }

    /**
     * Search, step 1: the ids of the newest matching traces, one more than the limit (to tell {@code hasMore}). Every
     * condition is on the span row, so the sort key (tenant, 15-minute bucket, service, name, time), the daily
     * partitions and the skip indexes (duration minmax, status set, attribute bloom filters) all narrow the read.
     * "Newest" is by the earliest matching span of each trace.
     */
    public static TelemetrySql.Query candidates(TenantPlacement tenant, TraceSearch search, TimeRange range) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant).during("start_time", range);
        if (search.service() != null) {
            sql.where("service_name = " + sql.bind("String", search.service()));
        }
        if (search.operation() != null) {
            sql.where("name = " + sql.bind("String", search.operation()));
        }
        if (search.minDurationNanos() != null) {
            sql.where("duration_ns >= " + sql.bind("UInt64", search.minDurationNanos()));
        }
        if (search.maxDurationNanos() != null) {
            sql.where("duration_ns <= " + sql.bind("UInt64", search.maxDurationNanos()));
        }
        if (search.status() != null) {
            sql.where("status_code = " + sql.bind("String", search.status()));
        }
        for (AttributeFilter filter : search.filters()) {
            sql.attribute(filter);
        }
        return sql.select("trace_id, min(start_time) AS matched_start", "otel_traces",
                "GROUP BY trace_id\nORDER BY matched_start DESC, trace_id\nLIMIT " + sql.bind("UInt32", search.limit() + 1));
    }

    /**
     * Search, step 2: the summary of each candidate trace, from the trace-id lookup table (a primary-key read per id;
     * the table's materialized view keeps the summary of every trace as its spans arrive). {@code root} is the earliest
     * span without a parent, or the earliest span with {@code inferred} set when the trace has none.
     */
    public static TelemetrySql.Query summaries(TenantPlacement tenant, List<String> traceIds) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("trace_id IN (" + sql.list(traceIds) + ")");
        return sql.select("""
                trace_id,
                       %s AS start_ns,
                       toInt64(greatest(toUnixTimestamp64Nano(max(end_time)) - toUnixTimestamp64Nano(min(start_time)), 0)) AS duration,
                       toInt64(sum(span_count)) AS total_spans,
                       toInt64(sum(error_count)) AS total_errors,
                       arraySort(groupUniqArrayArray(services)) AS all_services,
                       min(root) AS first_root,
                       tupleElement(first_root, 'inferred') AS root_inferred,
                       tupleElement(first_root, 'service_name') AS root_service,
                       tupleElement(first_root, 'name') AS root_operation""".formatted(NANOS.formatted("min(start_time)")),
                "otel_traces_trace_id_ts", "GROUP BY trace_id");
    }

    /**
     * Every span of one trace, earliest first, at most {@link #MAX_TRACE_SPANS} + 1 (the extra row tells truncation), as
     * the documents of {@code otel_trace_spans} (sorted by trace id: V9 explains why), base64-encoded because the client
     * would decode their RowBinary bytes as text. The lookup table bounds the read to the trace's own time span, in one
     * scalar subquery that runs before index analysis, so only the parts of that day's partition whose time range covers
     * the trace are searched, by primary key. An unknown id (or another tenant's) finds no lookup row, so the range is
     * empty and no span is read.
     */
    public static TelemetrySql.Query spans(TenantPlacement tenant, TraceId traceId) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        String id = sql.bind("String", traceId.hex());
        sql.where("trace_id = " + id);
        sql.where("start_time >= tupleElement(trace_span, 1) AND start_time <= tupleElement(trace_span, 2)");
        String spanOfTrace = "WITH (SELECT (min(start_time), max(end_time)) FROM otel_traces_trace_id_ts WHERE "
                + TelemetrySql.TENANT_PREDICATE + " AND trace_id = " + id + ") AS trace_span\n";
        return sql.select("base64Encode(span) AS document", "otel_trace_spans",
                "ORDER BY start_time, span_id\nLIMIT " + sql.bind("UInt32", MAX_TRACE_SPANS + 1)).withPrefix(spanOfTrace);
    }

    /**
     * Service-map edges: child spans joined to their parent span within the range, where the services differ. Two
     * choices keep it fast (docs/telemetry-api.md has the measurements): the parent side reads only CLIENT and PRODUCER
     * spans, which is how OpenTelemetry instrumentation represents a call out of a service (and the smaller side, so it
     * is the hash table); and the join key is one 64-bit hash of (trace id, span id) instead of two strings (a false
     * match needs a 64-bit collision within the range's spans: negligible), stored with each span (V10), so the query
     * reads no id at all.
     */
    public static TelemetrySql.Query serviceEdges(TenantPlacement tenant, TimeRange range) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant).during("start_time", range);
        String scope = sql.conditions();
        return sql.build("""
                SELECT parent.service AS source, child.service AS target,
                       toInt64(count()) AS calls,
                       toInt64(countIf(child.status_code = 'ERROR')) AS errors,
                       quantiles(%s)(child.duration_ns) AS latency
                FROM
                (
                    SELECT parent_key, toString(service_name) AS service, status_code, duration_ns
                    FROM otel_traces
                    WHERE %s
                      AND parent_key != 0
                ) AS child
                INNER JOIN
                (
                    SELECT span_key, toString(service_name) AS service
                    FROM otel_traces
                    WHERE %s
                      AND kind IN ('CLIENT', 'PRODUCER')
                ) AS parent ON child.parent_key = parent.span_key
                WHERE child.service != parent.service
                GROUP BY source, target
                ORDER BY calls DESC, source, target
                LIMIT %s""".formatted(Percentiles.LEVELS, scope, scope, sql.bind("UInt32", MAX_EDGES + 1)));
    }

    /** Service-map nodes: entry spans per service (the RED count), busiest first. */
    public static TelemetrySql.Query serviceNodes(TenantPlacement tenant, TimeRange range) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant).during("start_time", range).where(ENTRY_SPAN);
        return sql.select("""
                toString(service_name) AS service, toInt64(count()) AS calls, toInt64(countIf(status_code = 'ERROR')) AS errors""",
                "otel_traces", "GROUP BY service\nORDER BY calls DESC, service\nLIMIT " + sql.bind("UInt32", MAX_NODES + 1));
    }

    /** RED over the whole range: per service, or per operation of {@code query.service()}; busiest first, limit + 1. */
    public static TelemetrySql.Query red(TenantPlacement tenant, RedQuery query, TimeRange range) {
        TelemetrySql sql = redScope(tenant, query, range);
        return sql.select(groups(query) + """
                ,
                       toInt64(count()) AS requests, toInt64(countIf(status_code = 'ERROR')) AS errors,
                       quantiles(%s)(duration_ns) AS latency""".formatted(Percentiles.RED_LEVELS), "otel_traces",
                "GROUP BY " + groupKeys(query) + "\nORDER BY requests DESC, " + groupKeys(query) + "\nLIMIT "
                        + sql.bind("UInt32", query.limit() + 1));
    }

    /** RED per step for the given groups (services, or operations of the service): the chart series. */
    public static TelemetrySql.Query redSeries(TenantPlacement tenant, RedQuery query, TimeRange range, List<String> groups) {
        TelemetrySql sql = redScope(tenant, query, range);
        sql.where((query.perOperation() ? "name" : "service_name") + " IN (" + sql.list(groups) + ")");
        String bucket = "toInt64(toUnixTimestamp(toStartOfInterval(start_time, toIntervalSecond(" + sql.bind("UInt32", query.stepSeconds())
                + ")))) * 1000";
        return sql.select(groups(query) + """
                ,
                       %s AS bucket_ms,
                       toInt64(count()) AS requests, toInt64(countIf(status_code = 'ERROR')) AS errors,
                       quantiles(%s)(duration_ns) AS latency""".formatted(bucket, Percentiles.RED_LEVELS), "otel_traces",
                "GROUP BY " + groupKeys(query) + ", bucket_ms\nORDER BY " + groupKeys(query) + ", bucket_ms");
    }

    private static TelemetrySql redScope(TenantPlacement tenant, RedQuery query, TimeRange range) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant).during("start_time", range);
        if (query.service() != null) {
            sql.where("service_name = " + sql.bind("String", query.service()));
        }
        return sql.where(ENTRY_SPAN);
    }

    private static String groups(RedQuery query) {
        return query.perOperation() ? "toString(service_name) AS service, toString(name) AS operation" : "toString(service_name) AS service";
    }

    private static String groupKeys(RedQuery query) {
        return query.perOperation() ? "service, operation" : "service";
    }
}
