package io.telemetryflow.telemetry.logs;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.TelemetryCache;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The logs read API: search with cursor pages, the volume histogram, top values of a field, and the logs of a trace.
 * Each request is validated, scoped to a tenant the caller may read ({@link TelemetryScopes}), and answered through
 * the cache under namespace {@value #NAMESPACE}.
 */
@ApplicationScoped
public class LogQueries {

    static final String NAMESPACE = "logs";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_TOP_VALUES = 10;
    static final int MAX_TOP_VALUES = 100;
    /** Logs of a trace may be written a little before its first span starts or after its last ends (clock skew, batching). */
    static final Duration TRACE_MARGIN = Duration.ofMinutes(5);

    @Inject
    TelemetryScopes scopes;

    @Inject
    TelemetryCache cache;

    @Inject
    TelemetryQueries queries;

    @Inject
    SecretBox secretBox;

    Clock clock = Clock.systemUTC();

    /** The cache key of an answer: the endpoint and its request as sent. */
    public record Keyed(String endpoint, Object request) {
    }

    /** A validated request: the range its answer covers (live or past, for the cache) and how to compute the answer. */
    record Planned<T>(TimeRange range, Supplier<T> answer) {
    }

    public TelemetryCache.Answer search(Caller caller, LogRequests.Search request) {
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.LOGS_READ);
        return cached(tenant, "search", request, planSearch(tenant, request, Instant.now(clock)));
    }

    public TelemetryCache.Answer histogram(Caller caller, LogRequests.Histogram request) {
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.LOGS_READ);
        return cached(tenant, "histogram", request, planHistogram(tenant, request, Instant.now(clock)));
    }

    public TelemetryCache.Answer topValues(Caller caller, LogRequests.TopValues request) {
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.LOGS_READ);
        return cached(tenant, "top-values", request, planTopValues(tenant, request, Instant.now(clock)));
    }

    public TelemetryCache.Answer byTrace(Caller caller, LogRequests.ByTrace request) {
        TenantPlacement tenant = scopes.resolve(caller, request.tenantId(), Permission.LOGS_READ);
        return cached(tenant, "by-trace", request, planByTrace(tenant, request, Instant.now(clock)));
    }

    private TelemetryCache.Answer cached(TenantPlacement tenant, String endpoint, Object request, Planned<?> plan) {
        return cache.answer(tenant, NAMESPACE, new Keyed(endpoint, request), plan.range(), plan.answer());
    }

    // ---------------------------------------------------------------------------------------------
    // plans (package-visible for the store test, which runs them without cache and scoping)

    Planned<LogPage> planSearch(TenantPlacement tenant, LogRequests.Search request, Instant now) {
        LogFilter filter = request.filter().parse(now, queries.limits());
        int limit = LogRequests.limit(request.limit(), 1, MAX_LIMIT, DEFAULT_LIMIT);
        byte[] fingerprint = filter.fingerprint(tenant.tenantId(), request.from(), request.to());
        LogCursor cursor = request.cursor() == null || request.cursor().isBlank() ? null
                : LogCursor.open(request.cursor().strip(), secretBox, fingerprint);
        return new Planned<>(cursor == null ? filter.range() : cursor.range(), () -> page(tenant, filter, fingerprint, cursor, limit));
    }

    Planned<LogHistogram> planHistogram(TenantPlacement tenant, LogRequests.Histogram request, Instant now) {
        LogFilter filter = request.filter().parse(now, queries.limits());
        long stepMillis = request.stepMillis(filter.range());
        return new Planned<>(filter.range(), () -> histogram(tenant, filter, stepMillis));
    }

    Planned<LogTopValues> planTopValues(TenantPlacement tenant, LogRequests.TopValues request, Instant now) {
        LogFilter filter = request.filter().parse(now, queries.limits());
        LogsSql.Field field = LogsSql.Field.parse(request.field());
        int limit = LogRequests.limit(request.limit(), 1, MAX_TOP_VALUES, DEFAULT_TOP_VALUES);
        return new Planned<>(filter.range(), () -> topValues(tenant, filter, request.field(), field, limit));
    }

    Planned<TraceLogs> planByTrace(TenantPlacement tenant, LogRequests.ByTrace request, Instant now) {
        String traceId = LogFilter.traceId(request.traceId());
        if (traceId == null) {
            throw Rejected.invalid("traceId", "traceId must be 32 hexadecimal characters");
        }
        int limit = LogRequests.limit(parseLimit(request.limit()), 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (notBlank(request.from()) || notBlank(request.to())) {
            TimeRange range = TimeRange.parse(request.from(), request.to(), now, queries.limits());
            return new Planned<>(range, () -> byTrace(tenant, traceId, range, limit));
        }
        // the trace's own span range decides, and new spans may move it: cached as a live answer
        return new Planned<>(TimeRange.parse(null, null, now, queries.limits()),
                () -> byTrace(tenant, traceId, traceRange(tenant, traceId, now), limit));
    }

    // ---------------------------------------------------------------------------------------------
    // answers


    LogPage page(TenantPlacement tenant, LogFilter filter, byte[] fingerprint, LogCursor cursor, int limit) {
        int skip = cursor == null ? 0 : cursor.skip();
        int wanted = limit + skip + 1;
        LogFilter remaining = cursor == null ? filter : filter.within(cursor.remaining());
        LogsSql.After after = cursor == null ? null : cursor.after();
        GenericRecord times = queries.rows(LogsSql.pageTimes(tenant, remaining, after, wanted)).get(0);
        List<Long> newest = times.<Long>getList("newest");
        if (newest.isEmpty() && cursor == null) {
            return new LogPage(List.of(), null, false, new LogPage.TotalEstimate(0, true));
        }
        // the page lies between the oldest of those times and the newest (after a cursor: its own time)
        long oldest = newest.isEmpty() ? cursor.lastTimeNanos() : newest.get(newest.size() - 1);
        long latest = cursor != null ? cursor.lastTimeNanos() : newest.get(0);
        LogFilter window = remaining.within(TimeRange.of(TimeRange.instant(oldest), TimeRange.instant(latest + 1)));
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        for (GenericRecord record : queries.rows(LogsSql.page(tenant, window, after, wanted))) {
            Row row = row(record);
            if (skipped < skip && row.timeNanos == cursor.lastTimeNanos() && row.rowKey == cursor.lastRowKey()) {
                skipped++;
            } else {
                rows.add(row);
            }
        }
        boolean hasMore = rows.size() > limit;
        List<Row> shown = hasMore ? rows.subList(0, limit) : rows;
        long total;
        if (cursor != null) {
            total = cursor.total();
        } else if (hasMore) {
            total = times.getLong("matched");
        } else {
            total = shown.size();   // the first page holds every match
        }
        String next = null;
        if (hasMore) {
            Row last = shown.get(shown.size() - 1);
            int sameKey = (int) shown.stream().filter(row -> row.timeNanos == last.timeNanos && row.rowKey == last.rowKey).count();
            if (sameKey == shown.size() && cursor != null && cursor.lastTimeNanos() == last.timeNanos && cursor.lastRowKey() == last.rowKey) {
                sameKey += cursor.skip();   // a page entirely of copies that the previous pages also showed some of
            }
            TimeRange pinned = cursor == null ? filter.range() : cursor.range();
            next = new LogCursor(fingerprint, pinned, last.timeNanos, last.rowKey, sameKey, total).seal(secretBox);
        }
        return new LogPage(shown.stream().map(Row::entry).toList(), next, hasMore, new LogPage.TotalEstimate(total, true));
    }

    LogHistogram histogram(TenantPlacement tenant, LogFilter filter, long stepMillis) {
        long first = Math.floorDiv(filter.range().from().toEpochMilli(), stepMillis) * stepMillis;
        long last = Math.floorDiv(Math.floorDiv(filter.range().toNanos() - 1, 1_000_000L), stepMillis) * stepMillis;
        Map<Long, Map<String, Long>> buckets = new LinkedHashMap<>();
        for (long start = first; start <= last; start += stepMillis) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (SeverityLevel level : SeverityLevel.values()) {
                counts.put(level.name(), 0L);
            }
            counts.put(SeverityLevel.UNSPECIFIED, 0L);
            buckets.put(start, counts);
        }
        for (GenericRecord record : queries.rows(LogsSql.histogram(tenant, filter, stepMillis))) {
            String level = record.getString("severity_level");
            buckets.get(record.getLong("bucket")).merge(level.isEmpty() ? SeverityLevel.UNSPECIFIED : level, record.getLong("records"), Long::sum);
        }
        List<LogHistogram.Bucket> list = new ArrayList<>(buckets.size());
        long total = 0;
        for (Map.Entry<Long, Map<String, Long>> bucket : buckets.entrySet()) {
            long sum = bucket.getValue().values().stream().mapToLong(Long::longValue).sum();
            total += sum;
            list.add(new LogHistogram.Bucket(bucket.getKey(), bucket.getValue(), sum));
        }
        return new LogHistogram(stepMillis, list, total);
    }

    LogTopValues topValues(TenantPlacement tenant, LogFilter filter, String fieldName, LogsSql.Field field, int limit) {
        List<LogTopValues.TopValue> values = new ArrayList<>();
        long total = 0;
        long distinct = 0;
        for (GenericRecord record : queries.rows(LogsSql.topValues(tenant, filter, field, limit))) {
            values.add(new LogTopValues.TopValue(record.getString("value"), record.getLong("records")));
            total = record.getLong("matched");
            distinct = record.getLong("distinct_values");
        }
        long shown = values.stream().mapToLong(LogTopValues.TopValue::count).sum();
        return new LogTopValues(fieldName, values, total - shown, total, distinct > values.size());
    }

    TraceLogs byTrace(TenantPlacement tenant, String traceId, TimeRange range, int limit) {
        LogFilter filter = new LogFilter(range, new BodySearch(List.of()), null, List.of(), traceId, null, List.of());
        List<LogEntry> logs = new ArrayList<>();
        for (GenericRecord record : queries.rows(LogsSql.oldestFirst(tenant, filter, limit + 1))) {
            logs.add(row(record).entry());
        }
        boolean hasMore = logs.size() > limit;
        return new TraceLogs(traceId, range.from().toString(), range.to().toString(), hasMore ? logs.subList(0, limit) : logs, hasMore);
    }

    /** The trace's span range widened by {@link #TRACE_MARGIN}, or the default range when no span of it is known. */
    TimeRange traceRange(TenantPlacement tenant, String traceId, Instant now) {
        QueryLimits limits = queries.limits();
        GenericRecord span = queries.rows(LogsSql.traceSpan(tenant, traceId)).get(0);
        if (span.getLong("found") == 0) {
            return TimeRange.parse(null, null, now, limits);
        }
        TimeRange range = TimeRange.of(Instant.ofEpochSecond(0, span.getLong("first_start")).minus(TRACE_MARGIN),
                Instant.ofEpochSecond(0, span.getLong("last_end")).plus(TRACE_MARGIN));
        if (range.length().compareTo(limits.maxRange()) > 0) {
            throw Rejected.invalid("from", "the trace's spans cover more than the maximum range of " + limits.maxRange()
                    + "; pass from and to");
        }
        return range;
    }

    // ---------------------------------------------------------------------------------------------

    /** A record with its position in the page order. */
    private record Row(LogEntry entry, long timeNanos, long rowKey) {
    }

    @SuppressWarnings("unchecked")
    private static Row row(GenericRecord record) {
        long time = record.getLong("time_nanos");
        LogEntry entry = new LogEntry(Long.toString(time), Long.toString(record.getLong("observed_nanos")),
                record.getInteger("severity_number"), record.getString("severity_text"), record.getString("severity_level"),
                record.getString("body"), record.getString("service_name"), record.getString("trace_id"), record.getString("span_id"),
                (Map<String, String>) record.getObject("attributes"), (Map<String, String>) record.getObject("resource_attributes"),
                record.getString("scope_name"));
        return new Row(entry, time, record.getLong("row_key"));
    }

    private static Integer parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw Rejected.invalid("limit", "limit must be a whole number");
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
