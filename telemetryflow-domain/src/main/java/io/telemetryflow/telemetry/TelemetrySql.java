package io.telemetryflow.telemetry;

import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Builds one ClickHouse query of the telemetry read API. It is the one place tenant scoping happens: a builder only
 * exists for a {@link TenantPlacement}, its conditions always start with {@link #TENANT_PREDICATE}, and no
 * {@link Query} exists unless every SELECT in it that reads a table (each subquery, each side of a join) is narrowed by
 * that predicate ({@link TenantScope}), so no query, nor any branch of one, reaches ClickHouse unscoped. Every
 * value a request supplies travels as a {@code {name:Type}} parameter ({@link #bind}); SQL text is made of constant
 * fragments and parameter names only.
 */
public final class TelemetrySql {

    /** The tenant-scope predicate every query, and every table read inside it, carries. */
    public static final String TENANT_PREDICATE = "tenant_id = {tenant_id:UUID}";

    /**
     * A query and its parameters, ready for client-v2 {@code queryAll(sql, parameters, settings)}, with the longest time
     * range it reads ({@link #during}; zero when it names none), which decides its priority; refused
     * ({@link IllegalStateException}) if it reads any table without the tenant predicate.
     */
    public record Query(String sql, Map<String, Object> parameters, Duration range) {

        public Query {
            TenantScope.require(Objects.requireNonNull(sql, "sql"));
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(range, "range");
        }

        public Query(String sql, Map<String, Object> parameters) {
            this(sql, parameters, Duration.ZERO);
        }

        /** The tenant the query is scoped to. */
        public String tenantId() {
            return (String) parameters.get("tenant_id");
        }

        /** The same query after {@code prefix}, e.g. a {@code WITH} clause using the same parameters. */
        public Query withPrefix(String prefix) {
            return new Query(prefix + sql, parameters, range);
        }
    }

    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();
    private int nextParameter;
    private Duration longestRange = Duration.ZERO;
    /** With {@link #reusingEqualValues}: the placeholder of each value bound so far, by type and value. */
    private Map<List<Object>, String> placeholders;

    private TelemetrySql(TenantPlacement tenant) {
        parameters.put("tenant_id", tenant.tenantId().toString());
        conditions.add(TENANT_PREDICATE);
    }

    public static TelemetrySql forTenant(TenantPlacement tenant) {
        return new TelemetrySql(Objects.requireNonNull(tenant, "tenant"));
    }

    /**
     * A parameter placeholder {@code {pN:type}} for {@code value}. The client escapes parameter text for the server
     * (clickhouse client-v2 0.11 does; {@code TelemetryQueriesIT} proves every awkward string compares as itself).
     */
    public String bind(String type, Object value) {
        Objects.requireNonNull(value, "value");
        if (placeholders != null) {
            return placeholders.computeIfAbsent(List.of(type, value), key -> newPlaceholder(type, value));
        }
        return newPlaceholder(type, value);
    }

    private String newPlaceholder(String type, Object value) {
        String name = "p" + nextParameter++;
        parameters.put(name, value);
        return "{" + name + ":" + type + "}";
    }

    /**
     * From now on an equal value of the same type is bound to the same placeholder, so that equal conditions are equal
     * text, which ClickHouse computes once per row: a query of many rules' conditions ({@code LogsSql.minuteCounts})
     * tests a body term once however many rules ask for it.
     */
    public TelemetrySql reusingEqualValues() {
        if (placeholders == null) {
            placeholders = new LinkedHashMap<>();
        }
        return this;
    }

    /**
     * The conditions that {@code part} adds, joined with AND as one predicate (TRUE when it adds none), instead of as
     * conditions of the query: one disjunct of a query that counts for several filters at once.
     */
    public String predicate(Consumer<TelemetrySql> part) {
        int before = conditions.size();
        part.accept(this);
        List<String> added = conditions.subList(before, conditions.size());
        String predicate = added.isEmpty() ? "true" : "(" + String.join(" AND ", added) + ")";
        added.clear();
        return predicate;
    }

    /** Adds a condition (constant SQL with placeholders from {@link #bind}), joined with AND. */
    public TelemetrySql where(String predicate) {
        conditions.add("(" + predicate + ")");
        return this;
    }

    /** {@code column} within the range: {@code [from, to)}, compared at nanosecond precision. */
    public TelemetrySql during(String column, TimeRange range) {
        longestRange = longestRange.compareTo(range.length()) >= 0 ? longestRange : range.length();
        return where(column + " >= fromUnixTimestamp64Nano(" + bind("Int64", range.fromNanos()) + ", 'UTC') AND " + column
                + " < fromUnixTimestamp64Nano(" + bind("Int64", range.toNanos()) + ", 'UTC')");
    }

    /** The condition of an attribute filter on a table with {@code attributes} and {@code resource_attributes} maps. */
    public TelemetrySql attribute(AttributeFilter filter) {
        return where(attributePredicate(filter, filter.onResource() ? "resource_attributes" : "attributes"));
    }

    /** The condition of an attribute filter over the given {@code Map(String, String)} column. */
    public String attributePredicate(AttributeFilter filter, String mapColumn) {
        String key = bind("String", filter.attributeName());
        String value = mapColumn + "[" + key + "]";
        return switch (filter.operator()) {
            case EQ -> value + " = " + bind("String", filter.values().get(0));
            case NEQ -> value + " != " + bind("String", filter.values().get(0));
            case IN -> value + " IN (" + list(filter.values()) + ")";
            case NOT_IN -> value + " NOT IN (" + list(filter.values()) + ")";
            case REGEX -> "match(" + value + ", " + bind("String", filter.values().get(0)) + ")";
            case NOT_REGEX -> "NOT match(" + value + ", " + bind("String", filter.values().get(0)) + ")";
            case EXISTS -> "mapContains(" + mapColumn + ", " + key + ")";
        };
    }

    /**
     * Adds the condition that a row matches at least one of {@code predicates} (each from {@link #predicate}) and
     * returns the expression of the 1-based positions of those it matches, an {@code Array(UInt64)} to {@code ARRAY JOIN}
     * so that one scan counts for several filters.
     */
    public String matchingAny(List<String> predicates) {
        where(String.join(" OR ", predicates));
        return "arrayFilter((i, hit) -> hit, range(1, " + (predicates.size() + 1) + "), [" + String.join(", ", predicates) + "])";
    }

    /** Placeholders for each value, comma-separated: {@code IN (...)} without an array literal. */
    public String list(List<String> values) {
        StringJoiner joined = new StringJoiner(", ");
        values.forEach(value -> joined.add(bind("String", value)));
        return joined.toString();
    }

    /** The conditions so far, joined with AND; always starting with the tenant predicate. */
    public String conditions() {
        return String.join("\n  AND ", conditions);
    }

    /** The query: every SELECT in {@code sql} that reads a table must have {@code WHERE} + {@link #conditions()}. */
    public Query build(String sql) {
        return new Query(sql, parameters, longestRange);
    }

    /** {@code SELECT <select> FROM <from> WHERE <conditions> <tail>}. */
    public Query select(String select, String from, String tail) {
        return build("SELECT " + select + "\nFROM " + from + "\nWHERE " + conditions() + (tail.isEmpty() ? "" : "\n" + tail));
    }
}
