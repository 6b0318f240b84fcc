package io.telemetryflow.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.ingest.otlp.OtlpCodec;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.otlp.OtlpValidation;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.UnstorableBatchException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClickHouseTelemetryWriter} against a real ClickHouse with the real migrations (one database for the class,
 * dropped afterwards). Each test writes under its own tenant and reads back only that tenant's rows.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class ClickHouseTelemetryWriterIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_store_it");
    private static final String TRACE_A = "5b8efff798038103d269b633813fc60c";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_1 = "eee19b7ec3c1b174";
    private static final String SPAN_2 = "1f2e3d4c5b6a7980";
    private static final String SPAN_3 = "a0b1c2d3e4f50617";
    private static final String SPAN_4 = "00f067aa0ba902b7";
    /** startTimeUnixNano of the span in trace.json. */
    private static final long EXAMPLES_SPAN_START = 1_544_712_660_000_000_000L;
    private static final List<String> SIGNAL_TABLES = List.of("otel_traces", "otel_logs", "otel_metrics_gauge", "otel_metrics_sum",
            "otel_metrics_histogram", "otel_metrics_exponential_histogram", "otel_metrics_summary");

    private static ClickHouseConnector clickHouse;
    private static ClickHouseTelemetryWriter writer;

    /** Whole seconds an hour ago plus odd nanoseconds, so any rounding to micro- or milliseconds shows. */
    private final long base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS).getEpochSecond() * 1_000_000_000L
            + 123_456_789L;
    private TenantPlacement tenant;
    private static final ExecutorService inserts = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void migrate() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "telemetry-writer-it");
        writer = new ClickHouseTelemetryWriter(clickHouse, inserts); // parallel per-table inserts, as deployed
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (writer != null) {
            writer.close();
        }
        inserts.shutdownNow();
        TestDatabases.drop(clickHouse);
    }

    @BeforeEach
    void newTenant() {
        tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    // ---------------------------------------------------------------------------------------------
    // traces

    @Test
    void spansAreStoredWithExactIdsTimesAttributesEventsAndLinks() throws Exception {
        var result = writer.write("traces-1", tenant, traces(traceRequest()));
        assertThat(result.rowsByTable()).containsExactly(Map.entry("otel_traces", 4));

        List<List<String>> spans = rows("""
                SELECT span_id, trace_id, parent_span_id, trace_state, toString(flags), name, kind,
                       toString(toUnixTimestamp64Nano(start_time)), toString(toUnixTimestamp64Nano(end_time)), toString(duration_ns),
                       status_code, status_message, toString(dropped_attributes_count), toString(dropped_events_count),
                       toString(dropped_links_count), service_name, scope_name, scope_version, resource_schema_url, scope_schema_url,
                       toString(resource_dropped_attributes_count), toString(scope_dropped_attributes_count),
                       toString(organization_id), toString(workspace_id)
                FROM otel_traces WHERE tenant_id = '%s' ORDER BY span_id""");
        String org = tenant.organizationId().toString();
        String ws = tenant.workspaceId().toString();
        assertThat(spans).containsExactly(
                List.of(SPAN_4, TRACE_B, "", "", "1", "GET /health", "CLIENT", nanos(base - 86_400_000_000_000L),
                        nanos(base - 86_400_000_000_000L + 1), "1", "OK", "", "0", "0", "0", "payments", "io.opentelemetry.jdbc", "",
                        "", "", "0", "0", org, ws),
                List.of(SPAN_2, TRACE_A, SPAN_1, "", "257", "cart.load", "INTERNAL", nanos(base + 5_000_001), nanos(base + 35_000_002),
                        "30000001", "UNSET", "", "0", "0", "0", "checkout", "io.opentelemetry.tomcat-10.0", "2.10.0",
                        "https://opentelemetry.io/schemas/1.26.0", "https://opentelemetry.io/schemas/1.24.0", "2", "1", org, ws),
                List.of(SPAN_3, TRACE_A, SPAN_1, "", "0", "POST /charge", "7", nanos(base + 20_000_000), nanos(base + 10_000_000),
                        "0", "5", "odd", "3", "1", "4", "checkout", "io.opentelemetry.okhttp", "",
                        "https://opentelemetry.io/schemas/1.26.0", "", "2", "0", org, ws),
                List.of(SPAN_1, TRACE_A, "", "vendor=a1", "769", "GET /cart", "SERVER", nanos(base), nanos(base + 250_000_007),
                        "250000007", "ERROR", "payment declined", "0", "0", "0", "checkout", "io.opentelemetry.tomcat-10.0", "2.10.0",
                        "https://opentelemetry.io/schemas/1.26.0", "https://opentelemetry.io/schemas/1.24.0", "2", "1", org, ws));

        // attributes of every AnyValue kind: string forms, types, and the typed read-back the schema doc promises
        String span1 = "FROM otel_traces WHERE tenant_id = '%s' AND span_id = '" + SPAN_1 + "'";
        assertThat(rows("SELECT toString(attributes), toString(attribute_types) " + span1)).containsExactly(List.of(
                "{'cache.hit':'true','customer':'{\"id\":42,\"tier\":\"gold\",\"score\":9.5,\"vip\":false,\"tags\":[\"beta\"],\"none\":null}',"
                        + "'http.request.method':'GET','http.response.status_code':'503','note':'','order.items':'[\"sku-1\",3,4.0,true,"
                        + "\"3q2+7w==\",\"NaN\",[1,2]]','payload.digest':'3q2+7w==','retry.big':'9223372036854775807',"
                        + "'retry.nan':'NaN','retry.ratio':'0.25','retry.tiny':'1.0E-9','retry.whole':'4.0'}",
                "{'cache.hit':'bool','customer':'kvlist','http.response.status_code':'int','note':'empty','order.items':'array',"
                        + "'payload.digest':'bytes','retry.big':'int','retry.nan':'double','retry.ratio':'double','retry.tiny':'double',"
                        + "'retry.whole':'double'}"));
        assertThat(rows("""
                SELECT toString(toInt64(attributes['http.response.status_code']) + 1), toString(toInt64(attributes['retry.big'])),
                       toString(toFloat64(attributes['retry.ratio']) * 4), toString(toFloat64(attributes['retry.tiny']) * 1e9),
                       toString(isNaN(toFloat64(attributes['retry.nan']))), hex(base64Decode(attributes['payload.digest'])),
                       toString(arrayMap(i -> toString(JSONType(attributes['order.items'], i)), range(1, 8))),
                       toString(JSONExtractInt(attributes['customer'], 'id')), toString(JSONType(attributes['customer'], 'score')),
                       JSONExtractString(attributes['customer'], 'tier')
                """ + span1)).containsExactly(List.of("504", "9223372036854775807", "1", "1", "1", "DEADBEEF",
                "['String','Int64','Double','Bool','String','String','Array']", "42", "Double", "gold"));
        assertThat(rows("SELECT toString(resource_attributes), toString(resource_attribute_types), toString(scope_attributes), "
                + "toString(scope_attribute_types) " + span1)).containsExactly(List.of(
                "{'host.cpu.count':'8','service.name':'checkout','service.version':'1.4.2'}", "{'host.cpu.count':'int'}",
                "{'scope.enabled':'true'}", "{'scope.enabled':'bool'}"));

        // events and links
        assertThat(rows("""
                SELECT toString(length(events)), toString(arrayMap(e -> toUnixTimestamp64Nano(e.time), events)), toString(events.name),
                       events[1].attributes['exception.type'], events[1].attributes['exception.escaped'],
                       events[1].attribute_types['exception.escaped'], toString(events[1].dropped_attributes_count),
                       toString(mapKeys(events[2].attributes)), toString(events[2].dropped_attributes_count),
                       toString(length(links)), links[1].trace_id, links[1].span_id, links[1].trace_state, toString(links[1].flags),
                       links[1].attributes['link.reason'], toString(links[1].attribute_types), toString(links[1].dropped_attributes_count),
                       links[2].trace_id, links[2].attributes['attempt'], links[2].attribute_types['attempt']
                """ + span1)).containsExactly(List.of(
                "2", "[" + (base + 240_000_003L) + "," + (base + 241_000_000L) + "]", "['exception','retry']",
                "PaymentDeclined", "true", "bool", "1", "[]", "0",
                "2", TRACE_B, "b7ad6b7169203331", "vendor=b2", "1", "retry-of", "{}", "2",
                TRACE_A, "2", "int"));

        // the trace-id lookup the read side starts from
        assertThat(rows("""
                SELECT trace_id, toString(toUnixTimestamp64Nano(min(start_time))), toString(toUnixTimestamp64Nano(max(end_time))),
                       toString(sum(span_count))
                FROM otel_traces_trace_id_ts WHERE tenant_id = '%s' GROUP BY trace_id ORDER BY trace_id""")).containsExactly(
                List.of(TRACE_B, nanos(base - 86_400_000_000_000L), nanos(base - 86_400_000_000_000L + 1), "1"),
                List.of(TRACE_A, nanos(base), nanos(base + 250_000_007), "3"));
        assertThat(rows("SELECT service_name, signal, toString(sum(record_count)) FROM service_catalogue WHERE tenant_id = '%s' "
                + "GROUP BY service_name, signal ORDER BY service_name")).containsExactly(
                List.of("checkout", "traces", "3"), List.of("payments", "traces", "1"));
    }

    // ---------------------------------------------------------------------------------------------
    // logs

    @Test
    void logRecordsAreStoredWithEveryBodyKindSeverityIdsAndTimestamps() throws Exception {
        Instant received = Instant.ofEpochSecond(base / 1_000_000_000L + 60, 987_654_321);
        var result = writer.write("logs-1", tenant, logs(logRequest()), received);
        assertThat(result.rowsByTable()).containsExactly(Map.entry("otel_logs", 9));

        assertThat(rows("""
                SELECT event_name, body_type, body, toString(toUnixTimestamp64Nano(timestamp)), toString(toUnixTimestamp64Nano(observed_timestamp)),
                       toString(severity_number), severity_text, severity_level, trace_id, span_id, toString(flags),
                       toString(dropped_attributes_count), toString(attributes), toString(attribute_types), service_name, scope_name
                FROM otel_logs WHERE tenant_id = '%s' ORDER BY event_name""")).containsExactly(
                List.of("array", "array", "[\"a\",1,2.5,false,{\"k\":\"v\"}]", nanos(base + 3), nanos(base + 3), "5", "DEBUG", "DEBUG",
                        "", "", "0", "0", "{}", "{}", "checkout", "org.slf4j"),
                List.of("bool", "bool", "true", nanos(base + 6), nanos(base + 6), "0", "", "", "", "", "0", "0", "{}", "{}", "checkout",
                        "org.slf4j"),
                List.of("bytes", "bytes", "AAEC/w==", nanos(base + 4), nanos(base + 4), "21", "FATAL", "FATAL", "", "", "0", "0", "{}", "{}",
                        "checkout", "org.slf4j"),
                List.of("double", "double", "-1.5E300", nanos(base + 5), nanos(base + 5), "0", "warning", "WARN", "", "", "0", "0", "{}",
                        "{}", "checkout", "org.slf4j"),
                List.of("empty", "empty", "", nanos(base + 7), nanos(base + 7), "0", "", "", "", "", "0", "0", "{}", "{}", "checkout",
                        "org.slf4j"),
                List.of("int", "int", "-42", nanos(base + 1), nanos(base + 2), "13", "WARN", "WARN", TRACE_A, SPAN_1, "1", "0", "{}", "{}",
                        "checkout", "org.slf4j"),
                List.of("kvlist", "kvlist", "{\"event\":\"checkout.failed\",\"order_id\":1234,\"amount\":99.9,\"lines\":[{\"sku\":\"A-1\",\"qty\":2}]}",
                        nanos(base + 10), nanos(base + 10), "17", "Error", "ERROR", TRACE_A, SPAN_2, "1", "2",
                        "{'http.route':'/cart','order.id':'1234'}", "{'order.id':'int'}", "checkout", "org.slf4j"),
                // time_unix_nano 0: the timestamp is the observed time; both 0: both are the receive time
                List.of("no-time", "string", "observed only", nanos(base + 9), nanos(base + 9), "9", "INFO", "INFO", "", "", "0", "0", "{}",
                        "{}", "payments", ""),
                List.of("no-times", "string", "neither", nanos(received), nanos(received), "9", "INFO", "INFO", "", "", "0", "0", "{}", "{}",
                        "payments", ""));

        assertThat(rows("""
                SELECT JSONExtractString(body, 'event'), toString(JSONExtractInt(body, 'order_id')), toString(JSONType(body, 'amount')),
                       JSONExtractString(body, 'lines', 1, 'sku')
                FROM otel_logs WHERE tenant_id = '%s' AND body_type = 'kvlist'""")).containsExactly(List.of("checkout.failed", "1234", "Double", "A-1"));
    }

    // ---------------------------------------------------------------------------------------------
    // metrics

    @Test
    void metricPointsOfEveryKindAreStoredExactlyAndCatalogued() throws Exception {
        var result = writer.write("metrics-1", tenant, metrics(metricRequest()));
        assertThat(result.rowsByTable()).containsExactly(
                Map.entry("otel_metrics_gauge", 2), Map.entry("otel_metrics_sum", 2), Map.entry("otel_metrics_histogram", 2),
                Map.entry("otel_metrics_exponential_histogram", 1), Map.entry("otel_metrics_summary", 1));

        String common = "metric_name, metric_description, metric_unit, toString(metric_metadata), toString(metric_metadata_types), "
                + "toString(attributes), toString(attribute_types), toString(toUnixTimestamp64Nano(start_timestamp)), "
                + "toString(toUnixTimestamp64Nano(timestamp)), toString(flags), service_name, scope_name";
        assertThat(rows("SELECT " + common + ", toString(value), toString(int_value), toString(exemplars) "
                + "FROM otel_metrics_gauge WHERE tenant_id = '%s' ORDER BY timestamp")).containsExactly(
                List.of("jvm.threads", "Live threads.", "{thread}", "{'source':'jmx'}", "{}", "{'state':'runnable'}", "{}",
                        nanos(base - 60_000_000_000L), nanos(base), "0", "checkout", "io.opentelemetry.runtime", "9007199254740992",
                        "9007199254740993", "[('" + chTime(base - 500) + "',0.42,'" + TRACE_A + "','" + SPAN_1 + "',{'user.id':'17'},{'user.id':'int'})]"),
                List.of("jvm.threads", "Live threads.", "{thread}", "{'source':'jmx'}", "{}", "{'daemon':'true','state':'waiting'}",
                        "{'daemon':'bool'}", "0", nanos(base + 1), "1", "checkout", "io.opentelemetry.runtime", "0.5", "\\N",
                        "[('" + chTime(base - 400) + "',7,'','',{},{})]"));

        assertThat(rows("SELECT metric_name, toString(value), toString(int_value), toString(aggregation_temporality), toString(is_monotonic), "
                + "toString(length(exemplars)) FROM otel_metrics_sum WHERE tenant_id = '%s' ORDER BY metric_name")).containsExactly(
                List.of("http.server.request.count", "-3", "-3", "1", "true", "0"),
                List.of("queue.depth", "12.75", "\\N", "2", "false", "0"));

        assertThat(rows("""
                SELECT toString(toUnixTimestamp64Nano(timestamp)), toString(count), toString(sum), toString(min), toString(max),
                       toString(bucket_counts), toString(explicit_bounds), toString(aggregation_temporality), toString(length(exemplars)),
                       exemplars[1].trace_id, exemplars[1].span_id
                FROM otel_metrics_histogram WHERE tenant_id = '%s' ORDER BY timestamp""")).containsExactly(
                List.of(nanos(base), "6", "1.27", "0.004", "0.61", "[1,2,2,1]", "[0.005,0.1,0.5]", "2", "1", TRACE_A, SPAN_2),
                List.of(nanos(base + 1), "0", "\\N", "\\N", "\\N", "[]", "[]", "2", "0", "", ""));

        assertThat(rows("""
                SELECT toString(count), toString(sum), toString(min), toString(max), toString(scale), toString(zero_count),
                       toString(zero_threshold), toString(positive_offset), toString(positive_bucket_counts), toString(negative_offset),
                       toString(negative_bucket_counts), toString(aggregation_temporality), toString(exemplars[1].value)
                FROM otel_metrics_exponential_histogram WHERE tenant_id = '%s'""")).containsExactly(
                List.of("18446744073709551615", "31.5", "\\N", "\\N", "-3", "1", "0.0001", "-5", "[1,3,2]", "2", "[4]", "1", "3"));

        assertThat(rows("""
                SELECT toString(count), toString(sum), toString(quantile_values), toString(quantile_values.quantile), toString(flags)
                FROM otel_metrics_summary WHERE tenant_id = '%s'""")).containsExactly(
                List.of("12", "84", "[(0.5,5.5),(0.99,21)]", "[0.5,0.99]", "1"));

        assertThat(rows("""
                SELECT metric_name, metric_type, metric_unit, any(metric_description), toString(any(aggregation_temporality)),
                       toString(any(is_monotonic)), toString(sum(data_point_count))
                FROM metric_catalogue WHERE tenant_id = '%s' AND service_name = 'checkout'
                GROUP BY metric_name, metric_type, metric_unit ORDER BY metric_name""")).containsExactly(
                List.of("gc.pause", "summary", "ms", "GC pauses.", "0", "false", "1"),
                List.of("http.server.request.count", "sum", "{request}", "Requests.", "1", "true", "1"),
                List.of("http.server.request.duration", "histogram", "s", "Request duration.", "2", "false", "2"),
                List.of("jvm.threads", "gauge", "{thread}", "Live threads.", "0", "false", "2"),
                List.of("queue.depth", "sum", "{item}", "", "2", "false", "1"),
                List.of("rpc.duration", "exponential_histogram", "ms", "", "1", "false", "1"));
    }

    // ---------------------------------------------------------------------------------------------
    // the published examples

    @Test
    void thePublishedOtlpExamplesAreStored() throws Exception {
        OtlpCodec codec = new OtlpCodec();
        Path dir = examplesDir();
        long shift = base - 86_400_000_000_000L - EXAMPLES_SPAN_START;
        Map<OtlpSignal, String> files = Map.of(OtlpSignal.TRACES, "trace.json", OtlpSignal.METRICS, "metrics.json", OtlpSignal.LOGS, "logs.json");
        for (OtlpSignal signal : OtlpSignal.values()) {
            OtlpRequest request = codec.decode(signal, "application/json", null, Files.readAllBytes(dir.resolve(files.get(signal))));
            OtlpValidation.Result validated = OtlpValidation.validate(request);
            assertThat(validated.rejected()).isZero();
            // the examples date from 2018: ClickHouse drops rows already past the tables' TTL on insert, so their
            // times move to a day ago, keeping their distances
            writer.write("examples-" + signal, tenant, validated.accepted().withMessage(shiftTimes(validated.accepted().message(), shift)));
        }
        assertThat(countsByTable()).containsExactly(
                Map.entry("otel_traces", 1L), Map.entry("otel_logs", 1L), Map.entry("otel_metrics_gauge", 1L),
                Map.entry("otel_metrics_sum", 1L), Map.entry("otel_metrics_histogram", 1L),
                Map.entry("otel_metrics_exponential_histogram", 0L), Map.entry("otel_metrics_summary", 0L));
        assertThat(rows("SELECT trace_id, span_id, parent_span_id, kind, toString(toUnixTimestamp64Nano(start_time)), service_name "
                + "FROM otel_traces WHERE tenant_id = '%s'")).containsExactly(
                List.of(TRACE_A, SPAN_1, "eee19b7ec3c1b173", "SERVER", nanos(EXAMPLES_SPAN_START + shift), "my.service"));
        assertThat(rows("SELECT toString(attribute_types), trace_id, span_id, body_type FROM otel_logs WHERE tenant_id = '%s'"))
                .containsExactly(List.of("{'array.attribute':'array','boolean.attribute':'bool','double.attribute':'double',"
                        + "'int.attribute':'int','map.attribute':'kvlist'}", TRACE_A, SPAN_1, "string"));
    }

    // ---------------------------------------------------------------------------------------------
    // redelivery

    @Test
    void aRedeliveredBatchIsStoredOnceEverywhereAndANewBatchIdStoresAgain() throws Exception {
        List<OtlpRequest> requests = List.of(traces(traceRequest()), logs(logRequest()), metrics(metricRequest()));
        Instant received = Instant.ofEpochSecond(base / 1_000_000_000L);
        for (String batchId : List.of("delivery-1", "delivery-1")) {
            for (OtlpRequest request : requests) {
                writer.write(batchId + "-" + request.signal(), tenant, request, received);
            }
        }
        Map<String, Long> once = countsByTable();
        assertThat(once).containsExactly(
                Map.entry("otel_traces", 4L), Map.entry("otel_logs", 9L), Map.entry("otel_metrics_gauge", 2L),
                Map.entry("otel_metrics_sum", 2L), Map.entry("otel_metrics_histogram", 2L),
                Map.entry("otel_metrics_exponential_histogram", 1L), Map.entry("otel_metrics_summary", 1L));
        assertThat(derivedCounts()).containsExactly(4L, 4L, 9L, 8L, 8L);

        for (OtlpRequest request : requests) {
            writer.write("delivery-2-" + request.signal(), tenant, request, received);
        }
        assertThat(countsByTable()).allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(once.get(table) * 2));
        assertThat(derivedCounts()).containsExactly(8L, 8L, 18L, 16L, 16L);
    }

    @Test
    void aBatchOfSeveralTenantsRequestsIsStoredOncePerTenantAndRedeliveredOnce() throws Exception {
        TenantPlacement other = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Instant received = Instant.ofEpochSecond(base / 1_000_000_000L);
        List<TenantRequest> batch = List.of(
                new TenantRequest(tenant, traces(traceRequest()), received),
                new TenantRequest(other, logs(logRequest()), received),
                new TenantRequest(other, traces(traceRequest()), received),
                new TenantRequest(tenant, metrics(metricRequest()), received));

        var first = writer.write("group-1", batch, Set.of());
        writer.write("group-1", batch, Set.of()); // redelivered: the same id names the same content

        assertThat(first.rowsByTable()).containsEntry("otel_traces", 8).containsEntry("otel_logs", 9).containsEntry("otel_metrics_gauge", 2);
        assertThat(nonZero(countsByTable())).containsExactly(Map.entry("otel_traces", 4L), Map.entry("otel_metrics_gauge", 2L),
                Map.entry("otel_metrics_sum", 2L), Map.entry("otel_metrics_histogram", 2L),
                Map.entry("otel_metrics_exponential_histogram", 1L), Map.entry("otel_metrics_summary", 1L));
        TenantPlacement mine = tenant;
        tenant = other;
        assertThat(nonZero(countsByTable())).containsExactly(Map.entry("otel_traces", 4L), Map.entry("otel_logs", 9L));
        tenant = mine;
    }

    @Test
    void skippedTablesAreNotWrittenAndAFailureNamesTheTablesItStored() throws Exception {
        Instant received = Instant.ofEpochSecond(base / 1_000_000_000L);
        var skipped = writer.write("skip-1", List.of(new TenantRequest(tenant, traces(traceRequest()), received),
                new TenantRequest(tenant, logs(logRequest()), received)), Set.of("otel_logs"));
        assertThat(skipped.rowsByTable()).containsExactly(Map.entry("otel_traces", 4));

        // logs over 101 daily partitions are refused; the metrics of the same batch are stored
        var scope = ScopeLogs.newBuilder();
        for (int day = 0; day <= 100; day++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(base - day * 86_400_000_000_000L).setBody(string("day " + day)));
        }
        OtlpRequest unstorable = logs(ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource("checkout")).addScopeLogs(scope)).build());
        assertThatThrownBy(() -> writer.write("mixed-1", List.of(new TenantRequest(tenant, metrics(metricRequest()), received),
                new TenantRequest(tenant, unstorable, received)), Set.of("otel_metrics_summary")))
                .isInstanceOf(UnstorableBatchException.class)
                .satisfies(e -> assertThat(((ClickHouseWriteException) e).storedTables()).containsExactlyInAnyOrder("otel_metrics_gauge",
                        "otel_metrics_sum", "otel_metrics_histogram", "otel_metrics_exponential_histogram", "otel_metrics_summary"));
        assertThat(nonZero(countsByTable())).containsExactly(Map.entry("otel_traces", 4L), Map.entry("otel_metrics_gauge", 2L),
                Map.entry("otel_metrics_sum", 2L), Map.entry("otel_metrics_histogram", 2L), Map.entry("otel_metrics_exponential_histogram", 1L));
    }

    /** span_count in the trace-id lookup; record_count per signal in service_catalogue; data points in metric_catalogue. */
    private List<Long> derivedCounts() throws SQLException {
        return List.of(
                longValue("SELECT sum(span_count) FROM otel_traces_trace_id_ts WHERE tenant_id = '%s'"),
                longValue("SELECT sum(record_count) FROM service_catalogue WHERE tenant_id = '%s' AND signal = 'traces'"),
                longValue("SELECT sum(record_count) FROM service_catalogue WHERE tenant_id = '%s' AND signal = 'logs'"),
                longValue("SELECT sum(record_count) FROM service_catalogue WHERE tenant_id = '%s' AND signal = 'metrics'"),
                longValue("SELECT sum(data_point_count) FROM metric_catalogue WHERE tenant_id = '%s'"));
    }

    // ---------------------------------------------------------------------------------------------
    // failures

    @Test
    void anUnreachableClickHouseIsTransient() {
        ClickHouseConnector closedPort = new ClickHouseConnector(new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:1", "default", "", DATABASE, ""));
        try (ClickHouseTelemetryWriter unreachable = new ClickHouseTelemetryWriter(closedPort)) {
            assertThatThrownBy(() -> unreachable.write("unreachable-1", tenant, traces(traceRequest())))
                    .isInstanceOf(ClickHouseUnavailableException.class)
                    .satisfies(e -> assertThat(((ClickHouseWriteException) e).isTransient()).isTrue())
                    .satisfies(e -> assertThat(((ClickHouseWriteException) e).table()).isEqualTo("otel_traces"));
        }
    }

    @Test
    void aDatabaseWithoutTheTablesIsTransient() throws Exception {
        String empty = DATABASE + "_empty";
        execute("CREATE DATABASE IF NOT EXISTS " + empty);
        ClickHouseConnector connector = new ClickHouseConnector(new ClickHouseSettings(TestDatabases.CH_URL, "default", "", empty, ""));
        try (ClickHouseTelemetryWriter noTables = new ClickHouseTelemetryWriter(connector)) {
            // not the batch's fault: the schema is not migrated yet, so the batch waits in the queue
            assertThatThrownBy(() -> noTables.write("no-tables-1", tenant, logs(logRequest())))
                    .isInstanceOf(ClickHouseWriteException.ClickHouseUnavailableException.class)
                    .hasMessageContaining("code 60")
                    .satisfies(e -> assertThat(((ClickHouseWriteException) e).isTransient()).isTrue());
        } finally {
            execute("DROP DATABASE IF EXISTS " + empty + " SYNC");
        }
    }

    @Test
    void aBlockClickHouseCannotReadIsPermanent() {
        // a row cut short after its envelope: ClickHouse runs out of data mid-row
        TableBlock broken = new TableBlock(TelemetryTable.LOGS);
        broken.out().raw(Envelope.scope(Envelope.resource(tenant, Resource.getDefaultInstance(), ""),
                InstrumentationScope.getDefaultInstance(), ""));
        broken.out().int64(base);
        broken.endRow();
        assertThatThrownBy(() -> writer.insert("broken-1", broken))
                .isInstanceOf(UnstorableBatchException.class)
                .hasMessageContaining("otel_logs");
    }

    @Test
    void aBatchSpanningMorePartitionsThanOneInsertMayCreateIsPermanent() throws Exception {
        // 101 daily partitions, over max_partitions_per_insert_block (100): refused every time it is tried
        var scope = ScopeLogs.newBuilder();
        for (int day = 0; day <= 100; day++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(base - day * 86_400_000_000_000L).setBody(string("day " + day)));
        }
        OtlpRequest request = logs(ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource("checkout")).addScopeLogs(scope)).build());
        assertThatThrownBy(() -> writer.write("partitions-1", tenant, request))
                .isInstanceOf(UnstorableBatchException.class)
                .hasMessageContaining("code 252");
        assertThat(longValue("SELECT count() FROM otel_logs WHERE tenant_id = '%s'")).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // requests

    private ExportTraceServiceRequest traceRequest() {
        Resource checkout = Resource.newBuilder()
                .addAttributes(kv("service.name", string("checkout")))
                .addAttributes(kv("service.version", string("1.4.2")))
                .addAttributes(kv("host.cpu.count", AnyValue.newBuilder().setIntValue(8).build()))
                .setDroppedAttributesCount(2)
                .build();
        Span server = Span.newBuilder()
                .setTraceId(id(TRACE_A)).setSpanId(id(SPAN_1)).setTraceState("vendor=a1").setFlags(769)
                .setName("GET /cart").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(base).setEndTimeUnixNano(base + 250_000_007)
                .addAllAttributes(everyKind())
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("payment declined"))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(base + 240_000_003).setName("exception")
                        .addAttributes(kv("exception.type", string("PaymentDeclined")))
                        .addAttributes(kv("exception.escaped", AnyValue.newBuilder().setBoolValue(true).build()))
                        .setDroppedAttributesCount(1))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(base + 241_000_000).setName("retry"))
                .addLinks(Span.Link.newBuilder().setTraceId(id(TRACE_B)).setSpanId(id("b7ad6b7169203331")).setTraceState("vendor=b2")
                        .setFlags(1).addAttributes(kv("link.reason", string("retry-of"))).setDroppedAttributesCount(2))
                .addLinks(Span.Link.newBuilder().setTraceId(id(TRACE_A)).setSpanId(id(SPAN_2))
                        .addAttributes(kv("attempt", AnyValue.newBuilder().setIntValue(2).build())))
                .build();
        Span internal = Span.newBuilder()
                .setTraceId(id(TRACE_A)).setSpanId(id(SPAN_2)).setParentSpanId(id(SPAN_1)).setFlags(257)
                .setName("cart.load").setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(base + 5_000_001).setEndTimeUnixNano(base + 35_000_002)
                .build();
        // unknown kind and status numbers, end before start (duration 0), dropped counts
        Span odd = Span.newBuilder()
                .setTraceId(id(TRACE_A)).setSpanId(id(SPAN_3)).setParentSpanId(id(SPAN_1))
                .setName("POST /charge").setKindValue(7)
                .setStartTimeUnixNano(base + 20_000_000).setEndTimeUnixNano(base + 10_000_000)
                .setStatus(Status.newBuilder().setCodeValue(5).setMessage("odd"))
                .setDroppedAttributesCount(3).setDroppedEventsCount(1).setDroppedLinksCount(4)
                .build();
        // a root whose parent is the all-zero id, a day earlier, in another resource
        Span health = Span.newBuilder()
                .setTraceId(id(TRACE_B)).setSpanId(id(SPAN_4)).setParentSpanId(ByteString.copyFrom(new byte[8])).setFlags(1)
                .setName("GET /health").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(base - 86_400_000_000_000L).setEndTimeUnixNano(base - 86_400_000_000_000L + 1)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(checkout).setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.tomcat-10.0").setVersion("2.10.0")
                                        .addAttributes(kv("scope.enabled", AnyValue.newBuilder().setBoolValue(true).build()))
                                        .setDroppedAttributesCount(1))
                                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                                .addSpans(server).addSpans(internal))
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("empty.scope")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.okhttp"))
                                .addSpans(odd)))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("payments"))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc"))
                                .addSpans(health)))
                .build();
    }

    /** One attribute of every AnyValue kind, in scrambled order (stored sorted), with a duplicate key (first wins). */
    private static List<KeyValue> everyKind() {
        AnyValue bytes = AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(HexFormat.of().parseHex("deadbeef"))).build();
        return List.of(
                kv("retry.whole", AnyValue.newBuilder().setDoubleValue(4.0).build()),
                kv("http.request.method", string("GET")),
                kv("http.response.status_code", AnyValue.newBuilder().setIntValue(503).build()),
                kv("http.request.method", string("POST")),
                kv("retry.ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()),
                kv("retry.tiny", AnyValue.newBuilder().setDoubleValue(1e-9).build()),
                kv("retry.nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()),
                kv("retry.big", AnyValue.newBuilder().setIntValue(Long.MAX_VALUE).build()),
                kv("cache.hit", AnyValue.newBuilder().setBoolValue(true).build()),
                kv("payload.digest", bytes),
                kv("order.items", array(string("sku-1"), AnyValue.newBuilder().setIntValue(3).build(),
                        AnyValue.newBuilder().setDoubleValue(4.0).build(), AnyValue.newBuilder().setBoolValue(true).build(), bytes,
                        AnyValue.newBuilder().setDoubleValue(Double.NaN).build(),
                        array(AnyValue.newBuilder().setIntValue(1).build(), AnyValue.newBuilder().setIntValue(2).build()))),
                kv("customer", kvlist(kv("id", AnyValue.newBuilder().setIntValue(42).build()), kv("tier", string("gold")),
                        kv("score", AnyValue.newBuilder().setDoubleValue(9.5).build()), kv("vip", AnyValue.newBuilder().setBoolValue(false).build()),
                        kv("tags", array(string("beta"))), kv("none", AnyValue.getDefaultInstance()))),
                kv("note", AnyValue.getDefaultInstance()));
    }

    private ExportLogsServiceRequest logRequest() {
        var scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("org.slf4j"))
                .addLogRecords(LogRecord.newBuilder().setEventName("int").setTimeUnixNano(base + 1).setObservedTimeUnixNano(base + 2)
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).setSeverityText("WARN")
                        .setBody(AnyValue.newBuilder().setIntValue(-42)).setTraceId(id(TRACE_A)).setSpanId(id(SPAN_1)).setFlags(1))
                .addLogRecords(LogRecord.newBuilder().setEventName("array").setTimeUnixNano(base + 3).setObservedTimeUnixNano(base + 3)
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_DEBUG).setSeverityText("DEBUG")
                        .setBody(array(string("a"), AnyValue.newBuilder().setIntValue(1).build(), AnyValue.newBuilder().setDoubleValue(2.5).build(),
                                AnyValue.newBuilder().setBoolValue(false).build(), kvlist(kv("k", string("v"))))))
                .addLogRecords(LogRecord.newBuilder().setEventName("bytes").setTimeUnixNano(base + 4).setObservedTimeUnixNano(base + 4)
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_FATAL).setSeverityText("FATAL")
                        .setBody(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff})))
                        // an all-zero trace id is "no trace"
                        .setTraceId(ByteString.copyFrom(new byte[16])))
                .addLogRecords(LogRecord.newBuilder().setEventName("double").setTimeUnixNano(base + 5).setObservedTimeUnixNano(base + 5)
                        .setSeverityText("warning").setBody(AnyValue.newBuilder().setDoubleValue(-1.5e300)))
                .addLogRecords(LogRecord.newBuilder().setEventName("bool").setTimeUnixNano(base + 6).setObservedTimeUnixNano(base + 6)
                        .setBody(AnyValue.newBuilder().setBoolValue(true)))
                .addLogRecords(LogRecord.newBuilder().setEventName("empty").setTimeUnixNano(base + 7).setObservedTimeUnixNano(base + 7))
                .addLogRecords(LogRecord.newBuilder().setEventName("kvlist").setTimeUnixNano(base + 10).setObservedTimeUnixNano(base + 10)
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("Error")
                        .setBody(structuredBody())
                        .addAttributes(kv("order.id", AnyValue.newBuilder().setIntValue(1234).build()))
                        .addAttributes(kv("http.route", string("/cart")))
                        .setDroppedAttributesCount(2)
                        .setTraceId(id(TRACE_A)).setSpanId(id(SPAN_2)).setFlags(1));
        var unscoped = ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setEventName("no-time").setObservedTimeUnixNano(base + 9)
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setSeverityText("INFO").setBody(string("observed only")))
                .addLogRecords(LogRecord.newBuilder().setEventName("no-times")
                        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setSeverityText("INFO").setBody(string("neither")));
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("checkout")).addScopeLogs(scope))
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("payments")).addScopeLogs(unscoped))
                .build();
    }

    private static AnyValue structuredBody() {
        AnyValue line = kvlist(kv("sku", string("A-1")), kv("qty", AnyValue.newBuilder().setIntValue(2).build()));
        return kvlist(kv("event", string("checkout.failed")), kv("order_id", AnyValue.newBuilder().setIntValue(1234).build()),
                kv("amount", AnyValue.newBuilder().setDoubleValue(99.9).build()), kv("lines", array(line)));
    }

    private ExportMetricsServiceRequest metricRequest() {
        Exemplar intExemplar = Exemplar.newBuilder().setTimeUnixNano(base - 500).setAsInt(0).setAsDouble(0.42)
                .setTraceId(id(TRACE_A)).setSpanId(id(SPAN_1)).addFilteredAttributes(kv("user.id", AnyValue.newBuilder().setIntValue(17).build()))
                .build();
        Metric gauge = Metric.newBuilder().setName("jvm.threads").setDescription("Live threads.").setUnit("{thread}")
                .addMetadata(kv("source", string("jmx")))
                .setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(base - 60_000_000_000L).setTimeUnixNano(base)
                                .setAsInt(9_007_199_254_740_993L).addAttributes(kv("state", string("runnable"))).addExemplars(intExemplar))
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(base + 1).setAsDouble(0.5).setFlags(1)
                                .addAttributes(kv("state", string("waiting"))).addAttributes(kv("daemon", AnyValue.newBuilder().setBoolValue(true).build()))
                                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(base - 400).setAsInt(7))))
                .build();
        Metric deltaSum = Metric.newBuilder().setName("http.server.request.count").setDescription("Requests.").setUnit("{request}")
                .setSum(Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true)
                        .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(base - 1).setTimeUnixNano(base).setAsInt(-3)))
                .build();
        Metric cumulativeSum = Metric.newBuilder().setName("queue.depth").setUnit("{item}")
                .setSum(Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(base).setAsDouble(12.75)))
                .build();
        Metric histogram = Metric.newBuilder().setName("http.server.request.duration").setDescription("Request duration.").setUnit("s")
                .setHistogram(Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(base).setCount(6).setSum(1.27).setMin(0.004).setMax(0.61)
                                .addAllBucketCounts(List.of(1L, 2L, 2L, 1L)).addAllExplicitBounds(List.of(0.005, 0.1, 0.5))
                                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(base - 1).setAsDouble(0.3).setTraceId(id(TRACE_A)).setSpanId(id(SPAN_2))))
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(base + 1)))
                .build();
        Metric exponential = Metric.newBuilder().setName("rpc.duration").setUnit("ms")
                .setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(base).setCount(-1L).setSum(31.5).setScale(-3)
                                .setZeroCount(1).setZeroThreshold(0.0001)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-5).addAllBucketCounts(List.of(1L, 3L, 2L)))
                                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2).addBucketCounts(4))
                                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(base).setAsInt(3))))
                .build();
        Metric summary = Metric.newBuilder().setName("gc.pause").setDescription("GC pauses.").setUnit("ms")
                .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(base).setCount(12).setSum(84.0).setFlags(1)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(5.5))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(21.0))))
                .build();
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("checkout"))
                        .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.runtime"))
                                .addMetrics(gauge).addMetrics(deltaSum).addMetrics(cumulativeSum).addMetrics(histogram)
                                .addMetrics(exponential).addMetrics(summary)
                                .addMetrics(Metric.newBuilder().setName("no.data"))))
                .build();
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static OtlpRequest traces(ExportTraceServiceRequest request) {
        return new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, request);
    }

    private static OtlpRequest logs(ExportLogsServiceRequest request) {
        return new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, request);
    }

    private static OtlpRequest metrics(ExportMetricsServiceRequest request) {
        return new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, request);
    }

    private static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(kv("service.name", string(service))).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static AnyValue array(AnyValue... values) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values))).build();
    }

    private static AnyValue kvlist(KeyValue... values) {
        return AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values))).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static String nanos(long nanos) {
        return Long.toString(nanos);
    }

    private static String nanos(Instant instant) {
        return Long.toString(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    /** How ClickHouse prints a DateTime64(9, 'UTC') inside a tuple. */
    private static String chTime(long nanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        var nonZero = new java.util.LinkedHashMap<>(counts);
        nonZero.values().removeIf(count -> count == 0);
        return nonZero;
    }

    private Map<String, Long> countsByTable() throws SQLException {
        var counts = new java.util.LinkedHashMap<String, Long>();
        for (String table : SIGNAL_TABLES) {
            counts.put(table, longValue("SELECT count() FROM " + table + " WHERE tenant_id = '%s'"));
        }
        return counts;
    }

    /** A copy of an OTLP message with every non-zero {@code *_time_unix_nano} field moved by {@code shift}. */
    private static com.google.protobuf.Message shiftTimes(com.google.protobuf.Message message, long shift) {
        com.google.protobuf.Message.Builder builder = message.toBuilder();
        for (var field : message.getDescriptorForType().getFields()) {
            if (field.getJavaType() == com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
                if (field.isRepeated()) {
                    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                        builder.setRepeatedField(field, i, shiftTimes((com.google.protobuf.Message) message.getRepeatedField(field, i), shift));
                    }
                } else if (message.hasField(field)) {
                    builder.setField(field, shiftTimes((com.google.protobuf.Message) message.getField(field), shift));
                }
            } else if (field.getName().endsWith("time_unix_nano") && !field.isRepeated() && (long) message.getField(field) != 0) {
                builder.setField(field, (long) message.getField(field) + shift);
            }
        }
        return builder.build();
    }

    private static Path examplesDir() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("otlp-examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/otlp-examples beside the checkout");
    }

    private long longValue(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    /** Rows as strings; {@code %s} in the SQL is this test's tenant id. NULL reads as {@code \N}. */
    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = clickHouse.open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql.replace("%s", tenant.tenantId().toString()))) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    String value = result.getString(i);
                    row.add(value == null ? "\\N" : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
