package io.telemetryflow.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The logs read API's queries against a real ClickHouse with the real migrations (one database for the class, dropped
 * afterwards), with records written by {@link ClickHouseTelemetryWriter} from OTLP protos as ingestion writes them.
 * Each test has its own tenant, and a second tenant holds look-alike records that must never appear.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class LogQueriesIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_logs_it");
    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String SPANLESS_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "eee19b7ec3c1b174";

    private static ClickHouseConnector clickHouse;
    private static ClickHouseTelemetryWriter writer;
    private static LogQueries logs;

    /** Half an hour ago in whole seconds: inside "the last hour" and the table's TTL. */
    private final long base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES).getEpochSecond() * 1_000_000_000L;
    private TenantPlacement tenant;
    private TenantPlacement other;

    @BeforeAll
    static void migrate() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "log-queries-it");
        writer = new ClickHouseTelemetryWriter(clickHouse);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        logs = new LogQueries();
        logs.queries = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults());
        logs.secretBox = new SecretBox(key);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (writer != null) {
            writer.close();
        }
        if (logs != null) {
            logs.queries.close();
        }
        TestDatabases.drop(clickHouse);
    }

    @BeforeEach
    void newTenants() {
        tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        other = new TenantPlacement(tenant.organizationId(), tenant.workspaceId(), UUID.randomUUID());
    }

    @Test
    void wordsMatchWholeTokensCaseSensitivelyPhrasesAndPunctuatedWordsMatchSubstrings() throws Exception {
        List<String> bodies = List.of("cart checkout started", "cartography service", "Cart is empty", "added to shopping-cart.",
                "user_42 opened cart", "user_420 logged in", "discount 50%_off applied", "discount 50% off applied",
                "path C:\\temp\\cart", "café crème ordered");
        write(tenant, "checkout", bodies.stream().map(body -> record(base, 9, body)).toArray(LogRecord[]::new));
        write(other, "checkout", record(base, 9, "cart checkout started"), record(base, 9, "user_42 opened cart"));

        assertThat(bodies("cart")).containsExactlyInAnyOrder("cart checkout started", "added to shopping-cart.", "user_42 opened cart",
                "path C:\\temp\\cart");
        assertThat(bodies("Cart")).containsExactly("Cart is empty");
        assertThat(bodies("cartography")).containsExactly("cartography service");
        assertThat(bodies("cart checkout")).containsExactly("cart checkout started");
        assertThat(bodies("\"cart\"")).containsExactlyInAnyOrder("cart checkout started", "cartography service",
                "added to shopping-cart.", "user_42 opened cart", "path C:\\temp\\cart");
        assertThat(bodies("user_42")).containsExactlyInAnyOrder("user_42 opened cart", "user_420 logged in");
        assertThat(bodies("\"user_42 \"")).containsExactly("user_42 opened cart");
        assertThat(bodies("\"50%_off\"")).containsExactly("discount 50%_off applied");   // % and _ are not wildcards
        assertThat(bodies("\"50% off\"")).containsExactly("discount 50% off applied");
        assertThat(bodies("C:\\temp\\cart")).containsExactly("path C:\\temp\\cart");
        assertThat(bodies("café")).containsExactly("café crème ordered");
        assertThat(bodies("\"crème ordered\"")).containsExactly("café crème ordered");
        assertThat(bodies("cart missing")).isEmpty();
        assertThat(bodies("\\")).containsExactly("path C:\\temp\\cart");
        assertThat(bodies("%")).containsExactlyInAnyOrder("discount 50%_off applied", "discount 50% off applied");
        assertThat(bodies("_")).containsExactlyInAnyOrder("user_42 opened cart", "user_420 logged in", "discount 50%_off applied");
        for (String hostile : List.of("'", "\\'", "' OR 1=1 --", "'); DROP TABLE otel_logs; --", "{tenant_id:UUID}",
                "currentDatabase()", "%%", "__", "\"%_%\"", "line\nbreak", "\u0000", "☃", "\ud800")) {
            assertThat(bodies(hostile)).as(hostile).isEmpty();
        }
        assertThat(count("SELECT count() FROM otel_logs WHERE tenant_id = '" + tenant.tenantId() + "'")).isEqualTo(bodies.size());
    }

    @Test
    void severityIsAtOrAboveIncludingLevelsKnownOnlyFromTheText() throws Exception {
        write(tenant, "api", record(base, 1, "trace"), record(base + 1, 5, "debug"), record(base + 2, 9, "info"), record(base + 3, 13, "warn"),
                record(base + 4, 17, "error"), record(base + 5, 21, "fatal"),
                record(base + 6, 0, "text warning").toBuilder().setSeverityText("warning").build(), record(base + 7, 0, "no level"));
        write(other, "api", record(base, 21, "fatal"));

        assertThat(bodies(null, "WARN")).containsExactly("text warning", "fatal", "error", "warn");
        assertThat(bodies(null, "fatal")).containsExactly("fatal");
        assertThat(bodies(null, "TRACE")).hasSize(7).doesNotContain("no level");
        assertThat(bodies(null, null)).hasSize(8);
        LogEntry warning = search(null, "WARN", null, null, 1).logs().get(0);
        assertThat(warning.severityNumber()).isZero();
        assertThat(warning.severityText()).isEqualTo("warning");
        assertThat(warning.severityLevel()).isEqualTo("WARN");
    }

    @Test
    void aRecordReadsBackWithEveryField() throws Exception {
        LogRecord record = record(base + 123_456_789, 17, "payment declined").toBuilder().setObservedTimeUnixNano(base + 200_000_000)
                .setSeverityText("Error").setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .addAttributes(kv("http.route", "/cart")).addAttributes(KeyValue.newBuilder().setKey("order.id")
                        .setValue(AnyValue.newBuilder().setIntValue(1234))).build();
        write(tenant, "checkout", record);

        LogPage page = search(null, null, TRACE, SPAN, 10);
        assertThat(page.logs()).containsExactly(new LogEntry(Long.toString(base + 123_456_789), Long.toString(base + 200_000_000), 17,
                "Error", "ERROR", "payment declined", "checkout", TRACE, SPAN, Map.of("http.route", "/cart", "order.id", "1234"),
                Map.of("service.name", "checkout", "host.name", "node-1"), "io.telemetryflow.test"));
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isNull();
        assertThat(page.totalEstimate()).isEqualTo(new LogPage.TotalEstimate(1, true));
        assertThat(search(null, null, TRACE, "1f2e3d4c5b6a7980", 10).logs()).isEmpty();
        assertThat(search(null, null, SPANLESS_TRACE, null, 10).logs()).isEmpty();
    }

    @Test
    void pagesOverRecordsWithEqualTimestampsNeitherSkipNorRepeatAndStayStableWhileNewerRecordsArrive() throws Exception {
        List<String> expected = new ArrayList<>();
        List<LogRecord> same = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            same.add(record(base, 9, "row-" + i));
            expected.add("row-" + i);
        }
        for (int i = 0; i < 20; i++) {   // exact copies: identical in every column
            same.add(record(base, 9, "copy"));
            expected.add("copy");
        }
        List<LogRecord> older = IntStream.range(0, 30).mapToObj(i -> record(base - 1_000_000, 13, "older-" + i)).toList();
        older.forEach(record -> expected.add(record.getBody().getStringValue()));
        write(tenant, "checkout", same.subList(0, 125).toArray(LogRecord[]::new));
        write(tenant, "payments", same.subList(125, same.size()).toArray(LogRecord[]::new));
        write(tenant, "checkout", older.toArray(LogRecord[]::new));
        write(other, "checkout", record(base, 9, "row-1"), record(base, 9, "copy"));

        LogRequests.Search first = request(null, null, null, null, 7, null);
        LogPage page = run(first);
        assertThat(page.totalEstimate()).isEqualTo(new LogPage.TotalEstimate(280, true));
        List<String> seen = new ArrayList<>(bodiesOf(page));

        // newer records arrive after the first page: between its records and its pinned end, and after that end
        write(tenant, "checkout", IntStream.range(0, 15).mapToObj(i -> record(base + 1_000_000_000L, 21, "newer-" + i)).toArray(LogRecord[]::new));
        long now = Instant.now().getEpochSecond() * 1_000_000_000L;
        write(tenant, "checkout", record(now, 21, "newest"));

        int pages = 1;
        while (page.hasMore()) {
            page = run(request(null, null, null, null, 7, page.nextCursor()));
            assertThat(page.totalEstimate().count()).isEqualTo(280);
            assertThat(page.logs()).hasSizeLessThanOrEqualTo(7);
            seen.addAll(bodiesOf(page));
            pages++;
        }
        assertThat(seen).hasSize(280).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen.subList(250, 280)).allMatch(body -> body.startsWith("older-"));   // newest first
        assertThat(pages).isEqualTo(40);
        assertThat(page.nextCursor()).isNull();

        // a new search sees the new records
        assertThat(run(first).totalEstimate().count()).isEqualTo(280 + 15 + 1);
    }

    @Test
    void aCursorIsRefusedWhenChangedOrUsedWithAnotherQuery() throws Exception {
        write(tenant, "checkout", IntStream.range(0, 5).mapToObj(i -> record(base + i, 9, "cart " + i)).toArray(LogRecord[]::new));
        String cursor = run(request("cart", null, null, null, 2, null)).nextCursor();
        assertThat(cursor).isNotNull();
        assertThat(bodiesOf(run(request("cart", null, null, null, 2, cursor)))).containsExactly("cart 2", "cart 1");

        assertThatThrownBy(() -> run(request("cart", "WARN", null, null, 2, cursor))).isInstanceOf(Rejected.class)
                .hasMessageContaining("another query");
        assertThatThrownBy(() -> run(request("cart 1", null, null, null, 2, cursor))).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> logs.planSearch(other, request("cart", null, null, null, 2, cursor), Instant.now()).answer().get())
                .isInstanceOf(Rejected.class);
        String tampered = cursor.substring(0, 10) + (cursor.charAt(10) == 'x' ? 'y' : 'x') + cursor.substring(11);
        assertThatThrownBy(() -> run(request("cart", null, null, null, 2, tampered))).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).field()).isEqualTo("cursor");
    }

    @Test
    void theHistogramCountsPerBucketAndLevelWithEveryBucketPresent() throws Exception {
        Instant minute = Instant.ofEpochSecond(base / 1_000_000_000L).truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        long m = minute.getEpochSecond() * 1_000_000_000L;
        write(tenant, "api", record(m + 10_000_000_000L, 9, "a"), record(m + 20_000_000_000L, 17, "b"), record(m + 59_999_999_999L, 18, "c"),
                record(m + 70_000_000_000L, 17, "d"), record(m + 150_000_000_000L, 0, "e"), record(m + 180_000_000_000L, 9, "after"),
                record(m - 1, 9, "before"));
        write(other, "api", record(m + 10_000_000_000L, 17, "x"));

        LogHistogram histogram = logs.planHistogram(tenant, new LogRequests.Histogram(null, minute.toString(),
                minute.plus(3, ChronoUnit.MINUTES).toString(), null, null, null, null, null, null, "1m"), Instant.now()).answer().get();

        long start = minute.toEpochMilli();
        assertThat(histogram.stepMillis()).isEqualTo(60_000);
        assertThat(histogram.total()).isEqualTo(5);
        assertThat(histogram.buckets()).containsExactly(
                new LogHistogram.Bucket(start, counts(Map.of("INFO", 1L, "ERROR", 2L)), 3),
                new LogHistogram.Bucket(start + 60_000, counts(Map.of("ERROR", 1L)), 1),
                new LogHistogram.Bucket(start + 120_000, counts(Map.of("UNSPECIFIED", 1L)), 1));
        assertThat(histogram.buckets().get(0).counts().keySet())
                .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "UNSPECIFIED");

        LogHistogram errors = logs.planHistogram(tenant, new LogRequests.Histogram(null, minute.toString(),
                minute.plus(3, ChronoUnit.MINUTES).toString(), "d", "ERROR", null, null, null, null, "1m"), Instant.now()).answer().get();
        assertThat(errors.buckets()).extracting(LogHistogram.Bucket::total).containsExactly(0L, 1L, 0L);
    }

    @Test
    void topValuesCountTheMostFrequentValuesAndTheRest() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Map<String, Integer> routes = Map.of("/a", 5, "/b", 3, "/c", 2, "/d", 1);
        routes.forEach((route, n) -> IntStream.range(0, n).forEach(i -> records.add(record(base + records.size(), 9, "r")
                .toBuilder().addAttributes(kv("http.route", route)).build())));
        records.add(record(base, 17, "no route"));
        records.add(record(base, 17, "empty route").toBuilder().addAttributes(kv("http.route", "")).build());
        write(tenant, "checkout", records.toArray(LogRecord[]::new));
        write(tenant, "payments", record(base, 13, "p").toBuilder().addAttributes(kv("http.route", "/a")).build());
        write(other, "checkout", IntStream.range(0, 10).mapToObj(i -> record(base, 9, "r").toBuilder().addAttributes(kv("http.route", "/z"))
                .build()).toArray(LogRecord[]::new));

        LogTopValues top = topValues("http.route", 2);
        assertThat(top.values()).containsExactly(new LogTopValues.TopValue("/a", 6), new LogTopValues.TopValue("/b", 3));
        assertThat(top.total()).isEqualTo(13);   // the records that have the attribute, '' included
        assertThat(top.otherCount()).isEqualTo(4);
        assertThat(top.truncated()).isTrue();
        assertThat(topValues("http.route", 100).values()).containsExactly(new LogTopValues.TopValue("/a", 6),
                new LogTopValues.TopValue("/b", 3), new LogTopValues.TopValue("/c", 2), new LogTopValues.TopValue("", 1),
                new LogTopValues.TopValue("/d", 1));
        assertThat(topValues("http.route", 100).truncated()).isFalse();
        assertThat(topValues("service.name", 10).values()).containsExactly(new LogTopValues.TopValue("checkout", 13),
                new LogTopValues.TopValue("payments", 1));
        assertThat(topValues("severity", 10).values()).containsExactly(new LogTopValues.TopValue("INFO", 11),
                new LogTopValues.TopValue("ERROR", 2), new LogTopValues.TopValue("WARN", 1));
        assertThat(topValues("resource.host.name", 10).values()).containsExactly(new LogTopValues.TopValue("node-1", 14));
        assertThat(topValues("scope.name", 10).values()).containsExactly(new LogTopValues.TopValue("io.telemetryflow.test", 14));
        assertThat(topValues("no.such.key", 10)).isEqualTo(new LogTopValues("no.such.key", List.of(), 0, 0, false));
        assertThat(topValues("') OR 1=1 --", 10).values()).isEmpty();
    }

    @Test
    void theLogsOfATraceComeFromItsSpanRangeOldestFirst() throws Exception {
        long spanStart = base - 20L * 60 * 1_000_000_000L;
        writer.write(UUID.randomUUID().toString(), tenant, new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF,
                ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource("checkout"))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                                .setName("GET /cart").setStartTimeUnixNano(spanStart).setEndTimeUnixNano(spanStart + 2_000_000_000L))))
                        .build()));
        long minute = 60_000_000_000L;
        write(tenant, "checkout", traced(spanStart + 1_000_000_000L, "during", TRACE), traced(spanStart - 4 * minute, "just before", TRACE),
                traced(spanStart + 6 * minute, "too late", TRACE), traced(spanStart, "other trace", SPANLESS_TRACE),
                traced(base, "spanless", SPANLESS_TRACE));
        write(other, "checkout", traced(spanStart + 1_000_000_000L, "other tenant", TRACE));

        TraceLogs logsOfTrace = byTrace(TRACE, null, null, null);
        assertThat(logsOfTrace.logs()).extracting(LogEntry::body).containsExactly("just before", "during");
        assertThat(logsOfTrace.from()).isEqualTo(Instant.ofEpochSecond(0, spanStart).minus(LogQueries.TRACE_MARGIN).toString());
        assertThat(logsOfTrace.hasMore()).isFalse();
        assertThat(byTrace(TRACE, "now-2h", null, null).logs()).extracting(LogEntry::body)
                .containsExactly("just before", "during", "too late");
        assertThat(byTrace(TRACE.toUpperCase(), "now-2h", null, "2").logs()).extracting(LogEntry::body).containsExactly("just before", "during");
        assertThat(byTrace(TRACE, "now-2h", null, "2").hasMore()).isTrue();
        // spans unknown: the default range (the last hour)
        assertThat(byTrace(SPANLESS_TRACE, null, null, null).logs()).extracting(LogEntry::body).containsExactly("other trace", "spanless");
        assertThat(byTrace("00000000000000000000000000000001", null, null, null).logs()).isEmpty();
        assertThatThrownBy(() -> byTrace("' OR 1=1 --", null, null, null)).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).field()).isEqualTo("traceId");
    }

    // ---------------------------------------------------------------------------------------------

    private List<String> bodies(String query) {
        return bodies(query, null);
    }

    private List<String> bodies(String query, String severity) {
        return bodiesOf(run(request(query, severity, null, null, 1000, null)));
    }

    private LogPage search(String query, String severity, String traceId, String spanId, int limit) {
        return run(request(query, severity, traceId, spanId, limit, null));
    }

    private static LogRequests.Search request(String query, String severity, String traceId, String spanId, int limit, String cursor) {
        return new LogRequests.Search(null, "now-1h", "now", query, severity, null, traceId, spanId, null, limit, cursor);
    }

    private LogPage run(LogRequests.Search request) {
        return logs.planSearch(tenant, request, Instant.now()).answer().get();
    }

    private LogTopValues topValues(String field, int limit) {
        return logs.planTopValues(tenant, new LogRequests.TopValues(null, "now-1h", null, null, null, null, null, null, null, field, limit),
                Instant.now()).answer().get();
    }

    private TraceLogs byTrace(String traceId, String from, String to, String limit) {
        return logs.planByTrace(tenant, new LogRequests.ByTrace(traceId, null, from, to, limit), Instant.now()).answer().get();
    }

    private static List<String> bodiesOf(LogPage page) {
        return page.logs().stream().map(LogEntry::body).toList();
    }

    private static Map<String, Long> counts(Map<String, Long> nonZero) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String level : List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "UNSPECIFIED")) {
            counts.put(level, nonZero.getOrDefault(level, 0L));
        }
        return counts;
    }

    private static LogRecord record(long timeNanos, int severityNumber, String body) {
        return LogRecord.newBuilder().setTimeUnixNano(timeNanos).setObservedTimeUnixNano(timeNanos).setSeverityNumberValue(severityNumber)
                .setBody(AnyValue.newBuilder().setStringValue(body)).build();
    }

    private static LogRecord traced(long timeNanos, String body, String traceId) {
        return record(timeNanos, 9, body).toBuilder().setTraceId(id(traceId)).build();
    }

    private static void write(TenantPlacement tenant, String service, LogRecord... records) throws Exception {
        List<LogRecord> shuffled = new ArrayList<>(List.of(records));
        Collections.shuffle(shuffled);   // the order of arrival must not matter
        writer.write(UUID.randomUUID().toString(), tenant, new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF,
                ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(resource(service))
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("io.telemetryflow.test"))
                                .addAllLogRecords(shuffled))).build()));
    }

    private static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(kv("service.name", service)).addAttributes(kv("host.name", "node-1")).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = clickHouse.open(); Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
