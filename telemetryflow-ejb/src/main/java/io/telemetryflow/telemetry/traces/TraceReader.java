package io.telemetryflow.telemetry.traces;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Runs the {@link TraceSql} queries and turns their rows into the API's answers. Stateless and thread-safe. */
public final class TraceReader {

    private final TelemetryQueries queries;
    private final Executor executor;

    /** @param executor runs the service map's node query while the edge query runs on the caller's thread */
    public TraceReader(TelemetryQueries queries, Executor executor) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public TraceSearchResult search(TenantPlacement tenant, TraceSearch search, TimeRange range) {
        List<String> candidates = queries.rows(TraceSql.candidates(tenant, search, range)).stream().map(row -> row.getString("trace_id"))
                .toList();
        boolean hasMore = candidates.size() > search.limit();
        List<String> page = hasMore ? candidates.subList(0, search.limit()) : candidates;
        if (page.isEmpty()) {
            return new TraceSearchResult(List.of(), false);
        }
        List<TraceSummary> traces = new ArrayList<>();
        for (GenericRecord row : queries.rows(TraceSql.summaries(tenant, page))) {
            traces.add(new TraceSummary(row.getString("trace_id"), row.getString("root_service"), row.getString("root_operation"),
                    row.getBoolean("root_inferred"), row.getString("start_ns"),
                    row.getLong("duration"), row.getLong("total_spans"), row.getLong("total_errors"), strings(row.getList("all_services"))));
        }
        traces.sort((a, b) -> {
            int byStart = Long.compare(Long.parseLong(b.startTimeUnixNano()), Long.parseLong(a.startTimeUnixNano()));
            return byStart != 0 ? byStart : a.traceId().compareTo(b.traceId());
        });
        return new TraceSearchResult(traces, hasMore);
    }

    /** The whole trace; 404 when the tenant has no span of it. */
    public TraceDetail trace(TenantPlacement tenant, TraceId traceId) {
        List<GenericRecord> rows = queries.rows(TraceSql.spans(tenant, traceId));
        if (rows.isEmpty()) {
            throw Rejected.notFound("trace", traceId.hex());
        }
        boolean truncated = rows.size() > TraceSql.MAX_TRACE_SPANS;
        List<TraceSpan> spans = new ArrayList<>(Math.min(rows.size(), TraceSql.MAX_TRACE_SPANS));
        for (GenericRecord row : truncated ? rows.subList(0, TraceSql.MAX_TRACE_SPANS) : rows) {
            spans.add(StoredSpans.read(Base64.getDecoder().decode(row.getString("document"))));
        }
        return TraceTree.assemble(traceId.hex(), spans, truncated);
    }

    public ServiceMap serviceMap(TenantPlacement tenant, TimeRange range) {
        CompletableFuture<List<GenericRecord>> nodesLater = CompletableFuture.supplyAsync(
                () -> queries.rows(TraceSql.serviceNodes(tenant, range)), executor);
        List<GenericRecord> edgeRows = queries.rows(TraceSql.serviceEdges(tenant, range));
        List<GenericRecord> nodeRows;
        try {
            nodeRows = nodesLater.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        boolean truncated = edgeRows.size() > TraceSql.MAX_EDGES || nodeRows.size() > TraceSql.MAX_NODES;
        List<ServiceMap.Edge> edges = new ArrayList<>();
        Map<String, ServiceMap.Node> nodes = new TreeMap<>();
        for (GenericRecord row : edgeRows.subList(0, Math.min(edgeRows.size(), TraceSql.MAX_EDGES))) {
            long calls = row.getLong("calls");
            long errors = row.getLong("errors");
            edges.add(new ServiceMap.Edge(row.getString("source"), row.getString("target"), calls, errors, ratio(errors, calls),
                    Percentiles.of(row.getList("latency"))));
        }
        for (GenericRecord row : nodeRows.subList(0, Math.min(nodeRows.size(), TraceSql.MAX_NODES))) {
            long calls = row.getLong("calls");
            long errors = row.getLong("errors");
            nodes.put(row.getString("service"), new ServiceMap.Node(row.getString("service"), calls, errors, ratio(errors, calls)));
        }
        for (ServiceMap.Edge edge : edges) {   // a service reached only by edges (no entry span of its own) is still a node
            nodes.putIfAbsent(edge.source(), new ServiceMap.Node(edge.source(), 0, 0, 0));
            nodes.putIfAbsent(edge.target(), new ServiceMap.Node(edge.target(), 0, 0, 0));
        }
        return new ServiceMap(range.from().toString(), range.to().toString(), List.copyOf(nodes.values()), edges, truncated);
    }

    public RedMetrics red(TenantPlacement tenant, RedQuery query, TimeRange range) {
        Long step = query.stepSeconds();
        long seconds = range.length().toSeconds();
        if (step != null && seconds / step + 2 > RedQuery.MAX_POINTS) {
            throw Rejected.invalid("step", "at most " + RedQuery.MAX_POINTS + " points per series: use a step of at least "
                    + ceilDiv(seconds, RedQuery.MAX_POINTS - 2) + "s for this range");
        }
        List<GenericRecord> rows = queries.rows(TraceSql.red(tenant, query, range));
        boolean truncated = rows.size() > query.limit();
        rows = truncated ? rows.subList(0, query.limit()) : rows;
        if (step != null && (seconds / step + 2) * rows.size() > RedQuery.MAX_SERIES_ROWS) {
            throw Rejected.invalid("step", "too many chart points (" + rows.size() + " series): use a step of at least "
                    + ceilDiv(seconds * rows.size(), RedQuery.MAX_SERIES_ROWS) + "s or a lower limit");
        }
        Map<String, RedMetrics.Series> series = step == null || rows.isEmpty() ? Map.of()
                : series(queries.rows(TraceSql.redSeries(tenant, query, range, rows.stream().map(row -> group(query, row)).toList())),
                query, range, step);
        double rangeSeconds = range.length().toNanos() / 1e9;
        List<RedMetrics.Item> items = new ArrayList<>();
        for (GenericRecord row : rows) {
            long requests = row.getLong("requests");
            long errors = row.getLong("errors");
            items.add(new RedMetrics.Item(row.getString("service"), query.perOperation() ? row.getString("operation") : null, requests,
                    requests / rangeSeconds, errors, ratio(errors, requests), Percentiles.of(row.getList("latency")),
                    step == null ? null : series.getOrDefault(group(query, row), emptySeries(range, step))));
        }
        return new RedMetrics(range.from().toString(), range.to().toString(), query.service(), step, items, truncated);
    }

    private static String group(RedQuery query, GenericRecord row) {
        return row.getString(query.perOperation() ? "operation" : "service");
    }

    /** Per group: every step of the range (rate and errors 0 where nothing happened), percentiles where requests were. */
    private static Map<String, RedMetrics.Series> series(List<GenericRecord> rows, RedQuery query, TimeRange range, long step) {
        Map<String, Map<Long, GenericRecord>> byGroup = new HashMap<>();
        for (GenericRecord row : rows) {
            byGroup.computeIfAbsent(group(query, row), g -> new HashMap<>()).put(row.getLong("bucket_ms"), row);
        }
        Map<String, RedMetrics.Series> series = new HashMap<>();
        byGroup.forEach((group, buckets) -> {
            List<List<Number>> rate = new ArrayList<>();
            List<List<Number>> errors = new ArrayList<>();
            List<List<Number>> p50 = new ArrayList<>();
            List<List<Number>> p95 = new ArrayList<>();
            List<List<Number>> p99 = new ArrayList<>();
            for (long bucket : buckets(range, step)) {
                GenericRecord row = buckets.get(bucket);
                rate.add(List.of(bucket, row == null ? 0.0 : row.getLong("requests") / (double) step));
                errors.add(List.of(bucket, row == null ? 0L : row.getLong("errors")));
                if (row != null) {
                    Percentiles latency = Percentiles.of(row.getList("latency"));
                    p50.add(List.of(bucket, latency.p50()));
                    p95.add(List.of(bucket, latency.p95()));
                    p99.add(List.of(bucket, latency.p99()));
                }
            }
            series.put(group, new RedMetrics.Series(rate, errors, p50, p95, p99));
        });
        return series;
    }

    private static RedMetrics.Series emptySeries(TimeRange range, long step) {
        List<List<Number>> zeros = new ArrayList<>();
        List<List<Number>> zeroCounts = new ArrayList<>();
        for (long bucket : buckets(range, step)) {
            zeros.add(List.of(bucket, 0.0));
            zeroCounts.add(List.of(bucket, 0L));
        }
        return new RedMetrics.Series(zeros, zeroCounts, List.of(), List.of(), List.of());
    }

    /** Step starts (epoch ms) covering the range, aligned to multiples of the step as ClickHouse's toStartOfInterval. */
    static List<Long> buckets(TimeRange range, long stepSeconds) {
        long stepMillis = stepSeconds * 1000;
        List<Long> buckets = new ArrayList<>();
        for (long bucket = Math.floorDiv(range.from().toEpochMilli(), stepMillis) * stepMillis; bucket < range.to().toEpochMilli();
             bucket += stepMillis) {
            buckets.add(bucket);
        }
        return buckets;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

}
