package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TelemetrySql.Query;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of every logs endpoint, in one place (docs/telemetry-api.md shows it; the benchmark runs
 * {@code EXPLAIN indexes = 1} on it). Each query reads {@code otel_logs} through {@link TelemetrySql}: tenant first,
 * then the range on {@code timestamp} (partition and primary-key pruning), service on the sort key, and skip indexes
 * for severity ({@code idx_severity_level}), trace id ({@code idx_trace_id}), body terms ({@code idx_body}) and
 * attributes ({@code idx_attr_*}).
 */
public final class LogsSql {

    private static final long MINUTE_MILLIS = 60_000;

    /**
     * The tie-breaker of records with equal timestamps: a hash over every column a page shows, so two records with the
     * same timestamp and key are identical as far as a reader can tell ({@code LogCursor}).
     */
    static final String ROW_KEY = "reinterpretAsInt64(cityHash64(timestamp, observed_timestamp, severity_number, severity_text, body, "
            + "trace_id, span_id, attributes, resource_attributes, scope_name))";

    private static final String RECORD_COLUMNS = "toUnixTimestamp64Nano(timestamp) AS time_nanos, "
            + "toUnixTimestamp64Nano(observed_timestamp) AS observed_nanos, severity_number, severity_text, severity_level, body, "
            + "service_name, trace_id, span_id, attributes, resource_attributes, scope_name, " + ROW_KEY + " AS row_key";

    private LogsSql() {
    }

    /** Where the next page continues: the last shown record's time and {@link #ROW_KEY} (a {@code LogCursor} holds them). */
    public record After(long timeNanos, long rowKey) {
    }

    /**
     * A page's first step, over the filter's columns only: how many records match, and the times of the newest
     * {@code rows} of them (after a cursor's position: of those older than its time). {@link #page} then reads whole records only
     * between the oldest and the newest of these times, so only the granules that hold the page's records, not every
     * granule with a match, have their attribute maps read.
     */
    public static Query pageTimes(TenantPlacement tenant, LogFilter filter, After after, int rows) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        filter.applyTo(sql);
        if (after != null) {
            sql.where("timestamp < fromUnixTimestamp64Nano(" + sql.bind("Int64", after.timeNanos()) + ", 'UTC')");
        }
        return sql.select("count() AS matched, arrayMap(t -> -t, groupArraySorted(" + sql.bind("UInt32", rows)
                + ")(-toUnixTimestamp64Nano(timestamp))) AS newest", "otel_logs", "");
    }

    /**
     * Up to {@code rows} matching records, newest first; after a cursor's position, those at or below it (the caller
     * skips the records that share the position's key and that the pages so far showed).
     */
    public static Query page(TenantPlacement tenant, LogFilter filter, After after, int rows) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        filter.applyTo(sql);
        if (after != null) {
            sql.where("timestamp < fromUnixTimestamp64Nano(" + sql.bind("Int64", after.timeNanos()) + ", 'UTC') OR row_key <= "
                    + sql.bind("Int64", after.rowKey()));
        }
        return sql.select(RECORD_COLUMNS, "otel_logs", "ORDER BY timestamp DESC, row_key DESC\nLIMIT " + sql.bind("UInt32", rows));
    }

    /** Matching records per bucket of {@code stepMillis} (aligned to the epoch) and severity level. */
    public static Query histogram(TenantPlacement tenant, LogFilter filter, long stepMillis) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        String step = sql.bind("Int64", stepMillis);
        filter.applyTo(sql);
        return sql.select("intDiv(toUnixTimestamp64Milli(timestamp), " + step + ") * " + step + " AS bucket, severity_level, count() AS records",
                "otel_logs", "GROUP BY bucket, severity_level\nORDER BY bucket, severity_level");
    }

    /**
     * Matching records per bucket of {@code stepMillis} (aligned to the epoch) and value of {@code groupBy} (one group,
     * {@code ''}, without it; with it, only records that have the field), at most {@code limit} groups: the series an
     * alert rule on logs counts.
     */
    public static Query counts(TenantPlacement tenant, LogFilter filter, Field groupBy, long stepMillis, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        String step = sql.bind("Int64", stepMillis);
        filter.applyTo(sql);
        String value = groupBy == null ? "''" : fieldValue(sql, groupBy);
        return sql.build("SELECT value, groupArray(bucket) AS buckets, groupArray(records) AS counts\n"
                + "FROM (SELECT " + value + " AS value, intDiv(toUnixTimestamp64Milli(timestamp), " + step + ") * " + step
                + " AS bucket, count() AS records\nFROM otel_logs\nWHERE " + sql.conditions() + "\nGROUP BY value, bucket ORDER BY bucket)\n"
                + "GROUP BY value\nORDER BY value\nLIMIT " + sql.bind("UInt32", limit));
    }

    /** One filter of {@link #minuteCounts} (its range is not used) and the field it groups by, or null. */
    public record Counted(LogFilter filter, Field groupBy) {
    }

    /**
     * What {@link #counts} gives at one-minute steps, for many filters in one pass over {@code range}: per filter
     * ({@code q}, its 1-based position in {@code counted}) and value of its {@code groupBy} the matching records per
     * minute, at most {@code limit} values per filter. Each filter's conditions are one disjunct of the query's
     * condition and one element of an array from which a record's matching filters are picked (ARRAY JOIN); equal values
     * share a placeholder, so a term or a severity asked by many filters is tested once per record. The alert rules of a
     * tenant read their newest minutes this way: one scan, not one per rule.
     */
    public static Query minuteCounts(TenantPlacement tenant, TimeRange range, List<Counted> counted, int limit) {
        if (counted.isEmpty()) {
            throw new IllegalArgumentException("no filter to count for");
        }
        TelemetrySql sql = TelemetrySql.forTenant(tenant).reusingEqualValues();
        String step = sql.bind("Int64", MINUTE_MILLIS);
        sql.during("timestamp", range);
        List<String> predicates = new ArrayList<>();
        List<String> values = new ArrayList<>();   // the distinct group-by expressions, as columns value_0, value_1...
        List<Integer> valueOf = new ArrayList<>();  // per filter, its expression's index in values; -1 without one
        for (Counted question : counted) {
            String[] value = {null};
            predicates.add(sql.predicate(own -> {
                question.filter().applyConditionsTo(own);
                value[0] = question.groupBy() == null ? null : "toString(" + fieldValue(own, question.groupBy()) + ")";
            }));
            if (value[0] != null && !values.contains(value[0])) {
                values.add(value[0]);
            }
            valueOf.add(value[0] == null ? -1 : values.indexOf(value[0]));
        }
        StringBuilder columns = new StringBuilder();
        StringJoiner valueArray = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < values.size(); i++) {
            columns.append(values.get(i)).append(" AS value_").append(i).append(", ");
            valueArray.add("value_" + i);
        }
        valueArray.add("''");
        StringJoiner valueIndex = new StringJoiner(", ", "[", "]");   // 1-based into valueArray: its last, '', without one
        valueOf.forEach(index -> valueIndex.add(Integer.toString(index < 0 ? values.size() + 1 : index + 1)));
        String matched = sql.matchingAny(predicates);
        return sql.build("SELECT q, value, groupArray(bucket) AS buckets, groupArray(records) AS counts\n"
                + "FROM (SELECT q, arrayElement(" + valueArray + ", arrayElement(" + valueIndex + ", q)) AS value, bucket, count() AS records\n"
                + "FROM (SELECT " + columns + "intDiv(toUnixTimestamp64Milli(timestamp), " + step + ") * " + step + " AS bucket, "
                + matched + " AS matched\n"
                + "FROM otel_logs\nWHERE " + sql.conditions() + ")\n"
                + "ARRAY JOIN matched AS q\nGROUP BY q, value, bucket ORDER BY bucket)\n"
                + "GROUP BY q, value\nORDER BY q, value\nLIMIT " + sql.bind("UInt32", limit) + " BY q");
    }

    /**
     * The {@code limit} most frequent values of {@code field} among matching records that have it, with the number of
     * such records and of distinct values (window functions over the grouped rows, so one pass).
     */
    public static Query topValues(TenantPlacement tenant, LogFilter filter, Field field, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        filter.applyTo(sql);
        String value = fieldValue(sql, field);
        return sql.build("SELECT value, records, sum(records) OVER () AS matched, count() OVER () AS distinct_values\n"
                + "FROM (SELECT " + value + " AS value, count() AS records\nFROM otel_logs\nWHERE " + sql.conditions() + "\nGROUP BY value)\n"
                + "ORDER BY records DESC, value\nLIMIT " + sql.bind("UInt32", limit));
    }

    /** The column of {@code field}; an attribute adds the condition that the record has it. */
    private static String fieldValue(TelemetrySql sql, Field field) {
        return switch (field.kind()) {
            case SERVICE -> "service_name";
            case SEVERITY -> "severity_level";
            case SCOPE -> "scope_name";
            case ATTRIBUTE, RESOURCE_ATTRIBUTE -> {
                String map = field.kind() == Field.Kind.ATTRIBUTE ? "attributes" : "resource_attributes";
                String key = sql.bind("String", field.key());
                sql.where("mapContains(" + map + ", " + key + ")");
                yield map + "[" + key + "]";
            }
        };
    }

    /** The time span of a trace's spans, from the trace-id lookup table (a primary-key search). */
    public static Query traceSpan(TenantPlacement tenant, String traceId) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("trace_id = " + sql.bind("String", traceId));
        return sql.select("count() AS found, toUnixTimestamp64Nano(min(start_time)) AS first_start, "
                + "toUnixTimestamp64Nano(max(end_time)) AS last_end", "otel_traces_trace_id_ts", "");
    }

    /** Up to {@code rows} records of the filter (a trace id within a range), oldest first. */
    public static Query oldestFirst(TenantPlacement tenant, LogFilter filter, int rows) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        filter.applyTo(sql);
        return sql.select(RECORD_COLUMNS, "otel_logs", "ORDER BY timestamp, row_key\nLIMIT " + sql.bind("UInt32", rows));
    }

    /**
     * A field whose values {@link #topValues} counts: {@code service.name}, {@code severity}, {@code scope.name}, a
     * {@code resource.}-prefixed resource attribute, or else a record attribute.
     */
    public record Field(Kind kind, String key) {

        static final int MAX_LENGTH = 256;
        private static final String RESOURCE_PREFIX = "resource.";

        enum Kind { SERVICE, SEVERITY, SCOPE, ATTRIBUTE, RESOURCE_ATTRIBUTE }

        public static Field parse(String field) {
            if (field == null || field.isBlank() || field.length() > MAX_LENGTH) {
                throw Rejected.invalid("field", "field is required: service.name, severity, scope.name, an attribute key or "
                        + "resource.<key>, at most " + MAX_LENGTH + " characters");
            }
            return switch (field) {
                case "service.name" -> new Field(Kind.SERVICE, null);
                case "severity" -> new Field(Kind.SEVERITY, null);
                case "scope.name" -> new Field(Kind.SCOPE, null);
                default -> {
                    if (field.startsWith(RESOURCE_PREFIX)) {
                        if (field.length() == RESOURCE_PREFIX.length()) {
                            throw Rejected.invalid("field", "resource. must be followed by an attribute name");
                        }
                        yield new Field(Kind.RESOURCE_ATTRIBUTE, field.substring(RESOURCE_PREFIX.length()));
                    }
                    yield new Field(Kind.ATTRIBUTE, field);
                }
            };
        }
    }
}
