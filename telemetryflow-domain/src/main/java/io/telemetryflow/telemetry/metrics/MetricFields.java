package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the request fields the metric endpoints share. Public although only this package uses it: the EJB jar's
 * half of the package lives in another class loader of the EAR, where package-private access fails at run time.
 */
public final class MetricFields {

    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_LIMIT = 1000;

    private MetricFields() {
    }

    public static String metric(String metric) {
        return required("metric", metric);
    }

    public static String required(String field, String value) {
        return optional(field, value).orElseThrow(() -> Rejected.invalid(field, field + " is required"));
    }

    /** A name-like field: absent or blank is empty; longer than {@link #MAX_NAME_LENGTH} is refused. */
    public static Optional<String> optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw Rejected.invalid(field, field + " may have at most " + MAX_NAME_LENGTH + " characters");
        }
        return Optional.of(value);
    }

    /** A prefix for autocompletion: absent is {@code ""} (everything). */
    public static String prefix(String prefix) {
        return optional("prefix", prefix).orElse("");
    }

    public static List<AttributeFilter> filters(List<MetricSeriesRequest.Filter> filters) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > AttributeFilter.MAX_FILTERS) {
            throw Rejected.invalid("filters", "at most " + AttributeFilter.MAX_FILTERS + " filters");
        }
        List<AttributeFilter> parsed = new ArrayList<>(filters.size());
        for (MetricSeriesRequest.Filter filter : filters) {
            if (filter == null) {
                throw Rejected.invalid("filters", "a filter must be an object with key, op and value or values");
            }
            parsed.add(AttributeFilter.of(filter.key(), filter.op(), filter.value(), filter.values()));
        }
        return List.copyOf(parsed);
    }

    public static int limit(Integer limit, int defaultLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A limit given as query-parameter text. */
    public static int limit(String limit, int defaultLimit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        try {
            return limit(Integer.valueOf(limit.trim()), defaultLimit);
        } catch (NumberFormatException e) {
            throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
