package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which kind of a metric a series query reads. One name may be catalogued with several kinds (two services, or a
 * service that changed its instrument); a request may name the kind ({@code type}), otherwise the kind is chosen
 * among those that support the aggregation: for percentiles a histogram before an exponential histogram before a
 * summary, for anything else the kind seen most recently (ties in the order gauge, sum, histogram, exponential
 * histogram, summary).
 */
public final class MetricKinds {

    /** One kind of a metric as {@code metric_catalogue} knows it (merged over services and units: the latest wins). */
    public record Catalogued(MetricKind kind, String unit, String description, boolean monotonic, Instant lastSeen) {
    }

    private MetricKinds() {
    }

    /** Whether points of {@code kind} can be aggregated so ({@code monotonic}: of a sum). */
    public static boolean supports(MetricKind kind, MetricAggregation aggregation, boolean monotonic) {
        return switch (kind) {
            case GAUGE -> !aggregation.isCounter() && !aggregation.isPercentile();
            case SUM -> !aggregation.isPercentile() && (!aggregation.isCounter() || monotonic);
            case HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY -> !aggregation.isCounter();
        };
    }

    /**
     * The kind to read, or empty when the catalogue does not know the metric (an empty answer). Refused (400 naming
     * {@code aggregation}) when the metric exists but no kind of it supports the aggregation.
     */
    public static Optional<Catalogued> choose(List<Catalogued> catalogued, Optional<MetricKind> requested, MetricAggregation aggregation) {
        if (requested.filter(kind -> !supports(kind, aggregation, true)).isPresent()) {
            throw Rejected.invalid("aggregation", aggregation.apiName() + " does not apply to a " + requested.get().type()
                    + ": rate and increase need a monotonic sum, percentiles a histogram or summary");
        }
        List<Catalogued> candidates = catalogued.stream().filter(entry -> requested.map(kind -> kind == entry.kind()).orElse(true)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<Catalogued> chosen = candidates.stream()
                .filter(entry -> supports(entry.kind(), aggregation, entry.monotonic()))
                .min(preference(aggregation));
        if (chosen.isEmpty()) {
            throw Rejected.invalid("aggregation", aggregation.apiName() + " does not apply to this metric ("
                    + candidates.stream().map(entry -> describe(entry)).collect(Collectors.joining(", "))
                    + "): rate and increase need a monotonic sum, percentiles a histogram or summary");
        }
        return chosen;
    }

    private static Comparator<Catalogued> preference(MetricAggregation aggregation) {
        Comparator<Catalogued> byKind = Comparator.comparing(Catalogued::kind);
        if (aggregation.isPercentile()) {
            return byKind;
        }
        return Comparator.comparing(Catalogued::lastSeen, Comparator.reverseOrder()).thenComparing(byKind);
    }

    private static String describe(Catalogued entry) {
        return entry.kind() == MetricKind.SUM && !entry.monotonic() ? "non-monotonic sum" : entry.kind().type();
    }
}
