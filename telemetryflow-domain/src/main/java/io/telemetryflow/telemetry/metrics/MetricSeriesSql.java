package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The ClickHouse query of a metric series request (docs/telemetry-api.md, Metrics). Every query reads one kind's
 * table within {@code tenant_id}, {@code metric_name}, optionally {@code service_name} (the first three sort-key
 * columns) and the time range (the partition column), adds the attribute filters, buckets points into epoch-aligned
 * steps and returns one row per series (the group-by values as {@code labels}), at most {@code limit + 1} so that a
 * cut is noticed. Counter differences (rate, increase, cumulative histograms and summaries) use a window over each
 * series (resource and point attributes) in time order.
 */
public final class MetricSeriesSql {

    /** What the rows hold (NULL never appears inside the arrays, which would drop it: unknown sums, mins and maxes are NaN): one value per step, or the merged histogram of each step for {@link MetricValues} to finish. */
    public enum Shape {
        /** {@code labels, times, vals}: the values are final. */
        VALUES,
        /** {@code labels, times, bounds, counts, sums, mins, maxes, buckets}: one entry per step and bucket layout. */
        HISTOGRAM,
        /** {@code labels, times, scales, counts, sums, mins, maxes, zeros, zero_thresholds, positives, negatives}: one entry per step and scale. */
        EXPONENTIAL_HISTOGRAM
    }

    public record Plan(TelemetrySql.Query query, Shape shape) {
    }

    static final String SERIES_WINDOW = "WINDOW series AS (PARTITION BY cityHash64(resource_attributes, attributes) ORDER BY timestamp "
            + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)";

    private final TelemetrySql sql;
    private final MetricSeriesQuery query;
    private final MetricKind kind;
    private final MetricSource source;
    private final String step;
    private final String labels;

    private MetricSeriesSql(TenantPlacement tenant, MetricSeriesQuery query, MetricKind kind, MetricSource source) {
        this.sql = TelemetrySql.forTenant(tenant);
        this.query = query;
        this.kind = kind;
        this.source = source;
        sql.where("metric_name = " + sql.bind("String", query.metric()));
        query.service().ifPresent(service -> sql.where("service_name = " + sql.bind("String", service)));
        sql.during("timestamp", query.readRange(readsDifferences(kind, query.aggregation())));
        query.filters().forEach(sql::attribute);
        if (query.aggregation().isCounter()) {
            sql.where("is_monotonic");
        }
        this.step = sql.bind("UInt32", query.stepSeconds());
        this.labels = labels();
    }

    /** The query for {@code query} over {@code kind}'s points, which must support its aggregation ({@link MetricKinds#supports}). */
    public static Plan of(TenantPlacement tenant, MetricSeriesQuery query, MetricKind kind, MetricSource source) {
        return new MetricSeriesSql(tenant, query, kind, source).plan();
    }

    /**
     * The series of many gauge queries over their whole minutes in one pass over {@code otel_metrics_gauge_1m}
     * ({@link MetricSource#perMinute}: {@code range} and {@code stepSeconds} are whole minutes, as every query's must
     * be), as {@link Shape#VALUES} rows with the query's 1-based position in {@code queries} as {@code q}, at most
     * {@code limit} series per query. Each query's conditions (name, service, attribute filters) are one disjunct of the
     * condition and one element of an array from which a row's matching queries are picked (ARRAY JOIN); equal values
     * share a placeholder, so a condition many queries have is tested once per row. Every aggregate a gauge supports is
     * computed per step and the query's own picked. The gauge alert rules of a tenant are read this way: one scan a
     * minute, not one per rule.
     */
    public static TelemetrySql.Query gaugeMinutes(TenantPlacement tenant, TimeRange range, long stepSeconds, List<MetricSeriesQuery> queries,
                                                  int limit) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no query to read for");
        }
        TelemetrySql sql = TelemetrySql.forTenant(tenant).reusingEqualValues();
        sql.during("timestamp", range);
        List<String> predicates = new ArrayList<>();
        List<String> labelColumns = new ArrayList<>();   // the distinct label arrays, as columns labels_0, labels_1...
        StringJoiner labelsOf = new StringJoiner(", ", "[", "]");
        StringJoiner aggregationOf = new StringJoiner(", ", "[", "]");
        for (MetricSeriesQuery query : queries) {
            if (query.stepSeconds() != stepSeconds || !MetricSource.choose(MetricKind.GAUGE, range, stepSeconds).perMinute()) {
                throw new IllegalArgumentException("every query must read whole minutes at the batch's step");
            }
            String[] labels = {null};
            predicates.add(sql.predicate(own -> {
                own.where("metric_name = " + own.bind("String", query.metric()));
                query.service().ifPresent(service -> own.where("service_name = " + own.bind("String", service)));
                query.filters().forEach(own::attribute);
                labels[0] = labels(own, query.groupBy());
            }));
            if (!labelColumns.contains(labels[0])) {
                labelColumns.add(labels[0]);
            }
            labelsOf.add(Integer.toString(labelColumns.indexOf(labels[0]) + 1));
            aggregationOf.add(Integer.toString(switch (query.aggregation()) {
                case MIN -> 2;
                case MAX -> 3;
                case SUM -> 4;
                case COUNT -> 5;
                case AVG -> 1;
                default -> throw new IllegalArgumentException("a gauge has no " + query.aggregation().apiName());
            }));
        }
        StringBuilder columns = new StringBuilder();
        StringJoiner labelArrays = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < labelColumns.size(); i++) {
            columns.append(labelColumns.get(i)).append(" AS labels_").append(i).append(", ");
            labelArrays.add("labels_" + i);
        }
        String step = sql.bind("UInt32", stepSeconds);
        String matched = sql.matchingAny(predicates);
        return sql.build("SELECT q, labels, groupArray(t) AS times, groupArray(ifNull(v, nan)) AS vals\n"
                + "FROM (SELECT q, labels, t, arrayElement([sum(sum) / sum(count), min(min), max(max), sum(sum), toFloat64(sum(count))], "
                + "arrayElement(" + aggregationOf + ", q)) AS v\n"
                + "FROM (SELECT q, arrayElement(" + labelArrays + ", arrayElement(" + labelsOf + ", q)) AS labels, t, sum, count, min, max\n"
                + "FROM (SELECT " + columns + "toInt64(toUnixTimestamp(toStartOfInterval(timestamp, toIntervalSecond(" + step + ")))) * 1000 AS t, "
                + "sum, count, min, max, " + matched + " AS matched\n"
                + "FROM otel_metrics_gauge_1m\nWHERE " + sql.conditions() + ")\n"
                + "ARRAY JOIN matched AS q)\n"
                + "GROUP BY q, labels, t ORDER BY t)\n"
                + "GROUP BY q, labels\nORDER BY q, labels\nLIMIT " + sql.bind("UInt32", limit) + " BY q");
    }

    /** Whether the query reads differences of cumulative points (and so one step before the range). */
    static boolean readsDifferences(MetricKind kind, MetricAggregation aggregation) {
        return switch (kind) {
            case GAUGE -> false;
            case SUM -> aggregation.isCounter();
            case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> true;
            case SUMMARY -> aggregation == MetricAggregation.AVG || aggregation == MetricAggregation.SUM
                    || aggregation == MetricAggregation.COUNT;
        };
    }

    private Plan plan() {
        return switch (kind) {
            case GAUGE -> values(numberValues());
            case SUM -> values(query.aggregation().isCounter() ? counter() : numberValues());
            case HISTOGRAM -> new Plan(histogram(), Shape.HISTOGRAM);
            case EXPONENTIAL_HISTOGRAM -> new Plan(exponentialHistogram(), Shape.EXPONENTIAL_HISTOGRAM);
            case SUMMARY -> values(readsDifferences(kind, query.aggregation()) ? summaryTotals() : summaryQuantile());
        };
    }

    private Plan values(String perStep) {
        return new Plan(sql.build("""
                SELECT labels, groupArray(t) AS times, groupArray(ifNull(v, nan)) AS vals
                FROM (
                %s
                )
                GROUP BY labels
                ORDER BY labels
                LIMIT %s""".formatted(perStep, limit())), Shape.VALUES);
    }

    /** Gauge and sum points: the aggregate of every point value in the step (from whole minutes' aggregates when the source has them). */
    private String numberValues() {
        String value = source.perMinute() ? switch (query.aggregation()) {
            case MIN -> "min(min)";
            case MAX -> "max(max)";
            case SUM -> "sum(sum)";
            case COUNT -> "toFloat64(sum(count))";
            default -> "sum(sum) / sum(count)";
        } : switch (query.aggregation()) {
            case MIN -> "min(value)";
            case MAX -> "max(value)";
            case SUM -> "sum(value)";
            case COUNT -> "toFloat64(count())";
            default -> "avg(value)";
        };
        return """
                SELECT %s AS labels, %s AS t, %s AS v
                FROM %s
                WHERE %s
                GROUP BY labels, t""".formatted(labels, bucket(), value, source.table(), sql.conditions());
    }

    /**
     * Increase (or rate) of monotonic sums: a delta point's value is its increase; a cumulative point's increase is
     * the difference to the series' previous point, or its whole value after a restart (a drop, or a new start time).
     */
    private String counter() {
        String value = query.aggregation() == MetricAggregation.RATE ? "sum(increase) / " + step : "sum(increase)";
        return """
                SELECT labels, t, %s AS v
                FROM (
                    SELECT %s AS labels, timestamp, %s AS t,
                           if(aggregation_temporality = 2,
                              if(row_number() OVER series = 1, NULL,
                                 if(value < lagInFrame(value) OVER series OR start_timestamp != lagInFrame(start_timestamp) OVER series,
                                    value, value - lagInFrame(value) OVER series)),
                              value) AS increase
                    FROM %s
                    WHERE %s
                    %s
                )
                WHERE %s AND increase IS NOT NULL
                GROUP BY labels, t""".formatted(value, labels, bucket(), source.table(), sql.conditions(), SERIES_WINDOW, inRange());
    }

    /**
     * Explicit-bucket histograms: per step, series group and bucket layout, the observations of the step (delta
     * points as they are, cumulative ones as differences to the series' previous point) with their bucket counts
     * merged; min and max are those the points report.
     */
    private TelemetrySql.Query histogram() {
        return sql.build("""
                SELECT labels, groupArray(t) AS times, groupArray(bounds) AS bounds, groupArray(c) AS counts, groupArray(ifNull(s, nan)) AS sums,
                       groupArray(ifNull(lo, nan)) AS mins, groupArray(ifNull(hi, nan)) AS maxes, groupArray(bc) AS buckets
                FROM (
                    SELECT labels, t, bounds, sum(d_count) AS c, sum(d_sum) AS s, min(min) AS lo, max(max) AS hi, sumForEach(d_buckets) AS bc
                    FROM (
                        SELECT labels, t, bounds, min, max,
                               cumulative AND NOT (count < prev_count OR start_timestamp != prev_start OR bounds != prev_bounds) AS difference,
                               if(difference, toInt64(count) - toInt64(prev_count), toInt64(count)) AS d_count,
                               if(difference, sum - prev_sum, sum) AS d_sum,
                               if(difference, arrayMap((n, i) -> toInt64(n) - toInt64(prev_buckets[i]), bucket_counts, arrayEnumerate(bucket_counts)),
                                  arrayMap(n -> toInt64(n), bucket_counts)) AS d_buckets
                        FROM (
                            SELECT %s AS labels, timestamp, %s AS t, start_timestamp, explicit_bounds AS bounds, count, sum, min, max,
                                   bucket_counts, aggregation_temporality = 2 AS cumulative, row_number() OVER series = 1 AS opening,
                                   lagInFrame(count) OVER series AS prev_count, lagInFrame(sum) OVER series AS prev_sum,
                                   lagInFrame(start_timestamp) OVER series AS prev_start,
                                   lagInFrame(explicit_bounds) OVER series AS prev_bounds,
                                   lagInFrame(bucket_counts) OVER series AS prev_buckets
                            FROM %s
                            WHERE %s
                            %s
                        )
                        WHERE %s AND NOT (cumulative AND opening)
                    )
                    GROUP BY labels, t, bounds
                )
                GROUP BY labels
                ORDER BY labels
                LIMIT %s""".formatted(labels, bucket(), source.table(), sql.conditions(), SERIES_WINDOW, inRange(), limit()));
    }

    /**
     * Exponential histograms: as {@link #histogram()}, with buckets as maps from bucket index to count, merged per
     * step, series group and scale. A cumulative series whose scale changes counts that point as a restart.
     */
    private TelemetrySql.Query exponentialHistogram() {
        return sql.build("""
                SELECT labels, groupArray(t) AS times, groupArray(scale) AS scales, groupArray(c) AS counts, groupArray(ifNull(s, nan)) AS sums,
                       groupArray(ifNull(lo, nan)) AS mins, groupArray(ifNull(hi, nan)) AS maxes, groupArray(z) AS zeros, groupArray(zt) AS zero_thresholds,
                       groupArray(pos) AS positives, groupArray(neg) AS negatives
                FROM (
                    SELECT labels, t, scale, sum(d_count) AS c, sum(d_sum) AS s, min(min) AS lo, max(max) AS hi, sum(d_zero) AS z,
                           max(zero_threshold) AS zt, sumMap(d_positive) AS pos, sumMap(d_negative) AS neg
                    FROM (
                        SELECT labels, t, scale, min, max, zero_threshold,
                               cumulative AND NOT (count < prev_count OR start_timestamp != prev_start OR scale != prev_scale) AS difference,
                               if(difference, toInt64(count) - toInt64(prev_count), toInt64(count)) AS d_count,
                               if(difference, sum - prev_sum, sum) AS d_sum,
                               if(difference, toInt64(zero_count) - toInt64(prev_zero), toInt64(zero_count)) AS d_zero,
                               if(difference, mapSubtract(positive, prev_positive), positive) AS d_positive,
                               if(difference, mapSubtract(negative, prev_negative), negative) AS d_negative
                        FROM (
                            SELECT %s AS labels, timestamp, %s AS t, start_timestamp, scale, count, sum, min, max, zero_count, zero_threshold,
                                   mapFromArrays(arrayMap(i -> toInt32(positive_offset + i - 1), arrayEnumerate(positive_bucket_counts)),
                                                 arrayMap(n -> toInt64(n), positive_bucket_counts)) AS positive,
                                   mapFromArrays(arrayMap(i -> toInt32(negative_offset + i - 1), arrayEnumerate(negative_bucket_counts)),
                                                 arrayMap(n -> toInt64(n), negative_bucket_counts)) AS negative,
                                   aggregation_temporality = 2 AS cumulative, row_number() OVER series = 1 AS opening,
                                   lagInFrame(count) OVER series AS prev_count, lagInFrame(sum) OVER series AS prev_sum,
                                   lagInFrame(start_timestamp) OVER series AS prev_start, lagInFrame(scale) OVER series AS prev_scale,
                                   lagInFrame(zero_count) OVER series AS prev_zero, lagInFrame(positive) OVER series AS prev_positive,
                                   lagInFrame(negative) OVER series AS prev_negative
                            FROM %s
                            WHERE %s
                            %s
                        )
                        WHERE %s AND NOT (cumulative AND opening)
                    )
                    GROUP BY labels, t, scale
                )
                GROUP BY labels
                ORDER BY labels
                LIMIT %s""".formatted(labels, bucket(), source.table(), sql.conditions(), SERIES_WINDOW, inRange(), limit()));
    }

    /** Summaries' count and sum (cumulative by definition): differences per series, as for counters. */
    private String summaryTotals() {
        String value = switch (query.aggregation()) {
            case COUNT -> "toFloat64(sum(d_count))";
            case SUM -> "sum(d_sum)";
            default -> "sum(d_sum) / sum(d_count)";
        };
        String having = query.aggregation() == MetricAggregation.AVG ? "\nHAVING sum(d_count) > 0" : "";
        return """
                SELECT labels, t, %s AS v
                FROM (
                    SELECT labels, t,
                           count < prev_count OR start_timestamp != prev_start AS restart,
                           if(restart, toInt64(count), toInt64(count) - toInt64(prev_count)) AS d_count,
                           if(restart, sum, sum - prev_sum) AS d_sum
                    FROM (
                        SELECT %s AS labels, timestamp, %s AS t, start_timestamp, count, sum, row_number() OVER series = 1 AS opening,
                               lagInFrame(count) OVER series AS prev_count, lagInFrame(sum) OVER series AS prev_sum,
                               lagInFrame(start_timestamp) OVER series AS prev_start
                        FROM %s
                        WHERE %s
                        %s
                    )
                    WHERE %s AND NOT opening
                )
                GROUP BY labels, t%s""".formatted(value, labels, bucket(), source.table(), sql.conditions(), SERIES_WINDOW, inRange(), having);
    }

    /**
     * A quantile the summary points report: pNN averages the reported NN-th percentile over the step's points; min and
     * max read the 0 and 1 quantiles. Points that do not report it are left out.
     */
    private String summaryQuantile() {
        MetricAggregation aggregation = query.aggregation();
        double quantile = aggregation == MetricAggregation.MIN ? 0 : aggregation == MetricAggregation.MAX ? 1 : aggregation.quantile();
        String q = sql.bind("Float64", quantile);
        String value = "quantile_values.value[indexOf(quantile_values.quantile, " + q + ")]";
        String aggregate = switch (aggregation) {
            case MIN -> "min";
            case MAX -> "max";
            default -> "avg";
        };
        return """
                SELECT %s AS labels, %s AS t, %s(%s) AS v
                FROM %s
                WHERE %s
                  AND has(quantile_values.quantile, %s)
                GROUP BY labels, t""".formatted(labels, bucket(), aggregate, value, source.table(), sql.conditions(), q);
    }

    /** The epoch-aligned step a point falls in, as epoch milliseconds of its start. */
    private String bucket() {
        return "toInt64(toUnixTimestamp(toStartOfInterval(timestamp, toIntervalSecond(" + step + ")))) * 1000";
    }

    /** Points that count once differences are taken: those inside the requested range (not the look-back step). */
    private String inRange() {
        return "timestamp >= fromUnixTimestamp64Nano(" + sql.bind("Int64", query.range().fromNanos()) + ", 'UTC')";
    }

    private String limit() {
        return sql.bind("UInt32", query.limit() + 1);
    }

    /** The group-by values of a point, in request order, as {@code Array(String)}. */
    private String labels() {
        return labels(sql, query.groupBy());
    }

    private static String labels(TelemetrySql sql, List<String> groupBy) {
        if (groupBy.isEmpty()) {
            return "CAST([], 'Array(String)')";
        }
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (String key : groupBy) {
            values.add(labelExpression(sql, key));
        }
        return values.toString();
    }

    /** {@code service.name} reads the sort-key column, {@code resource.<name>} a resource attribute, anything else a point attribute. */
    static String labelExpression(TelemetrySql sql, String key) {
        if (key.equals("service.name")) {
            return "toString(service_name)";
        }
        if (key.startsWith("resource.")) {
            return "resource_attributes[" + sql.bind("String", key.substring("resource.".length())) + "]";
        }
        return "attributes[" + sql.bind("String", key) + "]";
    }
}
