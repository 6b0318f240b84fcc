package io.telemetryflow.telemetry.web;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.traces.TraceSearch;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Request bodies of {@link TraceResource}. */
public final class TraceRequests {

    private TraceRequests() {
    }

    /** One attribute condition: {@code op} eq (default), neq, in, not_in, regex, not_regex, exists. */
    public record Filter(String key, String op, String value, List<String> values) {
    }

    /**
     * {@code POST .../traces/search}. Durations are a JSON number of nanoseconds or a string with a unit
     * ({@code "250ms"}); see {@link TraceSearch}.
     */
    public record Search(String from, String to, String service, String operation, JsonValue minDuration, JsonValue maxDuration,
                         String status, List<Filter> filters, String tenantId, Integer limit) {

        static final Search EMPTY = new Search(null, null, null, null, null, null, null, null, null, null);

        TraceSearch toSearch() {
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

        private static String duration(String field, JsonValue value) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            if (value instanceof JsonNumber number && number.isIntegral() && number.bigDecimalValue().signum() >= 0) {
                return number.bigDecimalValue().toBigInteger().toString();
            }
            throw Rejected.invalid(field, field + " must be a non-negative number of nanoseconds or a string such as \"250ms\"");
        }
    }
}
