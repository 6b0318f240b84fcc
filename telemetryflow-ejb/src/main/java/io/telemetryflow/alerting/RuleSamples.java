package io.telemetryflow.alerting;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.telemetry.logs.LogFilter;
import io.telemetryflow.telemetry.logs.LogsSql;
import io.telemetryflow.telemetry.metrics.MetricSeriesAnswer;
import io.telemetryflow.telemetry.metrics.MetricSeriesQuery;
import io.telemetryflow.telemetry.metrics.Metrics;
import io.telemetryflow.telemetry.traces.RedQuery;
import io.telemetryflow.telemetry.traces.TraceSql;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a rule's query gives over {@code [from, to)} as {@link SeriesSample}s, one per group-by series, through the
 * read API's validated queries and SQL builders (so always scoped to the tenant, never concatenated SQL) and without its
 * cache: metric series at {@code step}, log counts per step (zero-filled: no matching log is a count of 0, not missing
 * data, except for an absence rule), a service's or operation's RED figure per step.
 */
@ApplicationScoped
public class RuleSamples {

    /** Series one rule may have; more are cut (the evaluator's instance count is bounded by it). */
    static final int MAX_SERIES = 1000;

    @Inject
    Metrics metrics;

    @Inject
    TelemetryQueries queries;

    List<SeriesSample> read(TenantPlacement tenant, RuleQuery query, Instant from, Instant to, Duration step, Instant now) {
        if (query instanceof MetricRuleQuery metric) {
            return metric(tenant, metric, from, to, step, now);
        }
        if (query instanceof LogRuleQuery logs) {
            return logs(tenant, logs, from, to, step, now, true);
        }
        if (query instanceof TraceRuleQuery traces) {
            return traces(tenant, traces, from, to, step);
        }
        RuleQuery inner = ((AbsenceRuleQuery) query).inner();
        return inner instanceof LogRuleQuery logs ? logs(tenant, logs, from, to, step, now, false) : read(tenant, inner, from, to, step, now);
    }

    private List<SeriesSample> metric(TenantPlacement tenant, MetricRuleQuery rule, Instant from, Instant to, Duration step, Instant now) {
        MetricSeriesQuery query = MetricSeriesQuery.parse(rule.request(tenant.tenantId().toString(), from, to, step.toSeconds() + "s", MAX_SERIES),
                now, queries.limits());
        MetricSeriesAnswer answer = metrics.series(tenant, query);
        List<SeriesSample> samples = new ArrayList<>();
        for (MetricSeriesAnswer.Series series : answer.series()) {
            List<SeriesSample.Point> points = new ArrayList<>();
            for (List<Number> point : series.points()) {
                if (point.get(1) != null && Double.isFinite(point.get(1).doubleValue())) {
                    points.add(new SeriesSample.Point(Instant.ofEpochMilli(point.get(0).longValue()), point.get(1).doubleValue()));
                }
            }
            samples.add(new SeriesSample(series.labels(), points));
        }
        return samples;
    }

    private List<SeriesSample> logs(TenantPlacement tenant, LogRuleQuery rule, Instant from, Instant to, Duration step, Instant now,
                                    boolean zeroFilled) {
        LogFilter filter = rule.request(tenant.tenantId().toString(), from, to).parse(now, queries.limits());
        LogsSql.Field groupBy = rule.groupBy() == null ? null : LogsSql.Field.parse(rule.groupBy());
        long stepMillis = step.toMillis();
        Map<String, Map<Long, Long>> counts = new TreeMap<>();
        for (GenericRecord row : queries.rows(LogsSql.counts(tenant, filter, groupBy, stepMillis, MAX_SERIES))) {
            List<?> buckets = row.getList("buckets");
            List<?> records = row.getList("counts");
            Map<Long, Long> series = counts.computeIfAbsent(row.getString("value"), value -> new TreeMap<>());
            for (int i = 0; i < buckets.size(); i++) {
                series.put(((Number) buckets.get(i)).longValue(), ((Number) records.get(i)).longValue());
            }
        }
        if (zeroFilled && groupBy == null && counts.isEmpty()) {
            counts.put("", new TreeMap<>());
        }
        List<SeriesSample> samples = new ArrayList<>();
        for (Map.Entry<String, Map<Long, Long>> series : counts.entrySet()) {
            Map<String, String> labels = groupBy == null ? Map.of() : Map.of(rule.groupBy(), series.getKey());
            List<SeriesSample.Point> points = new ArrayList<>();
            if (zeroFilled) {
                for (long bucket = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis; bucket < to.toEpochMilli(); bucket += stepMillis) {
                    points.add(new SeriesSample.Point(Instant.ofEpochMilli(bucket), series.getValue().getOrDefault(bucket, 0L)));
                }
            } else {
                series.getValue().forEach((bucket, count) -> points.add(new SeriesSample.Point(Instant.ofEpochMilli(bucket), count)));
            }
            samples.add(new SeriesSample(labels, points));
        }
        return samples;
    }

    private List<SeriesSample> traces(TenantPlacement tenant, TraceRuleQuery rule, Instant from, Instant to, Duration step) {
        TimeRange range = TimeRange.of(from, to);
        // per operation of the service, or per service (all of them when the rule names none)
        RedQuery query = new RedQuery(from.toString(), to.toString(), rule.operation() == null ? null : rule.service(), step.toSeconds(),
                RedQuery.MAX_LIMIT);
        List<String> groups;
        if (rule.operation() != null) {
            groups = List.of(rule.operation());
        } else if (rule.service() != null) {
            groups = List.of(rule.service());
        } else {
            groups = queries.rows(TraceSql.red(tenant, query, range)).stream().limit(RedQuery.MAX_LIMIT).map(row -> row.getString("service"))
                    .toList();
            if (groups.isEmpty()) {
                return List.of();
            }
        }
        Map<Map<String, String>, List<SeriesSample.Point>> series = new LinkedHashMap<>();
        for (GenericRecord row : queries.rows(TraceSql.redSeries(tenant, query, range, groups))) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("service.name", row.getString("service"));
            if (rule.operation() != null) {
                labels.put("operation", row.getString("operation"));
            }
            series.computeIfAbsent(labels, key -> new ArrayList<>()).add(new SeriesSample.Point(Instant.ofEpochMilli(row.getLong("bucket_ms")),
                    measure(rule.measure(), row, step)));
        }
        return series.entrySet().stream().map(entry -> new SeriesSample(entry.getKey(), entry.getValue())).toList();
    }

    private static double measure(TraceRuleQuery.Measure measure, GenericRecord row, Duration step) {
        long requests = row.getLong("requests");
        List<?> latency = row.getList("latency");
        return switch (measure) {
            case ERROR_RATE -> requests == 0 ? 0 : (double) row.getLong("errors") / requests;
            case REQUEST_RATE -> (double) requests / step.toSeconds();
            case P50 -> millis(latency.get(0));
            case P95 -> millis(latency.get(1));
            case P99 -> millis(latency.get(2));
            case P90 -> millis(latency.get(3));
        };
    }

    private static double millis(Object nanos) {
        return ((Number) nanos).doubleValue() / 1_000_000.0;
    }
}
