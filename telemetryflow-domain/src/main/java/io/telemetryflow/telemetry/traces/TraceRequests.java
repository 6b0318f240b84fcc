package io.telemetryflow.telemetry.traces;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Request bodies of the traces API ({@code TraceResource}), as sent. */
public final class TraceRequests {

    private TraceRequests() {
    }

    /** One attribute condition: {@code op} eq (default), neq, in, not_in, regex, not_regex, exists. */
    public record Filter(String key, String op, String value, List<String> values) {
    }

    /**
     * {@code POST .../traces/search}. Durations are a JSON number of nanoseconds or a string with a unit
     * ({@code "250ms"}); see {@link TraceSearch}. They are typed {@code Object} because JSON-B binds a JSON value there as
     * it came (a string as {@code String}, a number as {@code BigDecimal}), so this stays free of {@code jakarta.json}.
     */
    public record Search(String from, String to, String service, String operation, Object minDuration, Object maxDuration,
                         String status, List<Filter> filters, String tenantId, Integer limit) {

        /** A missing body: every field absent. */
        public static final Search EMPTY = new Search(null, null, null, null, null, null, null, null, null, null);

        public TraceSearch toSearch() {
            if (filters != null && filters.size() > AttributeFilter.MAX_FILTERS) {
                throw Rejected.invalid("filters", "at most " + AttributeFilter.MAX_FILTERS + " filters");
            }
            List<AttributeFilter> conditions = new ArrayList<>();
            for (Filter filter : filters == null ? List.<Filter>of() : filters) {
                if (filter == null) {
                    throw Rejected.invalid("filters", "a filter must be an object with key, op and value(s)");
                }
                conditions.add(AttributeFilter.of(filter.key(), filter.op(), filter.value(), filter.values()));
            }
            return TraceSearch.parse(from, to, service, operation, duration("minDuration", minDuration),
                    duration("maxDuration", maxDuration), status, conditions, limit);
        }

        /** A JSON string as written, or a whole non-negative JSON number (scale 0: {@code 1.0} and {@code 1e3} are not). */
        private static String duration(String field, Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof String text) {
                return text;
            }
            if (value instanceof BigDecimal number && number.scale() == 0 && number.signum() >= 0) {
                return number.toBigInteger().toString();
            }
            throw Rejected.invalid(field, field + " must be a non-negative number of nanoseconds or a string such as \"250ms\"");
        }
    }
}
