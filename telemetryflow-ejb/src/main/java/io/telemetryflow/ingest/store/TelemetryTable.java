package io.telemetryflow.ingest.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The signal tables the writer inserts into, with the columns it writes in RowBinary order and their exact types
 * (migrations V2..V4). The materialized columns ({@code service_name}, {@code duration_ns}, {@code severity_level})
 * are left out. The types travel in the RowBinaryWithNamesAndTypes header, so ClickHouse checks them against the
 * table and refuses a block that no longer matches the schema instead of misreading it.
 */
public enum TelemetryTable {

    TRACES("otel_traces", concat(envelope(),
            "trace_id", "String",
            "span_id", "String",
            "parent_span_id", "String",
            "trace_state", "String",
            "flags", "UInt32",
            "name", Types.LC_STRING,
            "kind", Types.LC_STRING,
            "start_time", Types.TIME,
            "end_time", Types.TIME,
            "attributes", Types.STRING_MAP,
            "attribute_types", Types.TYPE_MAP,
            "dropped_attributes_count", "UInt32",
            "status_code", Types.LC_STRING,
            "status_message", "String",
            "events", "Array(Tuple(time " + Types.TIME + ", name " + Types.LC_STRING + ", attributes " + Types.STRING_MAP
                    + ", attribute_types " + Types.TYPE_MAP + ", dropped_attributes_count UInt32))",
            "dropped_events_count", "UInt32",
            "links", "Array(Tuple(trace_id String, span_id String, trace_state String, flags UInt32, attributes "
                    + Types.STRING_MAP + ", attribute_types " + Types.TYPE_MAP + ", dropped_attributes_count UInt32))",
            "dropped_links_count", "UInt32")),

    LOGS("otel_logs", concat(envelope(),
            "timestamp", Types.TIME,
            "observed_timestamp", Types.TIME,
            "severity_number", "UInt8",
            "severity_text", Types.LC_STRING,
            "event_name", Types.LC_STRING,
            "body", "String",
            "body_type", Types.LC_STRING,
            "attributes", Types.STRING_MAP,
            "attribute_types", Types.TYPE_MAP,
            "dropped_attributes_count", "UInt32",
            "flags", "UInt32",
            "trace_id", "String",
            "span_id", "String")),

    METRICS_GAUGE("otel_metrics_gauge", concat(metric(),
            "value", "Float64",
            "int_value", "Nullable(Int64)",
            "exemplars", Types.EXEMPLARS)),

    METRICS_SUM("otel_metrics_sum", concat(metric(),
            "value", "Float64",
            "int_value", "Nullable(Int64)",
            "aggregation_temporality", "UInt8",
            "is_monotonic", "Bool",
            "exemplars", Types.EXEMPLARS)),

    METRICS_HISTOGRAM("otel_metrics_histogram", concat(metric(),
            "count", "UInt64",
            "sum", "Nullable(Float64)",
            "min", "Nullable(Float64)",
            "max", "Nullable(Float64)",
            "bucket_counts", "Array(UInt64)",
            "explicit_bounds", "Array(Float64)",
            "aggregation_temporality", "UInt8",
            "exemplars", Types.EXEMPLARS)),

    METRICS_EXPONENTIAL_HISTOGRAM("otel_metrics_exponential_histogram", concat(metric(),
            "count", "UInt64",
            "sum", "Nullable(Float64)",
            "min", "Nullable(Float64)",
            "max", "Nullable(Float64)",
            "scale", "Int32",
            "zero_count", "UInt64",
            "zero_threshold", "Float64",
            "positive_offset", "Int32",
            "positive_bucket_counts", "Array(UInt64)",
            "negative_offset", "Int32",
            "negative_bucket_counts", "Array(UInt64)",
            "aggregation_temporality", "UInt8",
            "exemplars", Types.EXEMPLARS)),

    METRICS_SUMMARY("otel_metrics_summary", concat(metric(),
            "count", "UInt64",
            "sum", "Float64",
            "quantile_values", "Array(Tuple(quantile Float64, value Float64))"));

    private final String tableName;
    private final List<String> columnNames;
    private final List<String> columnTypes;
    private final byte[] header;

    TelemetryTable(String tableName, List<String> columnsAndTypes) {
        this.tableName = tableName;
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < columnsAndTypes.size(); i += 2) {
            names.add(columnsAndTypes.get(i));
            types.add(columnsAndTypes.get(i + 1));
        }
        this.columnNames = List.copyOf(names);
        this.columnTypes = List.copyOf(types);
        RowBinary header = new RowBinary(2048);
        header.varUInt(names.size());
        names.forEach(header::string);
        types.forEach(header::string);
        this.header = header.toByteArray();
    }

    public String tableName() {
        return tableName;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public List<String> columnTypes() {
        return columnTypes;
    }

    /** The RowBinaryWithNamesAndTypes header (column count, names, types); not to be modified. */
    byte[] headerView() {
        return header;
    }

    /** Tenancy, resource and scope: the leading columns of every signal table, in this order. */
    private static List<String> envelope() {
        return List.of(
                "organization_id", "UUID",
                "workspace_id", "UUID",
                "tenant_id", "UUID",
                "resource_attributes", Types.STRING_MAP,
                "resource_attribute_types", Types.TYPE_MAP,
                "resource_dropped_attributes_count", "UInt32",
                "resource_schema_url", Types.LC_STRING,
                "scope_name", Types.LC_STRING,
                "scope_version", Types.LC_STRING,
                "scope_attributes", Types.STRING_MAP,
                "scope_attribute_types", Types.TYPE_MAP,
                "scope_dropped_attributes_count", "UInt32",
                "scope_schema_url", Types.LC_STRING);
    }

    private static List<String> metric() {
        return concat(envelope(),
                "metric_name", Types.LC_STRING,
                "metric_description", "String",
                "metric_unit", Types.LC_STRING,
                "metric_metadata", Types.STRING_MAP,
                "metric_metadata_types", Types.TYPE_MAP,
                "attributes", Types.STRING_MAP,
                "attribute_types", Types.TYPE_MAP,
                "start_timestamp", Types.TIME,
                "timestamp", Types.TIME,
                "flags", "UInt32");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static final class Types {
        static final String LC_STRING = "LowCardinality(String)";
        static final String TIME = "DateTime64(9, 'UTC')";
        static final String STRING_MAP = "Map(LowCardinality(String), String)";
        static final String TYPE_MAP = "Map(LowCardinality(String), LowCardinality(String))";
        static final String EXEMPLARS = "Array(Tuple(time " + TIME + ", value Float64, trace_id String, span_id String, "
                + "filtered_attributes " + STRING_MAP + ", filtered_attribute_types " + TYPE_MAP + "))";
    }
}
