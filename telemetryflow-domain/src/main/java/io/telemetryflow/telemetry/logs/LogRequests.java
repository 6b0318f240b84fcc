package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.Step;
import io.telemetryflow.telemetry.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies of the logs API. Every field is optional and arrives as sent (text, so a bad value is a 400 naming
 * its field); the records double as cache keys, so "now-1h" stays one key while the hour slides. The filter fields are
 * the same in each body ({@link Filter}) and sit flat in it, next to the body's own fields ({@link Filtered}): JSON-B
 * binds a record's components, and the cache key is the body's JSON, so nesting them would change both.
 */
public final class LogRequests {

    private LogRequests() {
    }

    /** An attribute filter: {@code key} ({@code resource.} prefix for resource attributes), {@code op}, {@code value} or {@code values}. */
    public record Attribute(String key, String op, String value, List<String> values) {
    }

    /**
     * The filter fields of every logs body: {@code tenantId}, {@code from}, {@code to}, {@code query}, {@code severity},
     * {@code service} (a name or a list: typed {@code Object}, which JSON-B fills with a {@code String} or a {@code List}
     * as sent), {@code traceId}, {@code spanId}, {@code filters}.
     */
    public record Filter(String tenantId, String from, String to, String query, String severity, Object service, String traceId,
                         String spanId, List<Attribute> filters) {

        /** No field set: the home tenant, the default range, every record. */
        public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null, null);

        /** The validated filter; {@code now} ends relative ranges. */
        public LogFilter parse(Instant now, QueryLimits limits) {
            return LogFilter.parse(from, to, query, severity, services(service), traceId, spanId, filters, now, limits);
        }

        public Search search(Integer limit, String cursor) {
            return new Search(tenantId, from, to, query, severity, service, traceId, spanId, filters, limit, cursor);
        }

        public Histogram histogram(String step) {
            return new Histogram(tenantId, from, to, query, severity, service, traceId, spanId, filters, step);
        }

        public TopValues topValues(String field, Integer limit) {
            return new TopValues(tenantId, from, to, query, severity, service, traceId, spanId, filters, field, limit);
        }
    }

    /** A body: its filter fields, flat, read together as one {@link Filter}. */
    public sealed interface Filtered permits Search, Histogram, TopValues {

        String tenantId();

        String from();

        String to();

        String query();

        String severity();

        Object service();

        String traceId();

        String spanId();

        List<Attribute> filters();

        default Filter filter() {
            return new Filter(tenantId(), from(), to(), query(), severity(), service(), traceId(), spanId(), filters());
        }
    }

    /** A page of matching records, newest first: {@code limit} 1-1000 (default 100), {@code cursor} from the previous page. */
    public record Search(String tenantId, String from, String to, String query, String severity, Object service, String traceId,
                         String spanId, List<Attribute> filters, Integer limit, String cursor) implements Filtered {

        /** A missing body. */
        public static final Search EMPTY = Filter.NONE.search(null, null);
    }

    /** Counts per severity level over time; {@code step} such as 30s, 5m, 1h (default: about 60 buckets over the range). */
    public record Histogram(String tenantId, String from, String to, String query, String severity, Object service, String traceId,
                            String spanId, List<Attribute> filters, String step) implements Filtered {

        static final int MAX_BUCKETS = 1000;
        private static final int DEFAULT_BUCKETS = 60;

        /** A missing body. */
        public static final Histogram EMPTY = Filter.NONE.histogram(null);

        /** The bucket width: {@code step} as {@code <n>[smhd]} (plain digits are seconds), or about 60 buckets over the range. */
        public long stepMillis(TimeRange range) {
            long seconds = step == null || step.isBlank() ? Step.rounded(range, DEFAULT_BUCKETS) : Step.seconds(step);
            if (Step.buckets(range, seconds) > MAX_BUCKETS) {
                throw Rejected.invalid("step", "step is too small for the range: at most " + MAX_BUCKETS + " buckets");
            }
            return seconds * 1000;
        }
    }

    /** The most frequent values of {@code field} among the matching records; {@code limit} 1-100 (default 10). */
    public record TopValues(String tenantId, String from, String to, String query, String severity, Object service, String traceId,
                            String spanId, List<Attribute> filters, String field, Integer limit) implements Filtered {

        /** A missing body. */
        public static final TopValues EMPTY = Filter.NONE.topValues(null, null);
    }

    /** The logs of one trace ({@code GET .../by-trace/{traceId}}): the path and query parameters as sent, for the cache key. */
    public record ByTrace(String traceId, String tenantId, String from, String to, String limit) {
    }

    /** {@code service} as sent: absent, one name, or a list of names. */
    static List<String> services(Object service) {
        if (service == null) {
            return List.of();
        }
        if (service instanceof String name) {
            return List.of(name);
        }
        if (service instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object value : list) {
                if (!(value instanceof String name)) {
                    throw Rejected.invalid("service", "service must be a service name or a list of names");
                }
                names.add(name);
            }
            return names;
        }
        throw Rejected.invalid("service", "service must be a service name or a list of names");
    }

    /** {@code value} within {@code min..max}, or the default when absent. */
    public static int limit(Integer value, int min, int max, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw Rejected.invalid("limit", "limit must be between " + min + " and " + max);
        }
        return value;
    }
}
