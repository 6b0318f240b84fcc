package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies of the logs API. Every field is optional and arrives as sent (text, so a bad value is a 400 naming
 * its field); the records double as cache keys, so "now-1h" stays one key while the hour slides. The filter fields are
 * the same in each body: {@code tenantId}, {@code from}, {@code to}, {@code query}, {@code severity}, {@code service}
 * (a name or a list), {@code traceId}, {@code spanId}, {@code filters}.
 */
public final class LogRequests {

    private LogRequests() {
    }

    /** An attribute filter: {@code key} ({@code resource.} prefix for resource attributes), {@code op}, {@code value} or {@code values}. */
    public record Attribute(String key, String op, String value, List<String> values) {
    }

    /** A page of matching records, newest first: {@code limit} 1-1000 (default 100), {@code cursor} from the previous page. */
    public record Search(String tenantId, String from, String to, String query, String severity, JsonValue service, String traceId,
                         String spanId, List<Attribute> filters, Integer limit, String cursor) {

        LogFilter filter(Instant now, QueryLimits limits) {
            return LogFilter.parse(from, to, query, severity, services(service), traceId, spanId, filters, now, limits);
        }
    }

    /** Counts per severity level over time; {@code step} such as 30s, 5m, 1h (default: about 60 buckets over the range). */
    public record Histogram(String tenantId, String from, String to, String query, String severity, JsonValue service, String traceId,
                            String spanId, List<Attribute> filters, String step) {

        LogFilter filter(Instant now, QueryLimits limits) {
            return LogFilter.parse(from, to, query, severity, services(service), traceId, spanId, filters, now, limits);
        }
    }

    /** The most frequent values of {@code field} among the matching records; {@code limit} 1-100 (default 10). */
    public record TopValues(String tenantId, String from, String to, String query, String severity, JsonValue service, String traceId,
                            String spanId, List<Attribute> filters, String field, Integer limit) {

        LogFilter filter(Instant now, QueryLimits limits) {
            return LogFilter.parse(from, to, query, severity, services(service), traceId, spanId, filters, now, limits);
        }
    }

    /** {@code service} as sent: absent, one name, or a list of names. */
    static List<String> services(JsonValue service) {
        if (service == null || service.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (service instanceof JsonString name) {
            return List.of(name.getString());
        }
        if (service.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> names = new ArrayList<>();
            for (JsonValue value : service.asJsonArray()) {
                if (!(value instanceof JsonString name)) {
                    throw Rejected.invalid("service", "service must be a service name or a list of names");
                }
                names.add(name.getString());
            }
            return names;
        }
        throw Rejected.invalid("service", "service must be a service name or a list of names");
    }

    /** {@code value} within {@code min..max}, or the default when absent. */
    static int limit(Integer value, int min, int max, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw Rejected.invalid("limit", "limit must be between " + min + " and " + max);
        }
        return value;
    }
}
