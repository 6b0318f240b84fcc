package io.telemetryflow.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.migration.ClickHouseMigrator;
import io.telemetryflow.platform.migration.PostgresAdvisoryLock;
import io.telemetryflow.platform.migration.SchemaMigration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The telemetry schema (migrations V2..V5, V7..V10, V12) on a real ClickHouse: shape of every table, redelivery
 * deduplication through tables and catalogue views, the catalogues, the trace-by-id read path and
 * the typed-attribute representation. Each test migrates its own database and drops it afterwards.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class TelemetrySchemaIT {

    private static final String PG_URL = System.getProperty("tf.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/telemetryflow_test");
    private static final String PG_USER = System.getProperty("tf.test.pg.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("tf.test.pg.password", "");
    private static final String CH_URL = System.getProperty("tf.test.ch.url", "jdbc:clickhouse://127.0.0.1:18123");

    private static final List<String> METRIC_KINDS = List.of("gauge", "sum", "histogram", "exponential_histogram", "summary");
    private static final List<String> SIGNAL_TABLES = List.of("otel_traces", "otel_logs", "otel_metrics_gauge", "otel_metrics_sum",
            "otel_metrics_histogram", "otel_metrics_exponential_histogram", "otel_metrics_summary");
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    private static final String ORGANIZATION = "0b6f3a52-7d1e-4b8e-9a51-3f0c2d9e8a11";
    private static final String WORKSPACE = "5e2d8c41-9f3b-4a6e-8d27-1c4b7e9f0a22";
    private static final String TENANT = "9a7c1e63-2b4d-4f8a-b5c9-6d3e0f1a2b33";
    private static final String OTHER_TENANT = "d4e5f6a7-b8c9-4d0e-a1f2-3b4c5d6e7f44";
    private static final String TRACE_A = "5b8efff798038103d269b633813fc60c";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

    /**
     * The read side's trace fetch: the lookup table bounds the time range, the primary key of the span documents finds
     * the trace. (TraceReaderIT reads the documents' fields back through the API's reader.)
     */
    static final String TRACE_BY_ID = """
            WITH (SELECT (min(start_time), max(end_time)) FROM otel_traces_trace_id_ts WHERE tenant_id = ? AND trace_id = ?) AS trace_span
            SELECT span_id, toString(reinterpretAsUInt8(substring(span, 1, 1))) AS version, position(span, span_id) AS id_at
            FROM otel_trace_spans
            WHERE tenant_id = ? AND trace_id = ?
              AND start_time >= tupleElement(trace_span, 1) AND start_time <= tupleElement(trace_span, 2)
            ORDER BY start_time, span_id""";

    private final String database = "tf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    // whole seconds an hour ago: one partition for "now", another one day earlier
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    private final Instant dayBefore = base.minus(1, ChronoUnit.DAYS);
    private ClickHouseConnector clickHouse;
    private List<SchemaMigration> migrations;

    @BeforeEach
    void migrate() throws Exception {
        clickHouse = new ClickHouseConnector(new ClickHouseSettings(CH_URL, "default", "", database, ""));
        migrations = ClickHouseMigrator.fromClasspath(getClass().getClassLoader(), ClickHouseMigrator.LOCATION);
        PostgresAdvisoryLock lock = new PostgresAdvisoryLock(() -> DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD),
                ThreadLocalRandom.current().nextLong(), Duration.ofMinutes(1));
        new ClickHouseMigrator(clickHouse, lock, migrations, "telemetry-schema-it").migrate();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " SYNC");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // schema shape

    @Test
    void everySignalTableHasTenancyResourceScopeAndTypedAttributeColumns() throws SQLException {
        for (String table : SIGNAL_TABLES) {
            assertThat(columns(table)).as(table).contains(
                    entry("organization_id", "UUID"),
                    entry("workspace_id", "UUID"),
                    entry("tenant_id", "UUID"),
                    entry("service_name", "LowCardinality(String)"),
                    entry("resource_attributes", "Map(LowCardinality(String), String)"),
                    entry("resource_attribute_types", "Map(LowCardinality(String), LowCardinality(String))"),
                    entry("resource_dropped_attributes_count", "UInt32"),
                    entry("resource_schema_url", "LowCardinality(String)"),
                    entry("scope_name", "LowCardinality(String)"),
                    entry("scope_version", "LowCardinality(String)"),
                    entry("scope_attributes", "Map(LowCardinality(String), String)"),
                    entry("scope_attribute_types", "Map(LowCardinality(String), LowCardinality(String))"),
                    entry("scope_dropped_attributes_count", "UInt32"),
                    entry("attributes", "Map(LowCardinality(String), String)"),
                    entry("attribute_types", "Map(LowCardinality(String), LowCardinality(String))"));
            assertThat(defaultKinds(table)).as(table).containsEntry("service_name", "MATERIALIZED");
            assertThat(queryStrings("SELECT default_expression FROM system.columns WHERE database = '" + database
                    + "' AND table = '" + table + "' AND name = 'service_name'")).as(table).containsExactly("resource_attributes['service.name']");
        }
    }

    @Test
    void spansTableHasTheOtlpSpanColumnsKeysIndexesAndTtl() throws SQLException {
        assertThat(columns("otel_traces")).contains(
                entry("trace_id", "String"),
                entry("span_id", "String"),
                entry("parent_span_id", "String"),
                entry("trace_state", "String"),
                entry("flags", "UInt32"),
                entry("name", "LowCardinality(String)"),
                entry("kind", "LowCardinality(String)"),
                entry("start_time", "DateTime64(9, 'UTC')"),
                entry("end_time", "DateTime64(9, 'UTC')"),
                entry("duration_ns", "UInt64"),
                entry("dropped_attributes_count", "UInt32"),
                entry("status_code", "LowCardinality(String)"),
                entry("status_message", "String"),
                entry("events", "Array(Tuple(time DateTime64(9, 'UTC'), name LowCardinality(String), "
                        + "attributes Map(LowCardinality(String), String), attribute_types Map(LowCardinality(String), LowCardinality(String)), "
                        + "dropped_attributes_count UInt32))"),
                entry("dropped_events_count", "UInt32"),
                entry("links", "Array(Tuple(trace_id String, span_id String, trace_state String, flags UInt32, "
                        + "attributes Map(LowCardinality(String), String), attribute_types Map(LowCardinality(String), LowCardinality(String)), "
                        + "dropped_attributes_count UInt32))"),
                entry("dropped_links_count", "UInt32"));
        assertThat(defaultKinds("otel_traces")).containsEntry("duration_ns", "MATERIALIZED")
                .containsEntry("span_key", "MATERIALIZED").containsEntry("parent_key", "MATERIALIZED");

        assertThat(table("otel_traces")).containsExactly(
                entry("engine", "MergeTree"),
                entry("partition_key", "toDate(start_time)"),
                entry("sorting_key", "tenant_id, toStartOfFifteenMinutes(start_time), service_name, name, toDateTime(start_time)"),
                entry("primary_key", "tenant_id, toStartOfFifteenMinutes(start_time), service_name, name, toDateTime(start_time)"));
        assertThat(skipIndexes("otel_traces")).containsExactly(
                entry("idx_trace_id", "bloom_filter(0.001) ON trace_id"),
                entry("idx_span_id", "bloom_filter(0.01) ON span_id"),
                entry("idx_res_attr_key", "bloom_filter(0.01) ON mapKeys(resource_attributes)"),
                entry("idx_res_attr_value", "bloom_filter(0.01) ON mapValues(resource_attributes)"),
                entry("idx_attr_key", "bloom_filter(0.01) ON mapKeys(attributes)"),
                entry("idx_attr_value", "bloom_filter(0.01) ON mapValues(attributes)"),
                entry("idx_kind", "set(8) ON kind"),
                entry("idx_status_code", "set(4) ON status_code"),
                entry("idx_duration", "minmax ON duration_ns"));
        assertThat(createQuery("otel_traces"))
                .contains("index_granularity = 2048", "max_compress_block_size = 65536")
                .contains("TTL toDateTime(start_time) + toIntervalDay(30)")
                .contains("ttl_only_drop_parts = 1")
                .contains("non_replicated_deduplication_window = 10000")
                .contains("`start_time` DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1))");

        assertThat(table("otel_traces_trace_id_ts")).containsExactly(
                entry("engine", "AggregatingMergeTree"),
                entry("partition_key", "toMonday(start_time)"),
                entry("sorting_key", "tenant_id, trace_id"),
                entry("primary_key", "tenant_id, trace_id"));
        assertThat(columns("otel_traces_trace_id_ts")).containsExactly(
                entry("tenant_id", "UUID"),
                entry("trace_id", "String"),
                entry("start_time", "SimpleAggregateFunction(min, DateTime64(9, 'UTC'))"),
                entry("end_time", "SimpleAggregateFunction(max, DateTime64(9, 'UTC'))"),
                entry("span_count", "SimpleAggregateFunction(sum, UInt64)"),
                entry("error_count", "SimpleAggregateFunction(sum, UInt64)"),
                entry("services", "SimpleAggregateFunction(groupUniqArrayArray, Array(String))"),
                entry("root", "SimpleAggregateFunction(min, Tuple(inferred Bool, start_time DateTime64(9, 'UTC'), span_id String, "
                        + "service_name String, name String))"));
        assertThat(createQuery("otel_traces_trace_id_ts"))
                .contains("index_granularity = 256", "min_compress_block_size = 4096")
                .contains("TTL toDateTime(start_time) + toIntervalDay(30)")
                .contains("non_replicated_deduplication_window = 10000");
        assertThat(materializedView("otel_traces_trace_id_ts_mv")).isEqualTo(database + ".otel_traces_trace_id_ts");

        assertThat(table("otel_trace_spans")).containsExactly(
                entry("engine", "MergeTree"),
                entry("partition_key", "toDate(start_time)"),
                entry("sorting_key", "tenant_id, trace_id"),
                entry("primary_key", "tenant_id, trace_id"));
        assertThat(columns("otel_trace_spans")).containsExactly(
                entry("tenant_id", "UUID"),
                entry("trace_id", "String"),
                entry("start_time", "DateTime64(9, 'UTC')"),
                entry("span_id", "String"),
                entry("span", "String"));
        assertThat(createQuery("otel_trace_spans"))
                .contains("index_granularity = 256", "min_compress_block_size = 4096")
                .contains("TTL toDateTime(start_time) + toIntervalDay(30)")
                .contains("non_replicated_deduplication_window = 10000");
        assertThat(materializedView("otel_trace_spans_mv")).isEqualTo(database + ".otel_trace_spans");
    }

    @Test
    void logsTableHasTheOtlpLogColumnsKeysIndexesAndTtl() throws SQLException {
        assertThat(columns("otel_logs")).contains(
                entry("timestamp", "DateTime64(9, 'UTC')"),
                entry("observed_timestamp", "DateTime64(9, 'UTC')"),
                entry("severity_number", "UInt8"),
                entry("severity_text", "LowCardinality(String)"),
                entry("severity_level", "LowCardinality(String)"),
                entry("event_name", "LowCardinality(String)"),
                entry("body", "String"),
                entry("body_type", "LowCardinality(String)"),
                entry("dropped_attributes_count", "UInt32"),
                entry("flags", "UInt32"),
                entry("trace_id", "String"),
                entry("span_id", "String"));
        assertThat(defaultKinds("otel_logs")).containsEntry("severity_level", "MATERIALIZED");

        assertThat(table("otel_logs")).containsExactly(
                entry("engine", "MergeTree"),
                entry("partition_key", "toDate(timestamp)"),
                entry("sorting_key", "tenant_id, toStartOfFifteenMinutes(timestamp), severity_level, service_name, toDateTime(timestamp)"),
                entry("primary_key", "tenant_id, toStartOfFifteenMinutes(timestamp), severity_level, service_name, toDateTime(timestamp)"));
        assertThat(skipIndexes("otel_logs")).containsExactly(
                entry("idx_trace_id", "bloom_filter(0.001) ON trace_id"),
                entry("idx_res_attr_key", "bloom_filter(0.01) ON mapKeys(resource_attributes)"),
                entry("idx_res_attr_value", "bloom_filter(0.01) ON mapValues(resource_attributes)"),
                entry("idx_attr_key", "bloom_filter(0.01) ON mapKeys(attributes)"),
                entry("idx_attr_value", "bloom_filter(0.01) ON mapValues(attributes)"),
                entry("idx_body", "tokenbf_v1(32768, 3, 0) ON body"),
                entry("idx_severity_level", "set(8) ON severity_level"),
                entry("idx_severity_number", "minmax ON severity_number"));
        assertThat(createQuery("otel_logs"))
                .contains("index_granularity = 2048", "max_compress_block_size = 65536")
                .contains("TTL toDateTime(timestamp) + toIntervalDay(30)")
                .contains("ttl_only_drop_parts = 1")
                .contains("non_replicated_deduplication_window = 10000");
    }

    @Test
    void oneMetricTablePerKindWithItsValueColumnsKeysIndexesAndTtl() throws SQLException {
        Map<String, Map<String, String>> valueColumns = Map.of(
                "gauge", Map.of("value", "Float64", "int_value", "Nullable(Int64)"),
                "sum", Map.of("value", "Float64", "int_value", "Nullable(Int64)", "aggregation_temporality", "UInt8", "is_monotonic", "Bool"),
                "histogram", Map.of("count", "UInt64", "sum", "Nullable(Float64)", "min", "Nullable(Float64)", "max", "Nullable(Float64)",
                        "bucket_counts", "Array(UInt64)", "explicit_bounds", "Array(Float64)", "aggregation_temporality", "UInt8"),
                "exponential_histogram", Map.ofEntries(entry("count", "UInt64"), entry("sum", "Nullable(Float64)"),
                        entry("min", "Nullable(Float64)"), entry("max", "Nullable(Float64)"), entry("scale", "Int32"),
                        entry("zero_count", "UInt64"), entry("zero_threshold", "Float64"), entry("positive_offset", "Int32"),
                        entry("positive_bucket_counts", "Array(UInt64)"), entry("negative_offset", "Int32"),
                        entry("negative_bucket_counts", "Array(UInt64)"), entry("aggregation_temporality", "UInt8")),
                "summary", Map.of("count", "UInt64", "sum", "Float64", "quantile_values", "Array(Tuple(quantile Float64, value Float64))"));
        String exemplars = "Array(Tuple(time DateTime64(9, 'UTC'), value Float64, trace_id String, span_id String, "
                + "filtered_attributes Map(LowCardinality(String), String), "
                + "filtered_attribute_types Map(LowCardinality(String), LowCardinality(String))))";

        for (String kind : METRIC_KINDS) {
            String table = "otel_metrics_" + kind;
            Map<String, String> columns = columns(table);
            assertThat(columns).as(table).contains(
                    entry("metric_name", "LowCardinality(String)"),
                    entry("metric_description", "String"),
                    entry("metric_unit", "LowCardinality(String)"),
                    entry("metric_metadata", "Map(LowCardinality(String), String)"),
                    entry("start_timestamp", "DateTime64(9, 'UTC')"),
                    entry("timestamp", "DateTime64(9, 'UTC')"),
                    entry("flags", "UInt32"));
            assertThat(columns).as(table).containsAllEntriesOf(valueColumns.get(kind));
            if (kind.equals("summary")) {
                assertThat(columns).as("OTLP summaries carry no exemplars").doesNotContainKey("exemplars");
            } else {
                assertThat(columns).as(table).containsEntry("exemplars", exemplars);
            }
            assertThat(table(table)).as(table).containsExactly(
                    entry("engine", "MergeTree"),
                    entry("partition_key", "toDate(timestamp)"),
                    entry("sorting_key", "tenant_id, service_name, metric_name, toStartOfHour(timestamp), "
                            + "cityHash64(resource_attributes, attributes), timestamp"),
                    entry("primary_key", "tenant_id, service_name, metric_name, toStartOfHour(timestamp)"));
            assertThat(skipIndexes(table)).as(table).containsExactly(
                    entry("idx_res_attr_key", "bloom_filter(0.01) ON mapKeys(resource_attributes)"),
                    entry("idx_res_attr_value", "bloom_filter(0.01) ON mapValues(resource_attributes)"),
                    entry("idx_attr_key", "bloom_filter(0.01) ON mapKeys(attributes)"),
                    entry("idx_attr_value", "bloom_filter(0.01) ON mapValues(attributes)"));
            assertThat(createQuery(table)).as(table)
                    .contains("TTL toDateTime(timestamp) + toIntervalDay(90)")
                    .contains("ttl_only_drop_parts = 1")
                    .contains("non_replicated_deduplication_window = 10000");
        }
    }

    @Test
    void cataloguesAreAggregatingTablesFedByAViewOnEverySignalTable() throws SQLException {
        assertThat(table("service_catalogue")).containsExactly(
                entry("engine", "AggregatingMergeTree"),
                entry("partition_key", ""),
                entry("sorting_key", "tenant_id, service_name, signal"),
                entry("primary_key", "tenant_id, service_name, signal"));
        assertThat(table("metric_catalogue")).containsExactly(
                entry("engine", "AggregatingMergeTree"),
                entry("partition_key", ""),
                entry("sorting_key", "tenant_id, service_name, metric_name, metric_type, metric_unit"),
                entry("primary_key", "tenant_id, service_name, metric_name, metric_type, metric_unit"));
        assertThat(table("metric_attribute_catalogue")).containsExactly(
                entry("engine", "AggregatingMergeTree"),
                entry("partition_key", ""),
                entry("sorting_key", "tenant_id, metric_name, attribute_key, attribute_value"),
                entry("primary_key", "tenant_id, metric_name, attribute_key, attribute_value"));
        assertThat(columns("metric_attribute_catalogue")).contains(
                entry("attribute_key", "LowCardinality(String)"),
                entry("attribute_value", "String"),
                entry("last_seen", "SimpleAggregateFunction(max, DateTime64(9, 'UTC'))"),
                entry("data_point_count", "SimpleAggregateFunction(sum, UInt64)"));
        for (String catalogue : List.of("service_catalogue", "metric_catalogue", "metric_attribute_catalogue")) {
            assertThat(createQuery(catalogue)).as(catalogue)
                    .contains("TTL toDateTime(last_seen) + toIntervalDay(90)")
                    .contains("non_replicated_deduplication_window = 10000");
        }
        assertThat(columns("metric_catalogue")).contains(
                entry("metric_description", "SimpleAggregateFunction(anyLast, String)"),
                entry("last_seen", "SimpleAggregateFunction(max, DateTime64(9, 'UTC'))"),
                entry("data_point_count", "SimpleAggregateFunction(sum, UInt64)"));

        Map<String, String> views = new LinkedHashMap<>();
        views.put("service_catalogue_traces_mv", "service_catalogue");
        views.put("service_catalogue_logs_mv", "service_catalogue");
        for (String kind : METRIC_KINDS) {
            views.put("service_catalogue_metrics_" + kind + "_mv", "service_catalogue");
            views.put("metric_catalogue_" + kind + "_mv", "metric_catalogue");
            views.put("metric_attribute_catalogue_" + kind + "_mv", "metric_attribute_catalogue");
        }
        for (Map.Entry<String, String> view : views.entrySet()) {
            assertThat(materializedView(view.getKey())).as(view.getKey()).isEqualTo(database + "." + view.getValue());
        }
    }

    @Test
    void everyTableATokenedInsertReachesKeepsADeduplicationWindow() throws SQLException {
        // A view writes its block with a token derived from the insert's; the target drops a
        // repeat only if it keeps a window of its own (checked here: without one it doubles).
        List<List<String>> tables = queryRows("SELECT name, create_table_query FROM system.tables WHERE database = '" + database
                + "' AND engine LIKE '%MergeTree' AND name NOT IN ('schema_migrations', 'platform_events') ORDER BY name");
        assertThat(tables).extracting(row -> row.get(0)).containsExactlyInAnyOrder(
                "alert_history", "audit_logs", "audit_logs_stats", "audit_logs_user_activity", "metric_attribute_catalogue", "metric_catalogue", "otel_logs", "otel_metrics_exponential_histogram", "otel_metrics_gauge", "otel_metrics_gauge_1m", "otel_metrics_histogram",
                "otel_metrics_sum", "otel_metrics_summary", "otel_trace_spans", "otel_traces", "otel_traces_trace_id_ts", "service_catalogue");
        for (List<String> table : tables) {
            assertThat(table.get(1)).as(table.get(0)).contains("non_replicated_deduplication_window = 10000");
        }
    }

    @Test
    void scriptsAreSafeToRunAgain() throws Exception {
        insertAll(Inserter.SQL_SYNC, signalBatches(TENANT), "before-rerun");
        List<List<String>> spans = queryRows("SELECT trace_id, span_id FROM otel_traces ORDER BY span_id");
        // V8 died between its swap and its drop: the staging name holds the table of the earlier layout
        execute("CREATE TABLE otel_traces_v8 AS otel_traces ENGINE = MergeTree ORDER BY (tenant_id, service_name)");
        execute("INSERT INTO otel_traces_v8 SELECT * FROM otel_traces");
        // a node that died half-way through a script runs all of it again
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            for (SchemaMigration migration : migrations) {
                for (String sql : migration.statements(clickHouse.settings().placeholders())) {
                    statement.execute(sql);
                }
            }
        }
        assertThat(queryStrings("SELECT count() FROM system.tables WHERE database = '" + database + "' AND name LIKE '%\\_mv'"))
                .containsExactly("22");
        assertThat(table("otel_traces")).containsEntry("sorting_key",
                "tenant_id, toStartOfFifteenMinutes(start_time), service_name, name, toDateTime(start_time)");
        assertThat(queryStrings("SELECT name FROM system.tables WHERE database = '" + database + "' AND name LIKE '%\\_v8'")).isEmpty();
        assertThat(queryRows("SELECT trace_id, span_id FROM otel_traces ORDER BY span_id")).isEqualTo(spans);
        assertThat(queryLong("SELECT sum(span_count) FROM otel_traces_trace_id_ts")).isEqualTo(spans.size());
        assertThat(queryRows("SELECT trace_id, span_id FROM otel_trace_spans ORDER BY span_id")).isEqualTo(spans);
    }

    // ---------------------------------------------------------------------------------------------
    // redelivery

    /** How the ingestion pipeline may hand a batch to ClickHouse (DESIGN §6: both are candidates). */
    enum Inserter {
        /** INSERT ... SETTINGS in the statement text, synchronous insert. */
        SQL_SYNC("async_insert = 0"),
        /** INSERT ... SETTINGS, server-side buffered insert that still waits for the flush. */
        SQL_ASYNC("async_insert = 1, wait_for_async_insert = 1"),
        /** clickhouse-jdbc's underlying client-v2 with InsertSettings (the bulk path), synchronous insert. */
        CLIENT_V2(null);

        final String mode;

        Inserter(String mode) {
            this.mode = mode;
        }
    }

    @ParameterizedTest
    @EnumSource(Inserter.class)
    void aRedeliveredBatchIsStoredOnceInTablesAndCataloguesAndANewBatchAgain(Inserter inserter) throws Exception {
        Map<String, String> batches = signalBatches(TENANT);

        for (String token : List.of("delivery-1", "delivery-1")) {
            insertAll(inserter, batches, token);
        }
        assertStoredBatches(batches, 1);

        insertAll(inserter, batches, "delivery-2");
        assertStoredBatches(batches, 2);
    }

    private void insertAll(Inserter inserter, Map<String, String> batches, String token) throws Exception {
        for (Map.Entry<String, String> batch : batches.entrySet()) {
            // one token per queued message, shared by its inserts into the different tables: the
            // windows are per table, and the views derive their blocks' tokens per view
            insert(inserter, batch.getKey(), batch.getValue(), token);
        }
    }

    private void assertStoredBatches(Map<String, String> batches, int copies) throws SQLException {
        Map<String, Long> rowsPerBatch = new LinkedHashMap<>();
        for (String table : batches.keySet()) {
            rowsPerBatch.put(table, batches.get(table).lines().filter(line -> line.startsWith("{")).count());
        }
        for (Map.Entry<String, Long> table : rowsPerBatch.entrySet()) {
            assertThat(queryLong("SELECT count() FROM " + table.getKey())).as(table.getKey()).isEqualTo(table.getValue() * copies);
        }
        long spans = rowsPerBatch.get("otel_traces");
        long logs = rowsPerBatch.get("otel_logs");
        long points = METRIC_KINDS.stream().mapToLong(kind -> rowsPerBatch.get("otel_metrics_" + kind)).sum();

        assertThat(queryLong("SELECT sum(span_count) FROM otel_traces_trace_id_ts")).isEqualTo(spans * copies);
        assertThat(queryLong("SELECT count() FROM otel_trace_spans")).isEqualTo(spans * copies);
        assertThat(queryRows("SELECT signal, toString(sum(record_count)) FROM service_catalogue GROUP BY signal ORDER BY signal"))
                .containsExactly(
                        List.of("logs", String.valueOf(logs * copies)),
                        List.of("metrics", String.valueOf(points * copies)),
                        List.of("traces", String.valueOf(spans * copies)));
        assertThat(queryLong("SELECT sum(data_point_count) FROM metric_catalogue")).isEqualTo(points * copies);
        // the per-minute gauge aggregates (V12) count each gauge point once, also when V12 aggregated points stored before it
        assertThat(queryLong("SELECT sum(count) FROM otel_metrics_gauge_1m")).isEqualTo(rowsPerBatch.get("otel_metrics_gauge") * copies);
        // every point carries one point attribute and two resource attributes
        assertThat(queryLong("SELECT sum(data_point_count) FROM metric_attribute_catalogue")).isEqualTo(3 * points * copies);
    }

    // ---------------------------------------------------------------------------------------------
    // catalogues

    @Test
    void serviceCatalogueListsEachServiceAndSignalWithLastSeenAndCounts() throws Exception {
        insertAll(Inserter.SQL_SYNC, signalBatches(TENANT), "catalogue");
        insertAll(Inserter.SQL_SYNC, Map.of("otel_logs", logBatch(OTHER_TENANT)), "other-tenant");

        // what the service picker asks for: one tenant, merged rows
        List<List<String>> services = queryRows("""
                SELECT service_name, signal, toString(any(workspace_id)), toString(toUnixTimestamp64Nano(min(first_seen))),
                       toString(toUnixTimestamp64Nano(max(last_seen))), toString(sum(record_count))
                FROM service_catalogue
                WHERE tenant_id = '%s'
                GROUP BY service_name, signal
                ORDER BY service_name, signal""".formatted(TENANT));

        String checkoutSpansLast = nanos(base.plusMillis(5));
        assertThat(services).containsExactly(
                List.of("checkout", "logs", WORKSPACE, nanos(dayBefore), nanos(base.plusMillis(120)), "2"),
                List.of("checkout", "metrics", WORKSPACE, nanos(dayBefore), nanos(base), "10"),
                List.of("checkout", "traces", WORKSPACE, nanos(dayBefore), checkoutSpansLast, "3"),
                List.of("payments", "traces", WORKSPACE, nanos(base.plusMillis(20)), nanos(base.plusMillis(20)), "1"));
    }

    @Test
    void metricCatalogueListsEachMetricWithTypeUnitDescriptionAndLastSeen() throws Exception {
        insertAll(Inserter.SQL_SYNC, signalBatches(TENANT), "catalogue");

        List<List<String>> metrics = queryRows("""
                SELECT metric_name, metric_type, metric_unit, any(metric_description), toString(any(aggregation_temporality)),
                       toString(any(is_monotonic)), toString(toUnixTimestamp64Nano(max(last_seen))), toString(sum(data_point_count))
                FROM metric_catalogue
                WHERE tenant_id = '%s' AND service_name = 'checkout'
                GROUP BY metric_name, metric_type, metric_unit
                ORDER BY metric_name""".formatted(TENANT));

        String last = nanos(base);
        assertThat(metrics).containsExactly(
                List.of("http.server.active_requests", "gauge", "{request}", "Number of active HTTP server requests.", "0", "false", last, "2"),
                List.of("http.server.request.count", "sum", "{request}", "Requests served.", "2", "true", last, "2"),
                List.of("http.server.request.duration", "histogram", "s", "Duration of HTTP server requests.", "2", "false", last, "2"),
                List.of("jvm.gc.pause", "summary", "ms", "GC pause times.", "0", "false", last, "2"),
                List.of("rpc.server.duration", "exponential_histogram", "ms", "Duration of inbound RPC.", "1", "false", last, "2"));
    }

    @Test
    void metricAttributeCatalogueListsKeysAndCappedValuesPerMetricAndFindsPrefixesByTheSortKey() throws Exception {
        insertAll(Inserter.SQL_SYNC, signalBatches(TENANT), "catalogue");
        insert(Inserter.SQL_SYNC, "otel_metrics_gauge", """
                {"organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s", "resource_attributes": {"service.name": "checkout"},
                 "metric_name": "http.server.active_requests", "attributes": {"blob": "%s"}, "timestamp": "%s", "value": 1}
                """.formatted(ORGANIZATION, WORKSPACE, TENANT, "é".repeat(300), chTime(base)), "long-value");
        insertAll(Inserter.SQL_SYNC, Map.of("otel_metrics_gauge", metricBatch(OTHER_TENANT, "gauge")), "other-tenant");

        // what the filter autocompletion asks for: keys of one metric, then values of one key, by prefix
        String last = nanos(base);
        assertThat(queryRows("""
                SELECT attribute_key, arrayStringConcat(groupArray(attribute_value), ','), toString(sum(data_point_count)),
                       toString(toUnixTimestamp64Nano(max(last_seen)))
                FROM metric_attribute_catalogue
                WHERE tenant_id = '%s' AND metric_name = 'http.server.active_requests'
                GROUP BY attribute_key ORDER BY attribute_key""".formatted(TENANT))).containsExactly(
                List.of("blob", "é".repeat(256), "1", last),
                List.of("http.route", "/cart", "2", last),
                List.of("resource.service.instance.id", "pod-7", "2", last),
                List.of("resource.service.name", "checkout", "3", last));
        assertThat(queryStrings("""
                SELECT DISTINCT metric_name FROM metric_attribute_catalogue WHERE tenant_id = '%s' AND attribute_key = 'http.route'
                ORDER BY metric_name""".formatted(TENANT))).containsExactly("http.server.active_requests", "http.server.request.count",
                "http.server.request.duration", "jvm.gc.pause", "rpc.server.duration");

        String prefixSearch = """
                SELECT attribute_value FROM metric_attribute_catalogue
                WHERE tenant_id = '%s' AND metric_name = 'http.server.active_requests' AND attribute_key = 'resource.service.name'
                  AND startsWith(attribute_value, 'check') GROUP BY attribute_value""".formatted(TENANT);
        assertThat(queryStrings(prefixSearch)).containsExactly("checkout");
        String explain = String.join("\n", queryStrings("EXPLAIN indexes = 1 " + prefixSearch));
        assertThat(explain).contains("PrimaryKey").contains("attribute_value in ['check', 'checl')");
    }

    @Test
    void metricPointsKeepExactIntegersBucketsQuantilesAndAbsentOptionals() throws Exception {
        insertAll(Inserter.SQL_SYNC, signalBatches(TENANT), "points");

        // 2^53 + 1: Float64 rounds it, int_value keeps it
        assertThat(queryRows("SELECT toString(int_value), toString(value) FROM otel_metrics_sum LIMIT 1"))
                .containsExactly(List.of("9007199254740993", "9007199254740992"));
        assertThat(queryRows("SELECT toString(bucket_counts), toString(explicit_bounds), toString(sum), toString(min) FROM otel_metrics_histogram LIMIT 1"))
                .containsExactly(List.of("[1,2,2,1]", "[0.005,0.1,0.5]", "1.27", "0.004"));
        assertThat(queryRows("""
                SELECT toString(scale), toString(zero_count), toString(zero_threshold), toString(positive_offset),
                       toString(positive_bucket_counts), toString(negative_bucket_counts), toString(isNull(min)), toString(isNull(max))
                FROM otel_metrics_exponential_histogram LIMIT 1"""))
                .containsExactly(List.of("3", "1", "0.0001", "5", "[1,3,2]", "[]", "1", "1"));
        assertThat(queryRows("SELECT toString(quantile_values.quantile), toString(quantile_values.value) FROM otel_metrics_summary LIMIT 1"))
                .containsExactly(List.of("[0.5,0.99]", "[5.5,21]"));
        assertThat(queryRows("""
                SELECT exemplars[1].trace_id, exemplars[1].span_id, toString(exemplars[1].value), exemplars[1].filtered_attributes['user.id'],
                       exemplars[1].filtered_attribute_types['user.id']
                FROM otel_metrics_gauge LIMIT 1"""))
                .containsExactly(List.of(TRACE_A, "eee19b7ec3c1b174", "0.42", "17", "int"));
    }

    // ---------------------------------------------------------------------------------------------
    // trace by id

    @Test
    void traceByIdReadsTheTraceTimeRangeFromTheLookupTableAndItsSpansByPrimaryKey() throws Exception {
        insertAll(Inserter.SQL_SYNC, Map.of("otel_traces", traceBatch(TENANT)), "spans");
        // another tenant reusing the trace id must stay invisible
        insertAll(Inserter.SQL_SYNC, Map.of("otel_traces", traceBatch(OTHER_TENANT)), "other-tenant");
        // a busy moment: 40 000 other spans of the same tenant and service within the same 250 ms
        execute("""
                INSERT INTO otel_traces (organization_id, workspace_id, tenant_id, resource_attributes, trace_id, span_id,
                                         name, kind, start_time, end_time, status_code)
                SELECT '%s', '%s', '%s', map('service.name', 'checkout'), lower(hex(MD5(toString(number)))),
                       lower(hex(substring(MD5(toString(number + 1)), 1, 8))), 'GET /cart', 'SERVER',
                       toDateTime64('%s', 9, 'UTC') + toIntervalMillisecond(number %% 250),
                       toDateTime64('%s', 9, 'UTC') + toIntervalMillisecond(number %% 250 + 3), 'UNSET'
                FROM numbers(40000)""".formatted(ORGANIZATION, WORKSPACE, TENANT, chTime(base), chTime(base)));

        List<List<String>> spans = new ArrayList<>();
        try (Connection connection = clickHouse.open(); PreparedStatement query = connection.prepareStatement(TRACE_BY_ID)) {
            for (int i = 1; i <= 4; i += 2) {
                query.setString(i, TENANT);
                query.setString(i + 1, TRACE_A);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    spans.add(List.of(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        // the trace's three spans, earliest first; each document starts with the format version, then
        // the span id (after its one-byte length: at byte 3)
        assertThat(spans).containsExactly(
                List.of("eee19b7ec3c1b174", "1", "3"),
                List.of("1f2e3d4c5b6a7980", "1", "3"),
                List.of("a0b1c2d3e4f50617", "1", "3"));

        String explain = String.join("\n", queryStrings("EXPLAIN indexes = 1 " + TRACE_BY_ID.replaceFirst("\\?", quote(TENANT))
                .replaceFirst("\\?", quote(TRACE_A)).replaceFirst("\\?", quote(TENANT)).replaceFirst("\\?", quote(TRACE_A))));
        String lookup = "SELECT min(start_time), max(end_time) FROM otel_traces_trace_id_ts WHERE tenant_id = " + quote(TENANT)
                + " AND trace_id = " + quote(TRACE_A);
        String lookupExplain = String.join("\n", queryStrings("EXPLAIN indexes = 1 " + lookup));
        Path report = Path.of(System.getProperty("basedir", "."), "target", "telemetry-schema", "trace-by-id-explain.txt");
        writeReport(report, "-- " + TRACE_BY_ID.replace("\n", "\n-- ") + "\n" + explain + "\n\n-- " + lookup + "\n" + lookupExplain + "\n");

        // the lookup itself is a primary-key range on (tenant_id, trace_id)
        assertThat(lookupExplain).contains("PrimaryKey").containsPattern("Keys:\\s+tenant_id\\s+trace_id");

        // the lookup's time range excludes the part of the day before; in each part left (the
        // trace's own and the 40 000 neighbours') the primary key keeps one granule of 256 rows
        int[] minMax = selected(explain, "Min-Max", "Parts");
        assertThat(minMax[0]).as("parts kept by the time range\n%s", explain).isLessThan(minMax[1]);
        int[] primaryKey = selected(explain, "PrimaryKey", "Granules");
        assertThat(primaryKey[0]).as("granules kept by the primary key\n%s", explain).isEqualTo(2).isLessThan(primaryKey[1]);
    }

    private static final String SUMMARY = """
            SELECT trace_id, toString(sum(span_count)), toString(sum(error_count)), toString(arraySort(groupUniqArrayArray(services))),
                   toString(tupleElement(min(root), 'inferred')), tupleElement(min(root), 'span_id'),
                   tupleElement(min(root), 'service_name'), tupleElement(min(root), 'name')
            FROM otel_traces_trace_id_ts WHERE tenant_id = '%s' GROUP BY trace_id ORDER BY trace_id""";

    @Test
    void theTraceIdLookupSummarisesEachTraceAcrossBatches() throws Exception {
        String trace = "c0ffee00c0ffee00c0ffee00c0ffee00";
        String child = """
                {"organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s", "resource_attributes": {"service.name": "payments"},
                 "trace_id": "%s", "span_id": "0000000000000002", "parent_span_id": "0000000000000001", "name": "POST /charge",
                 "kind": "SERVER", "start_time": "%s", "end_time": "%s", "status_code": "ERROR"}
                """.formatted(ORGANIZATION, WORKSPACE, TENANT, trace, chTime(base.plusMillis(10)), chTime(base.plusMillis(20)));
        insertAll(Inserter.SQL_SYNC, Map.of("otel_traces", child), "child-first");
        // until its root arrives, the earliest span stands in for it
        assertThat(queryRows(SUMMARY.formatted(TENANT))).containsExactly(
                List.of(trace, "1", "1", "['payments']", "true", "0000000000000002", "payments", "POST /charge"));

        String root = """
                {"organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s", "resource_attributes": {"service.name": "frontend"},
                 "trace_id": "%s", "span_id": "0000000000000001", "parent_span_id": "", "name": "GET /checkout",
                 "kind": "SERVER", "start_time": "%s", "end_time": "%s", "status_code": "UNSET"}
                """.formatted(ORGANIZATION, WORKSPACE, TENANT, trace, chTime(base.plusMillis(15)), chTime(base.plusMillis(30)));
        insertAll(Inserter.SQL_SYNC, Map.of("otel_traces", root), "root-later");
        insertAll(Inserter.SQL_SYNC, Map.of("otel_traces", traceBatch(TENANT)), "more-traces");
        execute("OPTIMIZE TABLE otel_traces_trace_id_ts FINAL");   // the merged row says the same as the aggregate over parts
        // the root span wins although a child started earlier; every service of the trace is listed once
        assertThat(queryRows(SUMMARY.formatted(TENANT))).containsExactly(
                List.of(TRACE_B, "1", "0", "['checkout']", "false", "00f067aa0ba902b7", "checkout", "GET /health"),
                List.of(TRACE_A, "3", "2", "['checkout','payments']", "false", "eee19b7ec3c1b174", "checkout", "GET /cart"),
                List.of(trace, "2", "1", "['frontend','payments']", "false", "0000000000000001", "frontend", "GET /checkout"));
        assertThat(queryRows(SUMMARY.formatted(OTHER_TENANT))).isEmpty();
    }

    @Test
    void theTimeFirstLayoutMigrationKeepsEveryRecordAndCountsItOnce() throws Exception {
        // a database at V7, with data, as an installation of the earlier layout has it
        dropDatabase();
        int v8 = migrations.indexOf(migrations.stream().filter(migration -> migration.version() == 8).findFirst().orElseThrow());
        PostgresAdvisoryLock lock = new PostgresAdvisoryLock(() -> DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD),
                ThreadLocalRandom.current().nextLong(), Duration.ofMinutes(1));
        new ClickHouseMigrator(clickHouse, lock, migrations.subList(0, v8), "telemetry-schema-it").migrate();
        assertThat(table("otel_logs")).containsEntry("sorting_key", "tenant_id, service_name, toDateTime(timestamp)");
        Map<String, String> batches = signalBatches(TENANT);
        insertAll(Inserter.SQL_SYNC, batches, "before-v8");
        List<List<String>> spans = queryRows("SELECT trace_id, span_id, toString(start_time), toString(events) FROM otel_traces ORDER BY span_id");
        List<List<String>> logs = queryRows("SELECT body, toString(timestamp), severity_level FROM otel_logs ORDER BY timestamp");

        assertThat(new ClickHouseMigrator(clickHouse, lock, migrations, "telemetry-schema-it").migrate()).containsExactly(8, 9, 10, 11, 12);

        assertThat(table("otel_traces")).containsEntry("sorting_key",
                "tenant_id, toStartOfFifteenMinutes(start_time), service_name, name, toDateTime(start_time)");
        assertThat(table("otel_logs")).containsEntry("sorting_key",
                "tenant_id, toStartOfFifteenMinutes(timestamp), severity_level, service_name, toDateTime(timestamp)");
        assertThat(queryRows("SELECT trace_id, span_id, toString(start_time), toString(events) FROM otel_traces ORDER BY span_id"))
                .isEqualTo(spans);
        assertThat(queryRows("SELECT body, toString(timestamp), severity_level FROM otel_logs ORDER BY timestamp")).isEqualTo(logs);
        assertThat(queryStrings("SELECT name FROM system.tables WHERE database = '" + database + "' AND name LIKE '%\\_v8'")).isEmpty();
        // the catalogues count every record once, the lookup holds the summaries of the traces stored before
        assertStoredBatches(batches, 1);
        assertThat(queryRows(SUMMARY.formatted(TENANT))).containsExactly(
                List.of(TRACE_B, "1", "0", "['checkout']", "false", "00f067aa0ba902b7", "checkout", "GET /health"),
                List.of(TRACE_A, "3", "2", "['checkout','payments']", "false", "eee19b7ec3c1b174", "checkout", "GET /cart"));
        // the views feed the new tables
        insertAll(Inserter.SQL_SYNC, batches, "after-v8");
        assertStoredBatches(batches, 2);
    }

    // ---------------------------------------------------------------------------------------------
    // typed values

    @Test
    void typedAttributeValuesAndStructuredBodiesRoundTrip() throws Exception {
        insertAll(Inserter.SQL_SYNC, Map.of("otel_logs", """
                {"organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s",
                 "resource_attributes": {"service.name": "checkout", "host.cpu.count": "8"},
                 "resource_attribute_types": {"host.cpu.count": "int"},
                 "timestamp": "%s", "observed_timestamp": "%s", "severity_number": 17, "severity_text": "Error",
                 "body": "{\\"event\\":\\"checkout.failed\\",\\"order_id\\":1234,\\"amount\\":99.9,\\"lines\\":[{\\"sku\\":\\"A-1\\",\\"qty\\":2}]}",
                 "body_type": "kvlist",
                 "attributes": {
                   "http.route": "/cart",
                   "http.response.status_code": "503",
                   "retry.ratio": "0.25",
                   "retry.backoff": "4.0",
                   "cache.hit": "false",
                   "payload.digest": "3q2+7w==",
                   "order.items": "[\\"sku-1\\",\\"sku-2\\",3,4.0,true]",
                   "customer": "{\\"id\\":42,\\"tier\\":\\"gold\\",\\"score\\":9.5,\\"vip\\":false,\\"tags\\":[\\"beta\\"]}",
                   "note": ""},
                 "attribute_types": {
                   "http.response.status_code": "int", "retry.ratio": "double", "retry.backoff": "double", "cache.hit": "bool",
                   "payload.digest": "bytes", "order.items": "array", "customer": "kvlist", "note": "empty"}}
                """.formatted(ORGANIZATION, WORKSPACE, TENANT, chTime(base), chTime(base))), "typed");

        // scalars: the type says how to read the string form back
        assertThat(queryRows("""
                SELECT attribute_types['http.route'], attributes['http.route'],
                       attribute_types['http.response.status_code'], toString(toInt64(attributes['http.response.status_code']) + 1),
                       attribute_types['retry.ratio'], toString(toFloat64(attributes['retry.ratio']) * 4),
                       attribute_types['retry.backoff'], toString(toFloat64(attributes['retry.backoff'])),
                       attribute_types['cache.hit'], attributes['cache.hit'],
                       attribute_types['payload.digest'], hex(base64Decode(attributes['payload.digest'])),
                       attribute_types['note'], toString(mapContains(attribute_types, 'http.route')),
                       resource_attribute_types['host.cpu.count'], toString(toInt64(resource_attributes['host.cpu.count']))
                FROM otel_logs""")).containsExactly(List.of(
                "", "/cart",
                "int", "504",
                "double", "1",
                "double", "4",
                "bool", "false",
                "bytes", "DEADBEEF",
                "empty", "0",
                "int", "8"));

        // arrays and kvlists: compact JSON whose numbers keep int (no point) apart from double (point or exponent)
        assertThat(queryRows("""
                SELECT attribute_types['order.items'],
                       toString(arrayMap(i -> toString(JSONType(attributes['order.items'], i)), range(1, 6))),
                       toString(JSONExtract(attributes['order.items'], 'Array(String)')[1]),
                       attribute_types['customer'],
                       toString(JSONExtractInt(attributes['customer'], 'id')),
                       toString(JSONType(attributes['customer'], 'id')),
                       toString(JSONType(attributes['customer'], 'score')),
                       toString(JSONExtractBool(attributes['customer'], 'vip')),
                       toString(JSONExtract(attributes['customer'], 'tags', 'Array(String)'))
                FROM otel_logs""")).containsExactly(List.of(
                "array", "['String','String','Int64','Double','Bool']", "sku-1",
                "kvlist", "42", "Int64", "Double", "0", "['beta']"));

        // a structured body: same encoding, typed by body_type
        assertThat(queryRows("""
                SELECT body_type, JSONExtractString(body, 'event'), toString(JSONExtractInt(body, 'order_id')),
                       toString(JSONType(body, 'amount')), JSONExtractString(body, 'lines', 1, 'sku')
                FROM otel_logs""")).containsExactly(List.of("kvlist", "checkout.failed", "1234", "Double", "A-1"));

        // typed filters the read side can write
        assertThat(queryLong("""
                SELECT count() FROM otel_logs
                WHERE attribute_types['http.response.status_code'] = 'int'
                  AND toInt64OrNull(attributes['http.response.status_code']) >= 500
                  AND has(JSONExtract(attributes['order.items'], 'Array(String)'), 'sku-2')""")).isEqualTo(1);
    }

    @Test
    void severityLevelIsNormalisedFromTheNumberOrElseTheText() throws Exception {
        StringBuilder rows = new StringBuilder();
        Object[][] cases = {{17, "Error"}, {10, ""}, {0, "warning"}, {0, " critical "}, {0, "verbose"}, {3, "whatever"}};
        for (Object[] c : cases) {
            rows.append("""
                    {"organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s", "resource_attributes": {"service.name": "checkout"},
                     "timestamp": "%s", "observed_timestamp": "%s", "severity_number": %d, "severity_text": "%s", "body": "b", "body_type": "string"}
                    """.formatted(ORGANIZATION, WORKSPACE, TENANT, chTime(base), chTime(base), c[0], c[1]));
        }
        insertAll(Inserter.SQL_SYNC, Map.of("otel_logs", rows.toString()), "severity");

        assertThat(queryRows("SELECT toString(severity_number), severity_text, severity_level FROM otel_logs ORDER BY severity_number, severity_text"))
                .containsExactlyInAnyOrder(
                        List.of("0", " critical ", "FATAL"),
                        List.of("0", "verbose", ""),
                        List.of("0", "warning", "WARN"),
                        List.of("3", "whatever", "TRACE"),
                        List.of("10", "", "INFO"),
                        List.of("17", "Error", "ERROR"));
    }

    // ---------------------------------------------------------------------------------------------
    // fixtures: one OTLP export of each signal, as the ingestion pipeline would flatten it

    /** Per table, the JSONEachRow rows of one queued batch; rows span two daily partitions. */
    private Map<String, String> signalBatches(String tenant) {
        Map<String, String> batches = new LinkedHashMap<>();
        batches.put("otel_traces", traceBatch(tenant));
        batches.put("otel_logs", logBatch(tenant));
        for (String kind : METRIC_KINDS) {
            batches.put("otel_metrics_" + kind, metricBatch(tenant, kind));
        }
        return batches;
    }

    private String traceBatch(String tenant) {
        String resource = """
                "organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s",
                 "resource_attributes": {"service.name": "%s", "service.version": "1.4.2", "host.cpu.count": "8"},
                 "resource_attribute_types": {"host.cpu.count": "int"},
                 "scope_name": "io.opentelemetry.tomcat-10.0", "scope_version": "2.10.0\"""";
        String checkout = resource.formatted(ORGANIZATION, WORKSPACE, tenant, "checkout");
        String payments = resource.formatted(ORGANIZATION, WORKSPACE, tenant, "payments");
        return """
                {%s, "trace_id": "%s", "span_id": "eee19b7ec3c1b174", "parent_span_id": "", "trace_state": "vendor=a1", "flags": 769,
                 "name": "GET /cart", "kind": "SERVER", "start_time": "%s", "end_time": "%s",
                 "attributes": {"http.request.method": "GET", "http.response.status_code": "500"},
                 "attribute_types": {"http.response.status_code": "int"},
                 "status_code": "ERROR", "status_message": "payment declined",
                 "events": [{"time": "%s", "name": "exception",
                             "attributes": {"exception.type": "PaymentDeclined", "exception.escaped": "true"},
                             "attribute_types": {"exception.escaped": "bool"}, "dropped_attributes_count": 0}],
                 "links": [{"trace_id": "%s", "span_id": "b7ad6b7169203331", "trace_state": "", "flags": 1,
                            "attributes": {"link.reason": "retry-of"}, "attribute_types": {}, "dropped_attributes_count": 0}]}
                {%s, "trace_id": "%s", "span_id": "1f2e3d4c5b6a7980", "parent_span_id": "eee19b7ec3c1b174", "flags": 1,
                 "name": "cart.load", "kind": "INTERNAL", "start_time": "%s", "end_time": "%s", "status_code": "UNSET"}
                {%s, "trace_id": "%s", "span_id": "a0b1c2d3e4f50617", "parent_span_id": "eee19b7ec3c1b174", "flags": 1,
                 "name": "POST /charge", "kind": "SERVER", "start_time": "%s", "end_time": "%s", "status_code": "ERROR",
                 "dropped_attributes_count": 3, "dropped_events_count": 1, "dropped_links_count": 0}
                {%s, "trace_id": "%s", "span_id": "00f067aa0ba902b7", "parent_span_id": "", "flags": 1,
                 "name": "GET /health", "kind": "SERVER", "start_time": "%s", "end_time": "%s", "status_code": "OK"}
                """.formatted(
                checkout, TRACE_A, chTime(base), chTime(base.plusMillis(250)), chTime(base.plusMillis(240)), TRACE_B,
                checkout, TRACE_A, chTime(base.plusMillis(5)), chTime(base.plusMillis(35)),
                payments, TRACE_A, chTime(base.plusMillis(20)), chTime(base.plusMillis(220)),
                checkout, TRACE_B, chTime(dayBefore), chTime(dayBefore.plusMillis(2)));
    }

    private String logBatch(String tenant) {
        return """
                {"organization_id": "%1$s", "workspace_id": "%2$s", "tenant_id": "%3$s",
                 "resource_attributes": {"service.name": "checkout"}, "scope_name": "org.slf4j",
                 "timestamp": "%4$s", "observed_timestamp": "%5$s", "severity_number": 17, "severity_text": "ERROR",
                 "event_name": "checkout.failed", "body": "payment declined for order 1234", "body_type": "string",
                 "attributes": {"order.id": "1234"}, "attribute_types": {"order.id": "int"},
                 "flags": 1, "trace_id": "%6$s", "span_id": "eee19b7ec3c1b174"}
                {"organization_id": "%1$s", "workspace_id": "%2$s", "tenant_id": "%3$s",
                 "resource_attributes": {"service.name": "checkout"}, "scope_name": "org.slf4j",
                 "timestamp": "%7$s", "observed_timestamp": "%7$s", "severity_number": 9, "severity_text": "INFO",
                 "body": "cache warmed", "body_type": "string"}
                """.formatted(ORGANIZATION, WORKSPACE, tenant, chTime(base.plusMillis(120)), chTime(base.plusMillis(121)), TRACE_A,
                chTime(dayBefore));
    }

    private String metricBatch(String tenant, String kind) {
        String common = """
                "organization_id": "%s", "workspace_id": "%s", "tenant_id": "%s",
                 "resource_attributes": {"service.name": "checkout", "service.instance.id": "pod-7"},
                 "scope_name": "io.opentelemetry.runtime-telemetry", "scope_version": "2.10.0",
                 "attributes": {"http.route": "/cart"}""".formatted(ORGANIZATION, WORKSPACE, tenant);
        String exemplar = """
                "exemplars": [{"time": "%s", "value": 0.42, "trace_id": "%s", "span_id": "eee19b7ec3c1b174",
                               "filtered_attributes": {"user.id": "17"}, "filtered_attribute_types": {"user.id": "int"}}]"""
                .formatted(chTime(base.minusMillis(500)), TRACE_A);
        String values = switch (kind) {
            case "gauge" -> """
                    "metric_name": "http.server.active_requests", "metric_description": "Number of active HTTP server requests.",
                     "metric_unit": "{request}", "value": 3, "int_value": 3, %s""".formatted(exemplar);
            case "sum" -> """
                    "metric_name": "http.server.request.count", "metric_description": "Requests served.", "metric_unit": "{request}",
                     "value": 9007199254740993, "int_value": 9007199254740993, "aggregation_temporality": 2, "is_monotonic": true, %s"""
                    .formatted(exemplar);
            case "histogram" -> """
                    "metric_name": "http.server.request.duration", "metric_description": "Duration of HTTP server requests.",
                     "metric_unit": "s", "count": 6, "sum": 1.27, "min": 0.004, "max": 0.61,
                     "bucket_counts": [1, 2, 2, 1], "explicit_bounds": [0.005, 0.1, 0.5], "aggregation_temporality": 2, %s"""
                    .formatted(exemplar);
            case "exponential_histogram" -> """
                    "metric_name": "rpc.server.duration", "metric_description": "Duration of inbound RPC.", "metric_unit": "ms",
                     "count": 7, "sum": 31.5, "min": null, "max": null, "scale": 3, "zero_count": 1, "zero_threshold": 0.0001,
                     "positive_offset": 5, "positive_bucket_counts": [1, 3, 2], "negative_offset": 0, "negative_bucket_counts": [],
                     "aggregation_temporality": 1, %s""".formatted(exemplar);
            case "summary" -> """
                    "metric_name": "jvm.gc.pause", "metric_description": "GC pause times.", "metric_unit": "ms",
                     "count": 12, "sum": 84.0, "quantile_values": [{"quantile": 0.5, "value": 5.5}, {"quantile": 0.99, "value": 21.0}]""";
            default -> throw new IllegalArgumentException(kind);
        };
        return """
                {%s, %s, "start_timestamp": "%s", "timestamp": "%s"}
                {%s, %s, "start_timestamp": "%s", "timestamp": "%s"}
                """.formatted(common, values, chTime(dayBefore.minusSeconds(60)), chTime(base),
                common, values, chTime(dayBefore.minusSeconds(120)), chTime(dayBefore));
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private void insert(Inserter inserter, String table, String jsonRows, String token) throws Exception {
        if (inserter == Inserter.CLIENT_V2) {
            try (Connection connection = clickHouse.open()) {
                Client client = connection.unwrap(ConnectionImpl.class).getClient();
                InsertSettings settings = new InsertSettings()
                        .setDeduplicationToken(token)
                        .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
                        .serverSetting("async_insert", "0");
                try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(jsonRows.getBytes(StandardCharsets.UTF_8)),
                        ClickHouseFormat.JSONEachRow, settings).get(1, TimeUnit.MINUTES)) {
                    // response only closes the exchange
                }
            }
            return;
        }
        execute("INSERT INTO " + table + " SETTINGS insert_deduplication_token = " + quote(token)
                + ", deduplicate_blocks_in_dependent_materialized_views = 1, " + inserter.mode + " FORMAT JSONEachRow\n" + jsonRows);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = clickHouse.open(); Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false); // JSON braces are data, not JDBC escapes
            statement.execute(sql);
        }
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (List<String> row : queryRows("SELECT name, type FROM system.columns WHERE database = '" + database
                + "' AND table = '" + table + "' ORDER BY position")) {
            columns.put(row.get(0), row.get(1));
        }
        return columns;
    }

    private Map<String, String> defaultKinds(String table) throws SQLException {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (List<String> row : queryRows("SELECT name, default_kind FROM system.columns WHERE database = '" + database
                + "' AND table = '" + table + "' AND default_kind != '' ORDER BY position")) {
            kinds.put(row.get(0), row.get(1));
        }
        return kinds;
    }

    private Map<String, String> table(String table) throws SQLException {
        List<List<String>> rows = queryRows("SELECT engine, partition_key, sorting_key, primary_key FROM system.tables WHERE database = '"
                + database + "' AND name = '" + table + "'");
        assertThat(rows).as("table %s", table).hasSize(1);
        Map<String, String> shape = new LinkedHashMap<>();
        shape.put("engine", rows.get(0).get(0));
        shape.put("partition_key", rows.get(0).get(1));
        shape.put("sorting_key", rows.get(0).get(2));
        shape.put("primary_key", rows.get(0).get(3));
        return shape;
    }

    private String createQuery(String table) throws SQLException {
        return queryStrings("SELECT create_table_query FROM system.tables WHERE database = '" + database + "' AND name = '" + table + "'").get(0);
    }

    /** The table a materialized view writes to. */
    private String materializedView(String view) throws SQLException {
        List<List<String>> rows = queryRows("SELECT engine, create_table_query FROM system.tables WHERE database = '" + database
                + "' AND name = '" + view + "'");
        assertThat(rows).as("view %s", view).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo("MaterializedView");
        Matcher target = Pattern.compile(" TO (\\S+)").matcher(rows.get(0).get(1));
        assertThat(target.find()).as(rows.get(0).get(1)).isTrue();
        return target.group(1);
    }

    private Map<String, String> skipIndexes(String table) throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        for (List<String> row : queryRows("SELECT name, type_full, expr FROM system.data_skipping_indices WHERE database = '"
                + database + "' AND table = '" + table + "'")) {
            indexes.put(row.get(0), row.get(1) + " ON " + row.get(2));
        }
        return indexes;
    }

    /** "Parts: 1/3" or "Granules: 1/6" in the block of an EXPLAIN indexes = 1 that starts with {@code marker}. */
    private static int[] selected(String explain, String marker, String what) {
        int at = explain.indexOf(marker);
        assertThat(at).as("%s in\n%s", marker, explain).isNotNegative();
        Matcher numbers = Pattern.compile(what + ": (\\d+)/(\\d+)").matcher(explain);
        assertThat(numbers.find(at)).as("%s after %s in\n%s", what, marker, explain).isTrue();
        return new int[] {Integer.parseInt(numbers.group(1)), Integer.parseInt(numbers.group(2))};
    }

    private long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryStrings(sql).get(0));
    }

    private List<String> queryStrings(String sql) throws SQLException {
        return queryRows(sql).stream().map(row -> row.get(0)).toList();
    }

    private List<List<String>> queryRows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = clickHouse.open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void writeReport(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String chTime(Instant instant) {
        return CH_TIME.format(instant);
    }

    private static String nanos(Instant instant) {
        return String.valueOf(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }
}
