package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.Step;
import io.telemetryflow.telemetry.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A checked series query: the metric (and optionally its kind), the range cut into steps of {@code stepSeconds}, how
 * each step's points become a value, which points count (service, attribute filters) and which attributes split the
 * result into series ({@code groupBy}: a record attribute, {@code resource.<name>} or {@code service.name}).
 */
public record MetricSeriesQuery(String metric, Optional<MetricKind> kind, TimeRange range, long stepSeconds,
                                MetricAggregation aggregation, Optional<String> service, List<AttributeFilter> filters,
                                List<String> groupBy, int limit) {

    public static final int MAX_POINTS = 11_000;
    public static final int TARGET_POINTS = 120;
    public static final int MAX_GROUP_BY = 5;
    public static final int DEFAULT_LIMIT = 100;
    static final long MAX_STEP_SECONDS = 31L * 86_400;


    public static MetricSeriesQuery parse(MetricSeriesRequest request, Instant now, QueryLimits limits) {
        if (request == null) {
            throw Rejected.invalid("metric", "a JSON body with at least metric is required");
        }
        String metric = MetricFields.metric(request.metric());
        Optional<MetricKind> kind = MetricKind.parse("type", request.type());
        TimeRange range = TimeRange.parse(request.from(), request.to(), now, limits);
        long step = step(request.step(), range);
        MetricAggregation aggregation = MetricAggregation.parse(request.aggregation());
        return new MetricSeriesQuery(metric, kind, range, step, aggregation, MetricFields.optional("service", request.service()),
                MetricFields.filters(request.filters()), groupBy(request.groupBy()), MetricFields.limit(request.limit(), DEFAULT_LIMIT));
    }

    /**
     * The step in seconds: as given ({@code 60}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}), or the smallest
     * round step giving at most {@link #TARGET_POINTS} points. A step that would give more than {@link #MAX_POINTS}
     * points per series is refused.
     */
    static long step(String text, TimeRange range) {
        if (text == null || text.isBlank()) {
            return Step.rounded(range, TARGET_POINTS);
        }
        long step = Step.seconds(text);
        if (step > MAX_STEP_SECONDS) {
            throw Rejected.invalid("step", "step must be between 1 s and " + MAX_STEP_SECONDS / 86_400 + " days");
        }
        long points = Step.buckets(range, step);
        if (points > MAX_POINTS) {
            throw Rejected.invalid("step", "the range would have " + points + " points per series at this step; at most "
                    + MAX_POINTS + " are allowed: choose a larger step or a shorter range");
        }
        return step;
    }

    public static List<String> groupBy(List<String> keys) {
        if (keys == null) {
            return List.of();
        }
        if (keys.size() > MAX_GROUP_BY) {
            throw Rejected.invalid("groupBy", "at most " + MAX_GROUP_BY + " group-by keys");
        }
        List<String> checked = new ArrayList<>(keys.size());
        for (String key : keys) {
            String name = MetricFields.required("groupBy", key);
            if (name.equals("resource.")) {
                throw Rejected.invalid("groupBy", "resource. must be followed by an attribute name");
            }
            checked.add(name);
        }
        if (new HashSet<>(checked).size() != checked.size()) {
            throw Rejected.invalid("groupBy", "group-by keys must be distinct");
        }
        return List.copyOf(checked);
    }

    /**
     * Where the points are read from: {@code [from, to)}, or one step earlier for differences of cumulative points,
     * so that the first step's increase includes the change since the last point before it.
     */
    public TimeRange readRange(boolean differences) {
        return differences ? TimeRange.of(range.from().minusSeconds(stepSeconds), range.to()) : range;
    }
}
