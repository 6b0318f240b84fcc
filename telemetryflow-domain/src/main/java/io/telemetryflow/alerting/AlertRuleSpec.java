package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON body of a rule's create, update and preview, as sent; {@link #parse} checks it and fills the defaults
 * (docs/alerting.md, "Alert rules and states"):
 * <ul>
 * <li>{@code name} required, 1 to {@value #MAX_NAME_LENGTH} characters; {@code kind} required;</li>
 * <li>{@code condition.reduce}: {@code total} for logs rules (the count of the window), {@code avg} otherwise;
 *     {@code window} 5m (1s..24h); {@code pendingFor} and {@code keepFiringFor} 0s (0..24h); {@code minDataPoints} 1
 *     (1..{@value #MAX_DATA_POINTS}); {@code recoveryThreshold} none;</li>
 * <li>{@code interval} 1m, or the operator's minimum when that is longer (minimum..24h); {@code evaluationDelay} 0s (0..1h);</li>
 * <li>{@code noData} {@code no_data}, {@code onError} {@code error} (their own states); {@code resolveMissingAfter} 2 (1..100);</li>
 * <li>{@code labels} and {@code annotations} none (at most 20 each; values up to 256 and 4096 characters);
 *     {@code annotations.runbookUrl} an http(s) URL; {@code severity} medium; {@code enabled} true.</li>
 * </ul>
 * An absence rule takes no {@code operator}, {@code threshold}, {@code recoveryThreshold} or {@code reduce}: it
 * breaches when the window holds fewer than {@code minDataPoints} points (its condition reads {@code lt minDataPoints}).
 * {@code tenantId} is the resource's concern (the tenant the rule is filed under) and is not checked here.
 */
public record AlertRuleSpec(String name, String kind, Query query, Condition condition, String interval, String evaluationDelay,
                            String noData, String onError, Integer resolveMissingAfter, Map<String, String> labels,
                            Map<String, String> annotations, String severity, Boolean enabled, String tenantId) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DATA_POINTS = 10_000;
    public static final int MAX_RESOLVE_MISSING_AFTER = 100;
    static final int MAX_LABEL_VALUE = 256;
    static final int MAX_ANNOTATION_VALUE = 4096;
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    static final Duration MAX_SPAN = Duration.ofHours(24);
    static final Duration MAX_EVALUATION_DELAY = Duration.ofHours(1);
    static final int DEFAULT_RESOLVE_MISSING_AFTER = 2;

    /**
     * The query fields of every kind: metric ({@code metric}, {@code aggregation}, {@code service}, {@code filters},
     * {@code groupBy} as a list), logs ({@code query}, {@code severity}, {@code service}, {@code filters},
     * {@code groupBy} as one attribute), traces ({@code service}, {@code operation}, {@code measure}), absence
     * ({@code signal} metric or logs, plus that signal's fields). {@code groupBy} is typed {@code Object}: JSON-B fills
     * it with a {@code String} or a {@code List} as sent.
     */
    public record Query(String signal, String metric, String aggregation, String service, String operation, String measure, String query,
                        String severity, List<MetricSeriesRequest.Filter> filters, Object groupBy) {
    }

    /** The condition as sent; durations as text ({@code 5m}, {@code 30s}, or a bare number of seconds). */
    public record Condition(String operator, Double threshold, Double recoveryThreshold, String reduce, String window, String pendingFor,
                            String keepFiringFor, Integer minDataPoints) {
    }

    /** The validated rule; every error is a 400 naming the JSON path of the field ({@code condition.threshold}). */
    public AlertRule parse(Instant now, RuleLimits limits) {
        String checkedName = name == null ? "" : name.strip();
        if (checkedName.isEmpty() || checkedName.length() > MAX_NAME_LENGTH || checkedName.chars().anyMatch(Character::isISOControl)) {
            throw Rejected.invalid("name", "name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        RuleKind checkedKind = RuleKind.parse("kind", kind);
        RuleQuery checkedQuery = RuleQueries.parse(checkedKind, query, now);
        AlertCondition checkedCondition = condition(checkedKind);
        Duration minInterval = limits.minInterval();
        Duration checkedInterval = RuleFields.duration("interval", interval,
                DEFAULT_INTERVAL.compareTo(minInterval) < 0 ? minInterval : DEFAULT_INTERVAL, minInterval, MAX_SPAN);
        Duration delay = RuleFields.duration("evaluationDelay", evaluationDelay, Duration.ZERO, Duration.ZERO, MAX_EVALUATION_DELAY);
        StateMapping checkedNoData = StateMapping.parse("noData", noData, AlertState.NO_DATA, StateMapping.OWN_STATE);
        StateMapping checkedOnError = StateMapping.parse("onError", onError, AlertState.ERROR, StateMapping.OWN_STATE);
        int missing = resolveMissingAfter == null ? DEFAULT_RESOLVE_MISSING_AFTER : resolveMissingAfter;
        if (missing < 1 || missing > MAX_RESOLVE_MISSING_AFTER) {
            throw Rejected.invalid("resolveMissingAfter", "resolveMissingAfter must be between 1 and " + MAX_RESOLVE_MISSING_AFTER + " evaluations");
        }
        Map<String, String> checkedLabels = RuleFields.entries("labels", labels, MAX_LABEL_VALUE);
        Map<String, String> checkedAnnotations = RuleFields.entries("annotations", annotations, MAX_ANNOTATION_VALUE);
        runbookUrl(checkedAnnotations.get("runbookUrl"));
        AlertSeverity checkedSeverity = severity == null ? AlertSeverity.MEDIUM : AlertSeverity.parse("severity", severity);
        return new AlertRule(checkedName, checkedKind, checkedQuery, checkedCondition, checkedInterval, delay, checkedNoData, checkedOnError,
                missing, checkedLabels, checkedAnnotations, checkedSeverity, enabled == null || enabled);
    }

    private AlertCondition condition(RuleKind ruleKind) {
        if (condition == null) {
            throw Rejected.invalid("condition", "a condition object is required");
        }
        Duration window = RuleFields.duration("condition.window", condition.window(), DEFAULT_WINDOW, Duration.ofSeconds(1), MAX_SPAN);
        Duration pendingFor = RuleFields.duration("condition.pendingFor", condition.pendingFor(), Duration.ZERO, Duration.ZERO, MAX_SPAN);
        Duration keepFiringFor = RuleFields.duration("condition.keepFiringFor", condition.keepFiringFor(), Duration.ZERO, Duration.ZERO, MAX_SPAN);
        int minDataPoints = condition.minDataPoints() == null ? 1 : condition.minDataPoints();
        if (minDataPoints < 1 || minDataPoints > MAX_DATA_POINTS) {
            throw Rejected.invalid("condition.minDataPoints", "condition.minDataPoints must be between 1 and " + MAX_DATA_POINTS);
        }
        if (ruleKind == RuleKind.ABSENCE) {
            notForAbsence("operator", condition.operator());
            notForAbsence("threshold", condition.threshold());
            notForAbsence("recoveryThreshold", condition.recoveryThreshold());
            notForAbsence("reduce", condition.reduce());
            return new AlertCondition(AlertCondition.Operator.LT, minDataPoints, null, AlertCondition.Reduce.TOTAL, window, pendingFor,
                    keepFiringFor, minDataPoints);
        }
        AlertCondition.Operator operator = named("condition.operator", condition.operator(), AlertCondition.Operator.values(), null);
        Double threshold = condition.threshold();
        if (threshold == null || !Double.isFinite(threshold)) {
            throw Rejected.invalid("condition.threshold", "condition.threshold must be a finite number");
        }
        Double recovery = condition.recoveryThreshold();
        if (recovery != null) {
            if (!Double.isFinite(recovery)) {
                throw Rejected.invalid("condition.recoveryThreshold", "condition.recoveryThreshold must be a finite number");
            }
            if (operator.upwards() && recovery >= threshold || operator.downwards() && recovery <= threshold) {
                throw Rejected.invalid("condition.recoveryThreshold", "condition.recoveryThreshold must be "
                        + (operator.upwards() ? "below" : "above") + " the threshold for " + operator.wire());
            }
            if (!operator.upwards() && !operator.downwards()) {
                throw Rejected.invalid("condition.recoveryThreshold", "a recovery threshold needs operator gt, gte, lt or lte");
            }
        }
        AlertCondition.Reduce reduce = named("condition.reduce", condition.reduce(), AlertCondition.Reduce.values(),
                ruleKind == RuleKind.LOGS ? AlertCondition.Reduce.TOTAL : AlertCondition.Reduce.AVG);
        return new AlertCondition(operator, threshold, recovery, reduce, window, pendingFor, keepFiringFor, minDataPoints);
    }

    private static void notForAbsence(String field, Object value) {
        if (value != null) {
            throw Rejected.invalid("condition." + field, "an absence rule fires on missing data and takes no condition." + field);
        }
    }

    /** One of {@code values} by its lower-case name; absent gives {@code absent}, which when null makes the field required. */
    private static <E extends Enum<E>> E named(String field, String text, E[] values, E absent) {
        if (text == null || text.isBlank()) {
            if (absent != null) {
                return absent;
            }
        } else {
            for (E value : values) {
                if (value.name().equalsIgnoreCase(text.strip())) {
                    return value;
                }
            }
        }
        throw Rejected.invalid(field, field + " must be one of " + Arrays.stream(values).map(value -> value.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
    }

    private static void runbookUrl(String url) {
        if (url == null) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below, like any other non-http(s) text
        }
        throw Rejected.invalid("annotations.runbookUrl", "annotations.runbookUrl must be an absolute http or https URL");
    }
}
