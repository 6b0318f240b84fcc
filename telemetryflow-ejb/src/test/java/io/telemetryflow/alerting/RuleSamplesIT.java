package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.metrics.MetricAggregation;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import io.telemetryflow.telemetry.metrics.Metrics;
import io.telemetryflow.telemetry.logs.LogRequests;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An evaluation's log read assembled from kept minutes ({@link LogMinutes} in {@link RuleSamples}) against a real
 * ClickHouse with the real migrations and records written as ingestion writes them: it gives what one read of the whole
 * window gives, sees records stored late into a minute not yet final, and keeps tenants apart.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class RuleSamplesIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_rule_samples_it");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final LogRuleQuery DECLINED = new LogRuleQuery("declined", SeverityLevel.parse("severity", "WARN"), null, List.of(),
            "service.name");

    private static ClickHouseConnector clickHouse;
    private static ClickHouseTelemetryWriter writer;
    private static TelemetryQueries queries;

    private RuleSamples samples;
    /** What the tenants' enabled rules ask (in the platform, TenantQuestions reads them from PostgreSQL). */
    private final Map<UUID, List<TenantQuestions.Question>> asked = new HashMap<>();
    private TenantPlacement tenant;
    private TenantPlacement other;

    @BeforeAll
    static void migrate() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "rule-samples-it");
        writer = new ClickHouseTelemetryWriter(clickHouse);
        queries = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults());
    }

    @AfterAll
    static void drop() throws SQLException {
        if (writer != null) {
            writer.close();
        }
        if (queries != null) {
            queries.close();
        }
        TestDatabases.drop(clickHouse);
    }

    @BeforeEach
    void fresh() {
        samples = new RuleSamples();
        samples.queries = queries;
        samples.metrics = Metrics.uncached(queries);
        asked.clear();
        samples.questions = new TenantQuestions() {
            @Override
            List<Question> of(UUID tenantId, Instant now) {
                return asked.getOrDefault(tenantId, List.of());
            }
        };
        tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        other = new TenantPlacement(tenant.organizationId(), tenant.workspaceId(), UUID.randomUUID());
    }

    @Test
    void windowsEvaluatedMinuteAfterMinuteCountWhatAWholeReadCountsIncludingRecordsStoredLate() throws Exception {
        // the reads below must fall in the minute after the last window: past it, that window's last minute is final
        while (Instant.now().getEpochSecond() % 60 > 40) {
            Thread.sleep(1000);
        }
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = thisMinute.minus(MINUTE.multipliedBy(12));
        for (int m = 0; m < 12; m++) {
            Instant minute = start.plus(MINUTE.multipliedBy(m));
            write(tenant, "checkout", minute.plusSeconds(5), 13, "payment 1 declined");
            write(tenant, m % 2 == 0 ? "cart" : "checkout", minute.plusSeconds(40), 17, "card declined by issuer");
            write(tenant, "checkout", minute.plusSeconds(20), 9, "payment declined (info: below the minimum severity)");
            write(tenant, "checkout", minute.plusSeconds(30), 17, "payment accepted");
        }
        write(other, "checkout", start.plus(MINUTE.multipliedBy(8)).plusSeconds(1), 17, "declined elsewhere");
        asks(tenant, DECLINED);
        asks(other, DECLINED);

        // the evaluations of a 5-minute window, one a minute, up to the window that ends with this minute
        for (int end = 5; end <= 12; end++) {
            EvaluationWindow window = new EvaluationWindow(start.plus(MINUTE.multipliedBy(end - 5)), start.plus(MINUTE.multipliedBy(end)), MINUTE);
            assertThat(samples.read(tenant, DECLINED, window, Instant.now())).as("window ending at minute " + end).isEqualTo(whole(window));
        }
        // a record of the last minute, stored after the evaluation read it: that minute was not final, so it counts
        EvaluationWindow last = new EvaluationWindow(thisMinute.minus(MINUTE.multipliedBy(5)), thisMinute, MINUTE);
        write(tenant, "checkout", thisMinute.minusSeconds(10), 17, "declined late");
        samples.forgetBatches();   // the next evaluation comes after the batch read it would share has gone stale
        List<SeriesSample> again = samples.read(tenant, DECLINED, last, Instant.now());
        assertThat(again).isEqualTo(whole(last));
        assertThat(total(again, "checkout")).isEqualTo(5 + 3 + 1);   // 5 at 13 (WARN), 3 at 17 (odd minutes 7, 9, 11), the late one

        // another tenant asking the same question sees its own record only
        EvaluationWindow otherWindow = new EvaluationWindow(start.plus(MINUTE.multipliedBy(5)), start.plus(MINUTE.multipliedBy(10)), MINUTE);
        assertThat(samples.read(other, DECLINED, otherWindow, Instant.now())).extracting(SeriesSample::labels)
                .containsExactly(Map.of("service.name", "checkout"));
        assertThat(total(samples.read(other, DECLINED, otherWindow, Instant.now()), "checkout")).isEqualTo(1);
    }

    @Test
    void aMinuteReadAsFinalIsNotReadAgain() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTE.multipliedBy(20));
        asks(tenant, DECLINED);
        write(tenant, "checkout", start.plus(MINUTE).plusSeconds(5), 17, "declined");
        EvaluationWindow first = new EvaluationWindow(start, start.plus(MINUTE.multipliedBy(5)), MINUTE);
        assertThat(total(samples.read(tenant, DECLINED, first, Instant.now()), "checkout")).isEqualTo(1);

        // stored into minute 2, which ended long before the first read: final, kept as read, so only a whole read sees it
        write(tenant, "checkout", start.plus(MINUTE.multipliedBy(2)).plusSeconds(5), 17, "declined much later");
        EvaluationWindow next = new EvaluationWindow(start.plus(MINUTE), start.plus(MINUTE.multipliedBy(6)), MINUTE);
        assertThat(total(samples.read(tenant, DECLINED, next, Instant.now()), "checkout")).isEqualTo(1);
        assertThat(total(whole(next), "checkout")).isEqualTo(2);
    }

    @Test
    void anAbsenceRuleOnLogsGetsOnlyTheMinutesWithRecords() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTE.multipliedBy(20));
        write(tenant, "checkout", start.plus(MINUTE.multipliedBy(2)).plusSeconds(3), 17, "declined once");
        asks(tenant, new AbsenceRuleQuery(DECLINED));
        EvaluationWindow window = new EvaluationWindow(start, start.plus(MINUTE.multipliedBy(5)), MINUTE);
        List<SeriesSample> read = samples.read(tenant, new AbsenceRuleQuery(DECLINED), window, Instant.now());
        assertThat(read).hasSize(1);
        assertThat(read.get(0).points()).containsExactly(new SeriesSample.Point(start.plus(MINUTE.multipliedBy(2)), 1));
        assertThat(read).isEqualTo(samples.read(tenant, new AbsenceRuleQuery(DECLINED), window.from(), window.to(), window.step(), Instant.now()));
    }

    @Test
    void theNewestMinutesOfManyQuestionsAreReadInOneQueryAndCountWhatTheirOwnReadsCount() throws Exception {
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = thisMinute.minus(MINUTE.multipliedBy(8));
        String[] loggers = {"com.shop.Orders", "com.shop.Cart", "org.hibernate.SQL"};
        for (int m = 0; m < 8; m++) {
            Instant minute = start.plus(MINUTE.multipliedBy(m));
            for (int k = 0; k < 6; k++) {
                write(tenant, k % 2 == 0 ? "checkout" : "cart", minute.plusSeconds(5 + 7 * k), k % 3 == 0 ? 17 : 13,
                        (k % 2 == 0 ? "payment declined" : "slow query timeout") + " #" + m, loggers[(m + k) % 3]);
            }
        }
        write(other, "checkout", start.plus(MINUTE.multipliedBy(7)).plusSeconds(1), 17, "payment declined elsewhere", loggers[0]);

        // questions that differ in term, severity, service, attribute filter and group-by (three read the same data
        // but exclude a logger no record has, so no two are the same question); the other tenant asks one of them too
        List<RuleQuery> questions = new ArrayList<>();
        questions.add(DECLINED);
        questions.add(new LogRuleQuery("timeout", null, null, List.of(), null));
        questions.add(new LogRuleQuery(null, SeverityLevel.parse("severity", "ERROR"), "checkout", List.of(), "log.logger"));
        questions.add(new LogRuleQuery(null, null, null, List.of(new LogRequests.Attribute("log.logger", "eq",
                "com.shop.Cart", null)), "service.name"));
        questions.add(new AbsenceRuleQuery(new LogRuleQuery("declined", SeverityLevel.parse("severity", "ERROR"), null, List.of(), null)));
        for (int i = 0; i < 3; i++) {
            questions.add(new LogRuleQuery("declined", null, null, List.of(new LogRequests.Attribute("log.logger",
                    "neq", "bench-" + i, null)), "service.name"));
        }
        asks(tenant, questions.toArray(RuleQuery[]::new));
        asks(other, DECLINED);
        Instant readAt = Instant.now();
        EvaluationWindow first = new EvaluationWindow(start, start.plus(MINUTE.multipliedBy(5)), MINUTE);
        long before = samples.batchReads();
        for (RuleQuery question : questions) {
            assertThat(samples.read(tenant, question, first, readAt)).as(question + " in the first window")
                    .isEqualTo(samples.read(tenant, question, first.from(), first.to(), first.step(), readAt));
        }
        assertThat(samples.batchReads()).as("the first windows, read in one batch").isEqualTo(before + 1);
        samples.read(other, DECLINED, first, readAt);
        before = samples.batchReads();

        // the windows of the next minutes: only the new minute is read, for all the tenant's questions at once
        for (int end = 6; end <= 8; end++) {
            EvaluationWindow window = new EvaluationWindow(start.plus(MINUTE.multipliedBy(end - 5)), start.plus(MINUTE.multipliedBy(end)), MINUTE);
            for (RuleQuery question : questions) {
                assertThat(samples.read(tenant, question, window, readAt)).as(question + " in the window ending at minute " + end)
                        .isEqualTo(samples.read(tenant, question, window.from(), window.to(), window.step(), readAt));
            }
            // the other tenant's same question is not in this tenant's batch: a batch of its own, with its own record only
            assertThat(total(samples.read(other, DECLINED, window, readAt), "checkout")).isEqualTo(end == 8 ? 1 : 0);
            assertThat(samples.batchReads()).as("one batch query per tenant and window").isEqualTo(before + 2L * (end - 5));
        }
        assertThat(total(samples.read(tenant, questions.get(5), new EvaluationWindow(start.plus(MINUTE.multipliedBy(3)),
                start.plus(MINUTE.multipliedBy(8)), MINUTE), readAt), "checkout")).as("3 checkout records a minute, 5 minutes").isEqualTo(15);
    }

    @Test
    void gaugeRulesOfATenantAreReadInOneQueryPerWindowAndGetWhatTheirOwnReadsGet() throws Exception {
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = thisMinute.minus(MINUTE.multipliedBy(6));
        for (int m = 0; m < 6; m++) {
            for (String host : List.of("node-1", "node-2", "node-3")) {
                for (String mode : List.of("user", "system")) {
                    double value = 0.1 * m + (host.equals("node-2") ? 0.5 : 0) + (mode.equals("user") ? 0.05 : 0);
                    gauge(tenant, "checkout", "system.cpu.utilization", start.plus(MINUTE.multipliedBy(m)).plusSeconds(10), value, host, mode);
                    gauge(tenant, "checkout", "system.cpu.utilization", start.plus(MINUTE.multipliedBy(m)).plusSeconds(40), value / 2, host, mode);
                }
                gauge(tenant, "cart", "system.memory.utilization", start.plus(MINUTE.multipliedBy(m)).plusSeconds(20), 0.3 + 0.01 * m, host, "-");
            }
        }
        gauge(other, "checkout", "system.cpu.utilization", start.plus(MINUTE.multipliedBy(5)).plusSeconds(5), 9.0, "node-9", "user");

        // questions that differ in metric, aggregation, service, filters and group-by; three read the same data but exclude
        // a host no point has (no two are the same question); a metric not catalogued is no gauge, so it reads alone
        List<MetricRuleQuery> questions = new ArrayList<>();
        questions.add(metricQuery("system.cpu.utilization", "avg", null, List.of(), List.of("host.name")));
        questions.add(metricQuery("system.cpu.utilization", "max", "checkout", List.of(new MetricSeriesRequest.Filter("cpu.mode", "eq", "user", null)),
                List.of("host.name", "cpu.mode")));
        questions.add(metricQuery("system.cpu.utilization", "min", null, List.of(new MetricSeriesRequest.Filter("host.name", "in", null,
                List.of("node-1", "node-3"))), List.of()));
        questions.add(metricQuery("system.memory.utilization", "sum", null, List.of(), List.of("service.name")));
        questions.add(metricQuery("system.memory.utilization", "count", null, List.of(), List.of()));
        for (int i = 0; i < 3; i++) {
            questions.add(metricQuery("system.cpu.utilization", "avg", null, List.of(new MetricSeriesRequest.Filter("host.name", "neq", "bench-" + i,
                    null)), List.of("cpu.mode")));
        }
        MetricRuleQuery unknown = metricQuery("no.such.metric", "avg", null, List.of(), List.of());
        asks(tenant, questions.toArray(RuleQuery[]::new));
        asks(other, questions.get(0));

        Instant readAt = Instant.now();
        EvaluationWindow window = new EvaluationWindow(start.plus(MINUTE), thisMinute, MINUTE);
        long before = samples.batchReads();
        for (MetricRuleQuery question : questions) {
            samples.read(tenant, question, window, readAt);
        }
        assertThat(samples.batchReads()).as("the tenant's gauge questions, read in one batch").isEqualTo(before + 1);
        samples.forgetBatches();   // as in the next minute's evaluations
        before = samples.batchReads();
        for (MetricRuleQuery question : questions) {
            List<SeriesSample> batched = samples.read(tenant, question, window, readAt);
            assertThat(batched).as(question.toString()).isNotEmpty()
                    .isEqualTo(samples.read(tenant, question, window.from(), window.to(), window.step(), readAt));
        }
        assertThat(samples.batchReads()).as("one batch query for all the questions of the window").isEqualTo(before + 1);
        assertThat(samples.read(tenant, unknown, window, readAt)).isEmpty();
        assertThat(samples.batchReads()).isEqualTo(before + 1);
        // node-2 user in minute 5 (the newest of the window): points 0.5 + 0.55 and half that, so max 1.05
        assertThat(samples.read(tenant, questions.get(1), window, readAt)).filteredOn(sample -> sample.labels().get("host.name").equals("node-2"))
                .singleElement().satisfies(sample -> assertThat(sample.points().get(sample.points().size() - 1).value()).isCloseTo(1.05,
                        offset(1e-9)));
        // the other tenant's point is neither in this tenant's answers nor kept from them
        assertThat(samples.read(other, questions.get(0), window, readAt)).singleElement()
                .satisfies(sample -> assertThat(sample.labels()).isEqualTo(Map.of("host.name", "node-9")));
    }

    /** The tenant's enabled rules ask these, over 5-minute windows at 1-minute steps. */
    private void asks(TenantPlacement placement, RuleQuery... queries) {
        asked.put(placement.tenantId(), Arrays.stream(queries)
                .map(query -> new TenantQuestions.Question(query, MINUTE.multipliedBy(5).toMillis(), MINUTE.toMillis())).toList());
    }

    private static MetricRuleQuery metricQuery(String metric, String aggregation, String service, List<MetricSeriesRequest.Filter> filters,
                                               List<String> groupBy) {
        return new MetricRuleQuery(metric, MetricAggregation.parse(aggregation), service, filters, groupBy);
    }

    private static void gauge(TenantPlacement tenant, String service, String metric, Instant at, double value, String host, String mode)
            throws Exception {
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        NumberDataPoint point = NumberDataPoint.newBuilder()
                .setTimeUnixNano(nanos).setAsDouble(value)
                .addAttributes(KeyValue.newBuilder().setKey("host.name").setValue(AnyValue.newBuilder().setStringValue(host)))
                .addAttributes(KeyValue.newBuilder().setKey("cpu.mode").setValue(AnyValue.newBuilder().setStringValue(mode))).build();
        writer.write(UUID.randomUUID().toString(), tenant, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF,
                ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
                        ResourceMetrics.newBuilder()
                                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(
                                        Metric.newBuilder().setName(metric).setUnit("1")
                                                .setGauge(Gauge.newBuilder().addDataPoints(point)))))
                        .build()));
    }

    /** One read of the whole window, as before minutes were kept. */
    private List<SeriesSample> whole(EvaluationWindow window) {
        return samples.read(tenant, DECLINED, window.from(), window.to(), window.step(), Instant.now());
    }

    private static double total(List<SeriesSample> read, String service) {
        return read.stream().filter(sample -> sample.labels().equals(Map.of("service.name", service)))
                .flatMap(sample -> sample.points().stream()).mapToDouble(SeriesSample.Point::value).sum();
    }

    private static void write(TenantPlacement tenant, String service, Instant at, int severityNumber, String body) throws Exception {
        write(tenant, service, at, severityNumber, body, null);
    }

    private static void write(TenantPlacement tenant, String service, Instant at, int severityNumber, String body, String logger)
            throws Exception {
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        LogRecord.Builder record = LogRecord.newBuilder().setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
                .setSeverityNumberValue(severityNumber).setBody(AnyValue.newBuilder().setStringValue(body));
        if (logger != null) {
            record.addAttributes(KeyValue.newBuilder().setKey("log.logger").setValue(AnyValue.newBuilder().setStringValue(logger)));
        }
        writer.write(UUID.randomUUID().toString(), tenant, new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF,
                ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record))).build()));
    }
}
