package io.telemetryflow.telemetry.metrics;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.telemetry.TelemetryCache;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.AttributeKey;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.AttributeKeys;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.AttributeValue;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.AttributeValues;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.MetricName;
import io.telemetryflow.telemetry.metrics.MetricCatalogueAnswers.MetricNames;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics read API (docs/telemetry-api.md, Metrics): series, exemplars and the catalogues of names and attribute
 * values, each for one tenant the caller may read metrics of, each answer through the telemetry cache.
 */
@ApplicationScoped
public class Metrics {

    static final String SERIES = "metrics";
    static final String EXEMPLARS = "metric-exemplars";
    static final String CATALOGUE = "metric-catalogue";

    @Inject
    TelemetryScopes scopes;

    @Inject
    TelemetryQueries queries;

    @Inject
    TelemetryCache cache;

    Clock clock = Clock.systemUTC();

    /** The uncached reads ({@link #series(TenantPlacement, MetricSeriesQuery)}, {@link #kinds}) over {@code queries}, outside CDI (tests). */
    public static Metrics uncached(TelemetryQueries queries) {
        Metrics metrics = new Metrics();
        metrics.queries = queries;
        return metrics;
    }

    public TelemetryCache.Answer series(Caller caller, MetricSeriesRequest request) {
        MetricSeriesQuery query = MetricSeriesQuery.parse(request, Instant.now(clock), queries.limits());
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.METRICS_READ);
        return cache.answer(tenant, SERIES, request, query.range(), () -> series(tenant, query));
    }

    public TelemetryCache.Answer exemplars(Caller caller, MetricExemplarRequest request) {
        MetricExemplarQuery query = MetricExemplarQuery.parse(request, Instant.now(clock), queries.limits());
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.METRICS_READ);
        return cache.answer(tenant, EXEMPLARS, request, query.range(), () -> exemplars(tenant, query));
    }

    /** Key of a cached catalogue answer: the endpoint and its parameters. */
    public record CatalogueRequest(String list, String metric, String service, String key, String prefix, int limit) {
    }

    public TelemetryCache.Answer names(Caller caller, String tenantId, String service, String prefix, String limit) {
        Optional<String> serviceName = MetricFields.optional("service", service);
        String namePrefix = MetricFields.prefix(prefix);
        int max = MetricFields.limit(limit, MetricFields.MAX_LIMIT);
        TenantPlacement tenant = scopes.resolve(caller, tenantId, Permission.METRICS_READ);
        return catalogue(tenant, new CatalogueRequest("names", null, service, null, namePrefix, max),
                () -> names(tenant, serviceName, namePrefix, max));
    }

    public TelemetryCache.Answer attributeKeys(Caller caller, String tenantId, String metric, String prefix, String limit) {
        String metricName = MetricFields.metric(metric);
        String keyPrefix = MetricFields.prefix(prefix);
        int max = MetricFields.limit(limit, MetricFields.MAX_LIMIT);
        TenantPlacement tenant = scopes.resolve(caller, tenantId, Permission.METRICS_READ);
        return catalogue(tenant, new CatalogueRequest("keys", metricName, null, null, keyPrefix, max), () -> {
            List<GenericRecord> rows = queries.rows(MetricCatalogueSql.attributeKeys(tenant, metricName, keyPrefix, max));
            List<AttributeKey> keys = rows.stream().limit(max)
                    .map(row -> new AttributeKey(row.getString("attribute_key"), row.getLong("points"), instant(row.getLong("newest"))))
                    .toList();
            return new AttributeKeys(metricName, keys, rows.size() > max);
        });
    }

    public TelemetryCache.Answer attributeValues(Caller caller, String tenantId, String metric, String key, String prefix, String limit) {
        String metricName = MetricFields.metric(metric);
        String attributeKey = MetricFields.required("key", key);
        String valuePrefix = MetricFields.prefix(prefix);
        int max = MetricFields.limit(limit, MetricFields.MAX_LIMIT);
        TenantPlacement tenant = scopes.resolve(caller, tenantId, Permission.METRICS_READ);
        return catalogue(tenant, new CatalogueRequest("values", metricName, null, attributeKey, valuePrefix, max), () -> {
            List<GenericRecord> rows = queries.rows(MetricCatalogueSql.attributeValues(tenant, metricName, attributeKey, valuePrefix, max));
            List<AttributeValue> values = rows.stream().limit(max)
                    .map(row -> new AttributeValue(row.getString("attribute_value"), row.getLong("points"), instant(row.getLong("newest"))))
                    .toList();
            return new AttributeValues(metricName, attributeKey, values, rows.size() > max);
        });
    }

    // ---------------------------------------------------------------------------------------------

    /** The series of a checked query for a tenant already resolved: uncached (alert evaluation reads through here). */
    public MetricSeriesAnswer series(TenantPlacement tenant, MetricSeriesQuery query) {
        String aggregation = query.aggregation().apiName();
        Optional<MetricKinds.Catalogued> chosen = MetricKinds.choose(kinds(tenant, query.metric(), query.service()), query.kind(),
                query.aggregation());
        if (chosen.isEmpty()) {
            return new MetricSeriesAnswer(query.metric(), query.kind().map(MetricKind::type).orElse(null), null, null, aggregation,
                    query.stepSeconds(), List.of(), false);
        }
        MetricKind kind = chosen.get().kind();
        MetricSeriesSql.Plan plan = MetricSeriesSql.of(tenant, query, kind, MetricSource.choose(kind, query.range(), query.stepSeconds()));
        List<GenericRecord> rows = queries.rows(plan.query());
        List<MetricSeriesAnswer.Series> series = rows.stream().limit(query.limit())
                .map(row -> new MetricSeriesAnswer.Series(labels(query.groupBy(), row.getList("labels")), points(row, plan.shape(), query)))
                .toList();
        return new MetricSeriesAnswer(query.metric(), kind.type(), chosen.get().unit(), chosen.get().description(), aggregation,
                query.stepSeconds(), series, rows.size() > query.limit());
    }

    /** The kinds a metric is catalogued with, each with the unit and description of its most recent entry. */
    public List<MetricKinds.Catalogued> kinds(TenantPlacement tenant, String metric, Optional<String> service) {
        Map<MetricKind, MetricKinds.Catalogued> kinds = new EnumMap<>(MetricKind.class);
        for (GenericRecord row : queries.rows(MetricCatalogueSql.kinds(tenant, metric, service))) {
            Optional<MetricKind> kind = MetricKind.ofType(row.getString("metric_type"));
            if (kind.isEmpty()) {
                continue;
            }
            MetricKinds.Catalogued entry = new MetricKinds.Catalogued(kind.get(), row.getString("metric_unit"), row.getString("description"),
                    row.getBoolean("monotonic"), TimeRange.instant(row.getLong("newest")));
            kinds.merge(kind.get(), entry, (a, b) -> {
                MetricKinds.Catalogued latest = a.lastSeen().isAfter(b.lastSeen()) ? a : b;
                return new MetricKinds.Catalogued(latest.kind(), latest.unit(), latest.description(), a.monotonic() || b.monotonic(),
                        latest.lastSeen());
            });
        }
        return List.copyOf(kinds.values());
    }

    private static Map<String, String> labels(List<String> keys, List<Object> values) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            labels.put(keys.get(i), String.valueOf(values.get(i)));
        }
        return labels;
    }

    private static List<List<Number>> points(GenericRecord row, MetricSeriesSql.Shape shape, MetricSeriesQuery query) {
        List<Long> times = longs(row.getList("times"));
        return switch (shape) {
            case VALUES -> {
                List<Double> values = doubles(row.getList("vals"));
                Map<Long, Double> byTime = new java.util.TreeMap<>();
                for (int i = 0; i < times.size(); i++) {
                    if (Double.isFinite(values.get(i))) {
                        byTime.put(times.get(i), values.get(i));
                    }
                }
                yield byTime.entrySet().stream().map(point -> Arrays.<Number>asList(point.getKey(), point.getValue())).toList();
            }
            case HISTOGRAM -> HistogramSteps.points(histogramLayouts(row, times), query.aggregation());
            case EXPONENTIAL_HISTOGRAM -> HistogramSteps.points(exponentialLayouts(row, times), query.aggregation());
        };
    }

    private static List<HistogramSteps.Layout> histogramLayouts(GenericRecord row, List<Long> times) {
        List<Long> counts = longs(row.getList("counts"));
        List<Double> sums = doubles(row.getList("sums"));
        List<Double> mins = doubles(row.getList("mins"));
        List<Double> maxes = doubles(row.getList("maxes"));
        List<Object> bounds = row.getList("bounds");
        List<Object> buckets = row.getList("buckets");
        List<HistogramSteps.Layout> layouts = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            List<Double> layoutBounds = doubles((List<?>) bounds.get(i));
            List<Long> layoutCounts = longs((List<?>) buckets.get(i));
            layouts.add(new HistogramSteps.Layout(times.get(i), counts.get(i), known(sums.get(i)), known(mins.get(i)), known(maxes.get(i)),
                    (min, max) -> HistogramQuantile.explicit(layoutBounds, layoutCounts, min, max)));
        }
        return layouts;
    }

    private static List<HistogramSteps.Layout> exponentialLayouts(GenericRecord row, List<Long> times) {
        List<Long> scales = longs(row.getList("scales"));
        List<Long> counts = longs(row.getList("counts"));
        List<Double> sums = doubles(row.getList("sums"));
        List<Double> mins = doubles(row.getList("mins"));
        List<Double> maxes = doubles(row.getList("maxes"));
        List<Long> zeros = longs(row.getList("zeros"));
        List<Object> positives = row.getList("positives");
        List<Object> negatives = row.getList("negatives");
        List<HistogramSteps.Layout> layouts = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            int scale = scales.get(i).intValue();
            long zero = zeros.get(i);
            Map<Integer, Long> positive = indexedCounts(positives.get(i));
            Map<Integer, Long> negative = indexedCounts(negatives.get(i));
            layouts.add(new HistogramSteps.Layout(times.get(i), counts.get(i), known(sums.get(i)), known(mins.get(i)), known(maxes.get(i)),
                    (min, max) -> HistogramQuantile.exponential(scale, positive, negative, zero, min, max)));
        }
        return layouts;
    }

    MetricExemplars exemplars(TenantPlacement tenant, MetricExemplarQuery query) {
        List<MetricKinds.Catalogued> kinds = kinds(tenant, query.metric(), query.service()).stream()
                .filter(entry -> entry.kind() != MetricKind.SUMMARY).toList();
        Optional<MetricKinds.Catalogued> chosen = MetricKinds.choose(kinds, query.kind(), MetricAggregation.AVG);
        if (chosen.isEmpty()) {
            return new MetricExemplars(query.metric(), query.kind().map(MetricKind::type).orElse(null), List.of(), false);
        }
        MetricKind kind = chosen.get().kind();
        List<GenericRecord> rows = queries.rows(query.sql(tenant, kind));
        List<MetricExemplars.Exemplar> exemplars = rows.stream().limit(query.limit()).map(row -> {
            Map<String, String> labels = new java.util.TreeMap<>(strings(row.getObject("attributes")));
            labels.put("service.name", row.getString("service"));
            double value = row.getDouble("value");
            return new MetricExemplars.Exemplar(row.getString("time_nanos"), Double.isFinite(value) ? value : null, row.getString("trace_id"),
                    row.getString("span_id"), labels, new java.util.TreeMap<>(strings(row.getObject("filtered_attributes"))));
        }).toList();
        return new MetricExemplars(query.metric(), kind.type(), exemplars, rows.size() > query.limit());
    }

    MetricNames names(TenantPlacement tenant, Optional<String> service, String prefix, int limit) {
        List<GenericRecord> rows = queries.rows(MetricCatalogueSql.names(tenant, service, prefix, limit));
        List<MetricName> names = rows.stream().limit(limit).map(row -> new MetricName(row.getString("metric_name"), row.getString("metric_type"),
                row.getString("metric_unit"), row.getString("description"), temporality(row.getInteger("temporality")),
                row.getBoolean("monotonic"), instant(row.getLong("newest")),
                row.getList("services").stream().map(String::valueOf).toList(), row.getLong("points"))).toList();
        return new MetricNames(names, rows.size() > limit);
    }

    private TelemetryCache.Answer catalogue(TenantPlacement tenant, CatalogueRequest request, java.util.function.Supplier<?> compute) {
        // the catalogues are live data: answers live at most the freshness window
        Instant now = Instant.now(clock);
        return cache.answer(tenant, CATALOGUE, request, TimeRange.of(now.minusSeconds(1), now), compute);
    }

    /** OTLP's AggregationTemporality number as a word; gauges and summaries have none. */
    static String temporality(int number) {
        return switch (number) {
            case 1 -> "delta";
            case 2 -> "cumulative";
            default -> null;
        };
    }

    static String instant(long epochNanos) {
        return TimeRange.instant(epochNanos).toString();
    }

    private static Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(value -> ((Number) value).longValue()).toList();
    }

    private static List<Double> doubles(List<?> values) {
        return values.stream().map(value -> ((Number) value).doubleValue()).toList();
    }

    private static Map<Integer, Long> indexedCounts(Object map) {
        return ((Map<?, ?>) map).entrySet().stream().collect(Collectors.toMap(entry -> ((Number) entry.getKey()).intValue(),
                entry -> ((Number) entry.getValue()).longValue(), Long::sum, java.util.TreeMap::new));
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> strings = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((key, value) -> strings.put(String.valueOf(key), String.valueOf(value)));
        return strings;
    }
}
