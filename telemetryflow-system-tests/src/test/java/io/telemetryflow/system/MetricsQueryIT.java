package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.problemField;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.HostileInputs;
import io.telemetryflow.testsupport.Readiness;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics read API end to end: metrics sent as OTLP/JSON through the real endpoint under two fresh tenants,
 * read back through {@code /api/v2/telemetry/metrics/...} and {@code /telemetry/services} with exact values; the
 * other tenant's points never appear whatever the request says; hostile strings are ordinary values; bad input is a
 * 400 naming the field; a repeated request is served from the cache.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsQueryIT {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN = "eee19b7ec3c1b174";
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> HOSTILE = HostileInputs.against("otel_logs", "line\nbreak", "ünïcødé ✓");

    private static TelemetryTenant tenant;
    private static TelemetryTenant other;
    private static String admin;
    /** A whole minute ten minutes ago: step 0 of the one-minute series below. */
    private static long base;
    private static String from;
    private static String to;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeAll
    static void ingest() throws Exception {
        Readiness.awaitReady(Duration.ofSeconds(90));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        base = start.getEpochSecond() * SECOND;
        from = Long.toString(start.toEpochMilli());
        to = Long.toString(start.toEpochMilli() + 120_000);
        tenant = TelemetryTenant.create("metrics-it");
        other = TelemetryTenant.create("metrics-it-other");
        admin = DemoUser.ADMINISTRATOR.login();
        tenant.send("metrics", metrics("mq-checkout", "a", 1, true));
        tenant.send("metrics", metrics("mq-checkout", "b", 10, false));
        other.send("metrics", metrics("mq-checkout", "z", 1000, true));
        tenant.awaitRows("otel_metrics_gauge", 8);
        tenant.awaitRows("otel_metrics_sum", 3);
        other.awaitRows("otel_metrics_gauge", 4);
    }

    /** it.cpu: 4 gauge points in step 0 (scale, 2×, 3×, 4× scale); it.requests (host a only): 100 before, 110, then a reset to 5. */
    private static String metrics(String service, String host, double scale, boolean counter) {
        JsonArrayBuilder gauge = Json.createArrayBuilder();
        for (int i = 0; i < 4; i++) {
            JsonObjectBuilder point = Json.createObjectBuilder().add("timeUnixNano", Long.toString(base + i * 15 * SECOND)).add("asDouble", (i + 1) * scale)
                    .add("attributes", Json.createArrayBuilder().add(attribute("cpu", "0")));
            if (i == 1) {
                point.add("exemplars", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("timeUnixNano", Long.toString(base + 14 * SECOND)).add("asDouble", 2 * scale).add("traceId", TRACE).add("spanId", SPAN)));
            }
            gauge.add(point);
        }
        JsonArrayBuilder metrics = Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "it.cpu").add("unit", "1")
                .add("description", "CPU.").add("gauge", Json.createObjectBuilder().add("dataPoints", gauge)));
        if (counter) {
            String startTime = Long.toString(base - 3600 * SECOND);
            JsonArrayBuilder points = Json.createArrayBuilder();
            long[][] values = {{-30, 100}, {10, 110}, {40, 5}};
            for (long[] value : values) {
                points.add(Json.createObjectBuilder().add("startTimeUnixNano", startTime).add("timeUnixNano", Long.toString(base + value[0] * SECOND))
                        .add("asInt", Long.toString(value[1] * (long) scale)));
            }
            metrics.add(Json.createObjectBuilder().add("name", "it.requests").add("unit", "{request}").add("sum", Json.createObjectBuilder()
                    .add("aggregationTemporality", 2).add("isMonotonic", true).add("dataPoints", points)));
        }
        return Json.createObjectBuilder().add("resourceMetrics", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("resource", Json.createObjectBuilder().add("attributes", Json.createArrayBuilder()
                        .add(attribute("service.name", service)).add(attribute("host.name", host))))
                .add("scopeMetrics", Json.createArrayBuilder().add(Json.createObjectBuilder().add("metrics", metrics))))).build().toString();
    }

    private static JsonObjectBuilder attribute(String key, String value) {
        return Json.createObjectBuilder().add("key", key).add("value", Json.createObjectBuilder().add("stringValue", value));
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void seriesHaveExactValuesPerStepAndGroup() throws Exception {
        JsonObject avg = query(body("it.cpu", "avg").add("service", "mq-checkout"));
        assertThat(avg.getString("type")).isEqualTo("gauge");
        assertThat(avg.getString("unit")).isEqualTo("1");
        assertThat(avg.getJsonNumber("stepSeconds").longValue()).isEqualTo(60);
        assertThat(avg.getBoolean("truncated")).isFalse();
        // (1+2+3+4 + 10+20+30+40) / 8
        assertThat(points(avg, 0)).containsExactly(List.of((double) base / 1_000_000, 13.75));

        JsonObject byHost = query(body("it.cpu", "sum").add("groupBy", Json.createArrayBuilder().add("resource.host.name")));
        assertThat(byHost.getJsonArray("series")).hasSize(2);
        assertThat(byHost.getJsonArray("series").getJsonObject(0).getJsonObject("labels").getString("resource.host.name")).isEqualTo("a");
        assertThat(points(byHost, 0)).containsExactly(List.of((double) base / 1_000_000, 10.0));
        assertThat(points(byHost, 1)).containsExactly(List.of((double) base / 1_000_000, 100.0));

        JsonObject hostB = query(body("it.cpu", "max").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "resource.host.name").add("op", "in").add("values", Json.createArrayBuilder().add("b").add("z")))));
        assertThat(points(hostB, 0)).containsExactly(List.of((double) base / 1_000_000, 40.0));

        // 100 → 110 (+10), then a reset to 5 (+5)
        JsonObject increase = query(body("it.requests", "increase"));
        assertThat(increase.getString("type")).isEqualTo("sum");
        assertThat(points(increase, 0)).containsExactly(List.of((double) base / 1_000_000, 15.0));
        JsonObject rate = query(body("it.requests", "rate"));
        assertThat(points(rate, 0)).containsExactly(List.of((double) base / 1_000_000, 0.25));
    }

    @Test
    void theOtherTenantsPointsNeverAppear() throws Exception {
        JsonObject max = query(body("it.cpu", "max"));
        assertThat(points(max, 0)).containsExactly(List.of((double) base / 1_000_000, 40.0));
        JsonObject host = query(body("it.cpu", "max").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "resource.host.name").add("value", "z"))));
        assertThat(host.getJsonArray("series")).isEmpty();
        JsonObject grouped = query(body("it.cpu", "max").add("groupBy", Json.createArrayBuilder().add("resource.host.name")));
        assertThat(grouped.getJsonArray("series").stream().map(series -> series.asJsonObject().getJsonObject("labels")
                .getString("resource.host.name")).toList()).containsExactly("a", "b");
        // the other tenant's own view: only its points
        JsonObject theirs = query(body("it.cpu", "max").add("tenantId", other.tenantId()));
        assertThat(points(theirs, 0)).containsExactly(List.of((double) base / 1_000_000, 4000.0));
        // a tenant the caller cannot read is not found
        HttpResponse<String> unknown = call("POST", "/telemetry/metrics/query", admin,
                body("it.cpu", "max").add("tenantId", UUID.randomUUID().toString()).build().toString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonObject values = get("/telemetry/metrics/attributes/values?metric=it.cpu&key=resource.host.name&tenantId=" + tenant.tenantId());
        assertThat(values.getJsonArray("values").stream().map(value -> value.asJsonObject().getString("value")).toList())
                .containsExactly("a", "b");
    }

    @Test
    void hostileStringsAreOrdinaryValuesNeverServerErrors() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String hostile : HOSTILE) {
            List<JsonObjectBuilder> bodies = List.of(
                    body(hostile, "avg"),
                    body("it.cpu", "avg").add("service", hostile),
                    body("it.cpu", "avg").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", hostile).add("value", hostile))),
                    body("it.cpu", "avg").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "resource." + hostile)
                            .add("op", "not_in").add("values", Json.createArrayBuilder().add(hostile)))),
                    body("it.cpu", "avg").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "cpu").add("op", "regex")
                            .add("value", hostile))),
                    body("it.cpu", "avg").add("groupBy", Json.createArrayBuilder().add(hostile)));
            for (JsonObjectBuilder body : bodies) {
                HttpResponse<String> response = call("POST", "/telemetry/metrics/query", admin, body.build().toString());
                if (response.statusCode() >= 500 || response.statusCode() != 200 && response.statusCode() != 400) {
                    failures.add(hostile + " → " + response.statusCode() + " " + response.body());
                } else if (response.statusCode() == 200 && json(response.body()).getJsonArray("series").stream()
                        .flatMap(series -> series.asJsonObject().getJsonArray("points").stream())
                        .anyMatch(point -> point.asJsonArray().getJsonNumber(1).doubleValue() >= 1000)) {
                    failures.add(hostile + " → the other tenant's points: " + response.body());
                }
            }
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            for (String path : List.of("/telemetry/metrics/names?prefix=" + encoded, "/telemetry/metrics/names?service=" + encoded,
                    "/telemetry/metrics/attributes/keys?metric=" + encoded + "&prefix=" + encoded,
                    "/telemetry/metrics/attributes/values?metric=it.cpu&key=" + encoded + "&prefix=" + encoded)) {
                HttpResponse<String> response = call("GET", path + "&tenantId=" + tenant.tenantId(), admin, null);
                if (response.statusCode() != 200) {
                    failures.add(path + " → " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        // nothing changed
        assertThat(points(query(body("it.cpu", "count")), 0)).containsExactly(List.of((double) base / 1_000_000, 8.0));
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        assertBad(Json.createObjectBuilder(), "metric");
        assertBad(body("it.cpu", "median"), "aggregation");
        assertBad(body("it.cpu", "avg").add("step", "abc"), "step");
        assertBad(body("it.cpu", "avg").add("step", "1s").add("from", "now-7d").add("to", "now"), "step");
        assertBad(body("it.cpu", "avg").add("from", "yesterday"), "from");
        assertBad(body("it.cpu", "avg").add("limit", 0), "limit");
        assertBad(body("it.cpu", "avg").add("limit", 1001), "limit");
        assertBad(body("it.cpu", "avg").add("type", "counter"), "type");
        assertBad(body("it.cpu", "p99"), "aggregation");
        assertBad(body("it.cpu", "rate"), "aggregation");
        JsonArrayBuilder six = Json.createArrayBuilder();
        List.of("a", "b", "c", "d", "e", "f").forEach(six::add);
        assertBad(body("it.cpu", "avg").add("groupBy", six), "groupBy");
        assertBad(body("it.cpu", "avg").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "cpu").add("op", "like")
                .add("value", "0"))), "filters.op");
        assertBad(body("it.cpu", "avg").add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "cpu").add("op", "regex")
                .add("value", "("))), "filters");
        assertBad(body("it.cpu", "avg").add("tenantId", "not-a-uuid"), "tenantId");
        HttpResponse<String> keys = call("GET", "/telemetry/metrics/attributes/keys?limit=5", admin, null);
        assertThat(keys.statusCode()).isEqualTo(400);
        assertThat(problemField(keys)).isEqualTo("metric");
        HttpResponse<String> names = call("GET", "/telemetry/metrics/names?limit=5000", admin, null);
        assertThat(names.statusCode()).isEqualTo(400);
        assertThat(problemField(names)).isEqualTo("limit");
        HttpResponse<String> services = call("GET", "/telemetry/services?signal=spans", admin, null);
        assertThat(services.statusCode()).isEqualTo(400);
        assertThat(problemField(services)).isEqualTo("signal");
    }

    @Test
    void theSameRequestIsServedFromTheCacheTheSecondTime() throws Exception {
        String request = body("it.cpu", "min").add("groupBy", Json.createArrayBuilder().add("cpu")).add("step", "30s").build().toString();
        HttpResponse<String> first = call("POST", "/telemetry/metrics/query", admin, request);
        HttpResponse<String> second = call("POST", "/telemetry/metrics/query", admin, request);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void cataloguesAndExemplarsDescribeTheTenantsMetrics() throws Exception {
        JsonObject names = get("/telemetry/metrics/names?prefix=it.&tenantId=" + tenant.tenantId());
        assertThat(names.getJsonArray("metrics").stream().map(metric -> metric.asJsonObject().getString("name")).toList())
                .containsExactly("it.cpu", "it.requests");
        JsonObject requests = names.getJsonArray("metrics").getJsonObject(1);
        assertThat(requests.getString("type")).isEqualTo("sum");
        assertThat(requests.getString("temporality")).isEqualTo("cumulative");
        assertThat(requests.getBoolean("monotonic")).isTrue();
        assertThat(requests.getJsonArray("services").getString(0)).isEqualTo("mq-checkout");

        JsonObject keys = get("/telemetry/metrics/attributes/keys?metric=it.cpu&prefix=resource.&tenantId=" + tenant.tenantId());
        assertThat(keys.getJsonArray("keys").stream().map(key -> key.asJsonObject().getString("key")).toList())
                .containsExactly("resource.host.name", "resource.service.name");
        JsonObject limited = get("/telemetry/metrics/attributes/values?metric=it.cpu&key=resource.host.name&limit=1&tenantId=" + tenant.tenantId());
        assertThat(limited.getJsonArray("values")).hasSize(1);
        assertThat(limited.getBoolean("truncated")).isTrue();

        JsonObject services = get("/telemetry/services?signal=metrics&tenantId=" + tenant.tenantId());
        assertThat(services.getJsonArray("services")).hasSize(1);
        JsonObject service = services.getJsonArray("services").getJsonObject(0);
        assertThat(service.getString("name")).isEqualTo("mq-checkout");
        assertThat(service.getJsonArray("signals").getString(0)).isEqualTo("metrics");
        assertThat(service.getJsonObject("recordCounts").getJsonNumber("metrics").longValue()).isEqualTo(11);
        assertThat(get("/telemetry/services?signal=logs&tenantId=" + tenant.tenantId()).getJsonArray("services")).isEmpty();

        HttpResponse<String> exemplars = call("POST", "/telemetry/metrics/exemplars", admin, Json.createObjectBuilder().add("metric", "it.cpu")
                .add("from", from).add("to", to).add("tenantId", tenant.tenantId()).build().toString());
        assertThat(exemplars.statusCode()).isEqualTo(200);
        JsonArray list = json(exemplars.body()).getJsonArray("exemplars");
        assertThat(list).hasSize(2);
        assertThat(list.getJsonObject(0).getString("traceId")).isEqualTo(TRACE);
        assertThat(list.getJsonObject(0).getString("spanId")).isEqualTo(SPAN);
        assertThat(list.getJsonObject(0).getString("timestampUnixNano")).isEqualTo(Long.toString(base + 14 * SECOND));
        assertThat(list.stream().map(exemplar -> exemplar.asJsonObject().getJsonNumber("value").doubleValue()).toList())
                .containsExactlyInAnyOrder(2.0, 20.0);
    }

    // ---------------------------------------------------------------------------------------------

    /** A query of the test tenant over the two minutes from {@code base} at one-minute steps. */
    private static JsonObjectBuilder body(String metric, String aggregation) {
        return Json.createObjectBuilder().add("metric", metric).add("aggregation", aggregation).add("from", from).add("to", to).add("step", "1m")
                .add("tenantId", tenant.tenantId());
    }

    private static JsonObject query(JsonObjectBuilder body) throws Exception {
        HttpResponse<String> response = call("POST", "/telemetry/metrics/query", admin, body.build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static JsonObject get(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static void assertBad(JsonObjectBuilder body, String field) throws Exception {
        HttpResponse<String> response = call("POST", "/telemetry/metrics/query", admin, body.build().toString());
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(problemField(response)).as(response.body()).isEqualTo(field);
    }

    /** The points of one series as {@code [epochMillis, value]} doubles. */
    private static List<List<Double>> points(JsonObject answer, int series) {
        return answer.getJsonArray("series").getJsonObject(series).getJsonArray("points").stream()
                .map(point -> point.asJsonArray().stream().map(number -> Double.valueOf(number.toString())).toList()).toList();
    }
}
