package io.telemetryflow.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.telemetry.logs.LogFilter;
import io.telemetryflow.telemetry.logs.LogsSql;
import io.telemetryflow.telemetry.metrics.MetricKind;
import io.telemetryflow.telemetry.metrics.MetricSeriesQuery;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import io.telemetryflow.telemetry.metrics.MetricSeriesSql;
import io.telemetryflow.telemetry.metrics.MetricSource;
import io.telemetryflow.telemetry.traces.TraceId;
import io.telemetryflow.telemetry.traces.TraceSearch;
import io.telemetryflow.telemetry.traces.TraceSql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prints ClickHouse's {@code EXPLAIN indexes = 1} of the benchmark's queries, built by the same code the API runs
 * (the SQL builders of the read side) for the same inputs as {@link ReadLoad}'s defaults, over the hour ending at
 * {@code --to}. Shows which partitions, primary-key ranges and skip indexes each query reads. 127.0.0.1 only.
 * <p>Usage: {@code ReadExplain --organization-id <uuid> --workspace-id <uuid> --tenant-id <uuid> --to <ISO instant>
 * [--clickhouse http://127.0.0.1:8123] [--database telemetryflow] [--trace-id <hex>] [--runs 5] [--group-by cpu.mode]}.
 * Each query runs {@code --runs} times, then once more for the rows and bytes ClickHouse read (its response summary).
 */
public final class ReadExplain {

    private ReadExplain() {
    }

    /**
     * Runs of the query straight against ClickHouse with the API's query settings (no HTTP, no cache): what the
     * database itself needs.
     */
    private static List<Long> runTimes(TelemetryQueries queries, TelemetrySql.Query query, int runs) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            queries.rows(query);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Client newClient(String endpoint, Map<String, String> options) {
        return new Client.Builder().addEndpoint(endpoint).setUsername("default").setPassword("")
                .setDefaultDatabase(options.getOrDefault("database", "telemetryflow")).build();
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args);
        String clickHouse = options.getOrDefault("clickhouse", "http://127.0.0.1:8123");
        if (!clickHouse.startsWith("http://127.0.0.1:") && !clickHouse.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("ReadExplain talks to 127.0.0.1 only");
        }
        TenantPlacement tenant = new TenantPlacement(UUID.fromString(options.get("organization-id")),
                UUID.fromString(options.get("workspace-id")), UUID.fromString(options.get("tenant-id")));
        Instant to = Instant.parse(options.get("to"));
        Instant from = to.minus(Duration.ofHours(1));
        TimeRange hour = TimeRange.of(from, to);
        QueryLimits limits = QueryLimits.defaults();
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));

        try (Client client = newClient(clickHouse, options); TelemetryQueries runner = new TelemetryQueries(newClient(clickHouse, options), limits)) {
            Map<String, TelemetrySql.Query> queries = new LinkedHashMap<>();
            MetricSeriesQuery series = MetricSeriesQuery.parse(new MetricSeriesRequest("system.cpu.utilization", "gauge",
                    from.toString(), to.toString(), "60s", "avg", "checkout-service", List.of(), List.of(), null, null), to, limits);
            MetricSource source = MetricSource.choose(MetricKind.GAUGE, series.range(), series.stepSeconds());
            queries.put("metrics series (1 h, gauge avg, service, 60 s step), raw points", MetricSeriesSql.of(tenant, series, MetricKind.GAUGE,
                    new MetricSource(MetricKind.GAUGE.table(), 0)).query());
            if (source.perMinute()) {
                queries.put("metrics series (1 h, gauge avg, service, 60 s step), " + source.table(), MetricSeriesSql.of(tenant, series,
                        MetricKind.GAUGE, source).query());
            }
            // issue #19's worst query: every service, one series per cpu.mode; both sources for the same range
            MetricSeriesQuery grouped = MetricSeriesQuery.parse(new MetricSeriesRequest("system.cpu.utilization", "gauge", from.toString(),
                    to.toString(), "60s", "avg", null, List.of(), List.of(options.getOrDefault("group-by", "cpu.mode")), null, null), to, limits);
            MetricSource chosen = MetricSource.choose(MetricKind.GAUGE, grouped.range(), grouped.stepSeconds());
            queries.put("metrics series by " + grouped.groupBy() + " (1 h, gauge avg, every service, 60 s step), raw points",
                    MetricSeriesSql.of(tenant, grouped, MetricKind.GAUGE, new MetricSource(MetricKind.GAUGE.table(), 0)).query());
            if (chosen.perMinute()) {
                queries.put("metrics series by " + grouped.groupBy() + " (1 h, gauge avg, every service, 60 s step), " + chosen.table(),
                        MetricSeriesSql.of(tenant, grouped, MetricKind.GAUGE, chosen).query());
            }
            LogFilter logs = LogFilter.parse(from.toString(), to.toString(), "subscription", "WARN", List.of(), null, null, List.of(), to,
                    limits);
            TelemetrySql.Query pageTimes = LogsSql.pageTimes(tenant, logs, null, 101);
            queries.put("log search, step 1 (1 h, term + severity: total and the newest 101 times)", pageTimes);
            List<Long> newest = client.queryAll(pageTimes.sql(), pageTimes.parameters()).get(0).getList("newest");
            LogFilter page = newest.isEmpty() ? logs
                    : logs.within(TimeRange.of(TimeRange.instant(newest.get(newest.size() - 1)), TimeRange.instant(newest.get(0) + 1)));
            queries.put("log search, step 2 (the first page of 100, between those times)", LogsSql.page(tenant, page, null, 101));
            TraceSearch search = TraceSearch.parse(from.toString(), to.toString(), "checkout-service", null, "100ms", null, null,
                    List.of(), 50);
            TelemetrySql.Query candidates = TraceSql.candidates(tenant, search, hour);
            queries.put("trace search, step 1 (1 h, service + min duration)", candidates);
            List<String> traceIds = new ArrayList<>();
            for (GenericRecord row : client.queryAll(candidates.sql(), candidates.parameters())) {
                traceIds.add(row.getString("trace_id"));
            }
            if (!traceIds.isEmpty()) {
                queries.put("trace search, step 2 (summaries of " + traceIds.size() + " traces)", TraceSql.summaries(tenant, traceIds));
            }
            String traceId = options.getOrDefault("trace-id", traceIds.isEmpty() ? null : traceIds.get(0));
            if (traceId != null) {
                queries.put("trace by id", TraceSql.spans(tenant, TraceId.parse(traceId)));
            }
            queries.put("service map edges (1 h)", TraceSql.serviceEdges(tenant, hour));
            queries.put("service map nodes (1 h)", TraceSql.serviceNodes(tenant, hour));

            for (Map.Entry<String, TelemetrySql.Query> query : queries.entrySet()) {
                System.out.println("=== " + query.getKey());
                System.out.println(query.getValue().sql());
                System.out.println("--- EXPLAIN indexes = 1");
                for (GenericRecord line : client.queryAll("EXPLAIN indexes = 1 " + query.getValue().sql(), query.getValue().parameters())) {
                    System.out.println(line.getString(1));
                }
                List<Long> times = runTimes(runner, query.getValue(), runs);
                System.out.println("--- run time, ms (" + runs + " runs, in this process): " + times + ", median " + median(times));
                // one more run with the API's server settings, for what ClickHouse read (the response summary)
                QuerySettings settings = new QuerySettings();
                limits.serverSettings().forEach(settings::serverSetting);
                settings.serverSetting("use_top_k_dynamic_filtering", "0");
                try (QueryResponse response = client.query(query.getValue().sql(), query.getValue().parameters(), settings).get()) {
                    System.out.println("--- ClickHouse read " + response.getReadRows() + " rows, " + response.getReadBytes() / (1024 * 1024)
                            + " MiB; result " + response.getResultRows() + " rows");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                System.out.println();
            }
        }
    }
}
