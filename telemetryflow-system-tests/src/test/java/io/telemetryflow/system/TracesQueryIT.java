package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.problemField;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.HostileInputs;
import io.telemetryflow.testsupport.OtlpJson;
import io.telemetryflow.testsupport.Readiness;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The traces read API end to end: a known three-service trace sent through the real OTLP endpoint under a fresh
 * tenant, read back through {@code /api/v2/telemetry/traces...}: exact tree, critical path, search summaries,
 * service-map edges and RED counts; the same trace id under a second tenant never shows; hostile strings in every
 * field are ordinary answers (empty, 404 or 400), never a 500, and change nothing; bad input is a 400 naming the
 * field; a repeated query is served from the cache.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracesQueryIT {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final long MS = 1_000_000L;
    private static final List<String> HOSTILE = HostileInputs.against("otel_traces", "a\nb", "ünï€ødé ✓");

    private static TelemetryTenant tenant;
    private static TelemetryTenant other;
    private static String admin;
    private static long base;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    /** Set when the shared set-up failed, so the other tests fail at once instead of waiting again. */
    private static Throwable setupFailure;

    @BeforeEach
    void ingestOnce() throws Exception {
        if (setupFailure != null) {
            throw new AssertionError("set-up failed earlier", setupFailure);
        }
        if (tenant != null) {
            return;
        }
        try {
            ingest();
        } catch (Exception | AssertionError e) {
            setupFailure = e;
            throw e;
        }
    }

    private static void ingest() throws Exception {
        Readiness.awaitReady(Duration.ofSeconds(90));
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.MINUTES).getEpochSecond() * 1_000_000_000L;
        TelemetryTenant a = TelemetryTenant.create("traces-a");
        TelemetryTenant b = TelemetryTenant.create("traces-b");
        a.send("traces", checkoutTrace());
        b.send("traces", intruderTrace());
        a.awaitRows("otel_traces", 8);
        b.awaitRows("otel_traces", 3);
        admin = DemoUser.ADMINISTRATOR.login();
        other = b;
        tenant = a;
    }

    @Test
    void traceComesBackAsATreeWithItsCriticalPath() throws Exception {
        HttpResponse<String> response = call("GET", "/telemetry/traces/" + TRACE.toUpperCase() + "?tenantId=" + tenant.tenantId(), admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject trace = json(response.body());
        List<String> shape = new ArrayList<>();
        for (JsonValue value : trace.getJsonArray("spans")) {
            JsonObject span = value.asJsonObject();
            shape.add(span.getString("spanId") + "@" + span.getInt("depth") + (span.getBoolean("orphan") ? " orphan" : "") + " "
                    + span.getString("serviceName") + " " + span.getString("name") + " children=" + strings(span.getJsonArray("childSpanIds")));
        }
        assertThat(shape).containsExactly(
                id(1) + "@0 frontend GET /checkout children=[" + id(2) + ", " + id(5) + "]",
                id(2) + "@1 frontend POST /cart children=[" + id(3) + "]",
                id(3) + "@2 cart POST /cart children=[" + id(4) + "]",
                id(4) + "@3 cart cart.load children=[]",
                id(5) + "@1 frontend POST /charge children=[" + id(6) + "]",
                id(6) + "@2 payment POST /charge children=[" + id(7) + "]",
                id(7) + "@3 payment audit.async children=[]",
                id(8) + "@0 orphan cart late.job children=[]");
        JsonObject payment = trace.getJsonArray("spans").getJsonObject(5);
        assertThat(payment.getString("startTimeUnixNano")).isEqualTo(Long.toString(base + 130 * MS));
        assertThat(payment.getJsonNumber("durationNanos").longValue()).isEqualTo(140 * MS);
        assertThat(payment.getString("kind")).isEqualTo("SERVER");
        assertThat(payment.getString("statusCode")).isEqualTo("ERROR");
        assertThat(payment.getJsonObject("attributes").getString("http.response.status_code")).isEqualTo("402");
        assertThat(payment.getJsonArray("events").getJsonObject(0).getString("name")).isEqualTo("exception");

        List<String> path = new ArrayList<>();
        for (JsonValue segment : trace.getJsonArray("criticalPath")) {
            path.add(segment.asJsonObject().getString("spanId") + ":" + segment.asJsonObject().getJsonNumber("durationNanos").longValue() / MS);
        }
        assertThat(path).containsExactly(id(1) + ":10", id(2) + ":10", id(3) + ":10", id(4) + ":30", id(3) + ":40", id(2) + ":10",
                id(1) + ":10", id(5) + ":10", id(6) + ":130", id(7) + ":10", id(5) + ":10", id(1) + ":20");
        assertThat(trace.getString("rootService")).isEqualTo("frontend");
        assertThat(trace.getJsonNumber("durationNanos").longValue()).isEqualTo(400 * MS);
        assertThat(trace.getInt("spanCount")).isEqualTo(8);
        assertThat(trace.getInt("errorCount")).isEqualTo(1);
        assertThat(trace.getInt("orphanCount")).isEqualTo(1);
        assertThat(trace.getBoolean("truncated")).isFalse();
    }

    @Test
    void searchServiceMapAndRedAnswerExactly() throws Exception {
        JsonObject found = search(Json.createObjectBuilder().add("service", "payment").add("minDuration", "100ms"));
        assertThat(found.getBoolean("hasMore")).isFalse();
        assertThat(found.getJsonArray("traces")).hasSize(1);
        JsonObject summary = found.getJsonArray("traces").getJsonObject(0);
        assertThat(summary.getString("traceId")).isEqualTo(TRACE);
        assertThat(summary.getString("rootService")).isEqualTo("frontend");
        assertThat(summary.getString("rootOperation")).isEqualTo("GET /checkout");
        assertThat(summary.getString("startTimeUnixNano")).isEqualTo(Long.toString(base));
        assertThat(summary.getJsonNumber("durationNanos").longValue()).isEqualTo(400 * MS);
        assertThat(summary.getInt("spanCount")).isEqualTo(8);
        assertThat(summary.getInt("errorCount")).isEqualTo(1);
        assertThat(strings(summary.getJsonArray("services"))).containsExactly("cart", "frontend", "payment");
        assertThat(search(Json.createObjectBuilder().add("service", "payment").add("minDuration", 150 * MS)).getJsonArray("traces")).isEmpty();
        assertThat(search(Json.createObjectBuilder().add("status", "ERROR").add("operation", "POST /charge")).getJsonArray("traces")).hasSize(1);
        assertThat(search(Json.createObjectBuilder().add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "customer.tier").add("op", "in").add("values", Json.createArrayBuilder().add("gold").add("silver")))))
                .getJsonArray("traces")).hasSize(1);

        HttpResponse<String> mapResponse = call("GET", "/telemetry/traces/service-map?" + range() + "&tenantId=" + tenant.tenantId(), admin, null);
        assertThat(mapResponse.statusCode()).as(mapResponse.body()).isEqualTo(200);
        JsonObject map = json(mapResponse.body());
        List<String> edges = new ArrayList<>();
        for (JsonValue value : map.getJsonArray("edges")) {
            JsonObject edge = value.asJsonObject();
            edges.add(edge.getString("source") + "->" + edge.getString("target") + " calls=" + edge.getInt("calls") + " errors="
                    + edge.getInt("errors") + " p50=" + edge.getJsonObject("latencyNanos").getJsonNumber("p50").longValue() / MS);
        }
        assertThat(edges).containsExactly("frontend->cart calls=1 errors=0 p50=80", "frontend->payment calls=1 errors=1 p50=140");
        List<String> nodes = new ArrayList<>();
        map.getJsonArray("nodes").forEach(node -> nodes.add(node.asJsonObject().getString("service") + "=" + node.asJsonObject().getInt("calls")));
        assertThat(nodes).containsExactly("cart=1", "frontend=1", "payment=1");

        HttpResponse<String> redResponse = call("GET", "/telemetry/traces/red?" + range() + "&service=payment&tenantId=" + tenant.tenantId(),
                admin, null);
        assertThat(redResponse.statusCode()).as(redResponse.body()).isEqualTo(200);
        JsonObject red = json(redResponse.body()).getJsonArray("items").getJsonObject(0);
        assertThat(red.getString("operation")).isEqualTo("POST /charge");
        assertThat(red.getInt("requests")).isEqualTo(1);
        assertThat(red.getInt("errors")).isEqualTo(1);
        assertThat(red.getJsonNumber("errorRate").doubleValue()).isEqualTo(1.0);
        assertThat(red.getJsonObject("durationNanos").getJsonNumber("p99").longValue()).isEqualTo(140 * MS);
    }

    @Test
    void anotherTenantsTraceWithTheSameIdNeverShows() throws Exception {
        for (String service : List.of("intruder", "")) {
            JsonObject found = search(Json.createObjectBuilder().add("service", service));
            assertThat(found.toString()).doesNotContain("intruder");
        }
        HttpResponse<String> mine = call("GET", "/telemetry/traces/" + TRACE + "?tenantId=" + tenant.tenantId(), admin, null);
        assertThat(mine.body()).doesNotContain("intruder");
        HttpResponse<String> theirs = call("GET", "/telemetry/traces/" + TRACE + "?tenantId=" + other.tenantId(), admin, null);
        assertThat(json(theirs.body()).getInt("spanCount")).isEqualTo(3);
        assertThat(theirs.body()).doesNotContain("frontend");
        HttpResponse<String> map = call("GET", "/telemetry/traces/service-map?" + range() + "&tenantId=" + other.tenantId(), admin, null);
        assertThat(json(map.body()).getJsonArray("edges")).isEmpty();
        assertThat(call("GET", "/telemetry/traces/" + UUID.randomUUID().toString().replace("-", "") + "?tenantId=" + tenant.tenantId(),
                admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void hostileStringsAreOrdinaryAnswersAndChangeNothing() throws Exception {
        for (String hostile : HOSTILE) {
            for (String field : List.of("service", "operation")) {
                HttpResponse<String> response = call("POST", "/telemetry/traces/search", admin,
                        body(Json.createObjectBuilder().add(field, hostile)).toString());
                assertThat(response.statusCode()).as(field + " " + hostile + ": " + response.body()).isEqualTo(200);
                assertThat(json(response.body()).getJsonArray("traces")).isEmpty();
            }
            HttpResponse<String> byValue = call("POST", "/telemetry/traces/search", admin, body(Json.createObjectBuilder().add("filters",
                    Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "customer.tier").add("value", hostile)))).toString());
            assertThat(json(byValue.body()).getJsonArray("traces")).as(hostile).isEmpty();
            HttpResponse<String> byKey = call("POST", "/telemetry/traces/search", admin, body(Json.createObjectBuilder().add("filters",
                    Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", hostile).add("op", "exists")))).toString());
            assertThat(json(byKey.body()).getJsonArray("traces")).as(hostile).isEmpty();
            HttpResponse<String> regex = call("POST", "/telemetry/traces/search", admin, body(Json.createObjectBuilder().add("filters",
                    Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "customer.tier").add("op", "regex")
                            .add("value", hostile)))).toString());
            assertThat(regex.statusCode()).as(hostile + ": " + regex.body()).isIn(200, 400);
            HttpResponse<String> status = call("POST", "/telemetry/traces/search", admin,
                    body(Json.createObjectBuilder().add("status", hostile)).toString());
            assertThat(status.statusCode()).isEqualTo(400);
            assertThat(problemField(status)).isEqualTo("status");
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20");
            HttpResponse<String> byId = call("GET", "/telemetry/traces/" + encoded + "?tenantId=" + tenant.tenantId(), admin, null);
            assertThat(byId.statusCode()).as(hostile + ": " + byId.body()).isIn(400, 404);
            HttpResponse<String> red = call("GET", "/telemetry/traces/red?service=" + encoded + "&tenantId=" + tenant.tenantId(), admin, null);
            assertThat(red.statusCode()).as(hostile + ": " + red.body()).isEqualTo(200);
            assertThat(json(red.body()).getJsonArray("items")).isEmpty();
            HttpResponse<String> map = call("GET", "/telemetry/traces/service-map?from=" + encoded + "&tenantId=" + tenant.tenantId(), admin, null);
            assertThat(map.statusCode()).as(hostile + ": " + map.body()).isEqualTo(400);
        }
        tenant.awaitRows("otel_traces", 8);
        assertThat(search(Json.createObjectBuilder()).getJsonArray("traces")).hasSize(1);
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, JsonObjectBuilder> bodies = Map.of(
                "limit", Json.createObjectBuilder().add("limit", 501),
                "minDuration", Json.createObjectBuilder().add("minDuration", "-1s"),
                "maxDuration", Json.createObjectBuilder().add("maxDuration", true),
                "filters.op", Json.createObjectBuilder().add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("key", "a").add("op", "like").add("value", "b"))),
                "from", Json.createObjectBuilder().add("from", "yesterday").add("tenantId", tenant.tenantId()),
                "tenantId", Json.createObjectBuilder().add("tenantId", "not-a-uuid"));
        for (Map.Entry<String, JsonObjectBuilder> bad : bodies.entrySet()) {
            HttpResponse<String> response = call("POST", "/telemetry/traces/search", admin, bad.getValue().build().toString());
            assertThat(response.statusCode()).as(bad.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(problemField(response)).isEqualTo(bad.getKey());
        }
        HttpResponse<String> step = call("GET", "/telemetry/traces/red?step=0", admin, null);
        assertThat(step.statusCode()).isEqualTo(400);
        assertThat(problemField(step)).isEqualTo("step");
        HttpResponse<String> id = call("GET", "/telemetry/traces/xyz", admin, null);
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(problemField(id)).isEqualTo("traceId");
        assertThat(call("POST", "/telemetry/traces/search", admin, "{\"filters\": 3}").statusCode()).isEqualTo(400);
    }

    @Test
    void aRepeatedQueryIsServedFromTheCache() throws Exception {
        String request = body(Json.createObjectBuilder().add("operation", "GET /checkout").add("limit", 7)).toString();
        HttpResponse<String> first = call("POST", "/telemetry/traces/search", admin, request);
        HttpResponse<String> second = call("POST", "/telemetry/traces/search", admin, request);
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body());
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonObject search(JsonObjectBuilder fields) throws Exception {
        HttpResponse<String> response = call("POST", "/telemetry/traces/search", admin, body(fields).toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** The fields plus this tenant and a range around the trace. */
    private static JsonObject body(JsonObjectBuilder fields) {
        return fields.add("tenantId", tenant.tenantId()).add("from", Long.toString(base / MS - 60_000))
                .add("to", Long.toString(base / MS + 60_000)).build();
    }

    private static String range() {
        return "from=" + (base / MS - 60_000) + "&to=" + (base / MS + 60_000);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonValue::toString).stream().map(text -> text.replace("\"", "")).toList();
    }

    private static String id(int n) {
        return "%016x".formatted(0x1000 + n);
    }

    /**
     * frontend GET /checkout (0..300 ms) calls cart (POST /cart 10..110, served 20..100 with cart.load 30..60) and payment
     * (POST /charge 120..280, served 130..270 with an error, and audit.async 260..400 outliving it); late.job names a
     * parent that is not in the trace.
     */
    private static String checkoutTrace() {
        String error = ",\"status\":{\"code\":2,\"message\":\"card declined\"},\"attributes\":[{\"key\":\"http.response.status_code\","
                + "\"value\":{\"intValue\":\"402\"}}],\"events\":[{\"timeUnixNano\":\"" + (base + 200 * MS)
                + "\",\"name\":\"exception\"}]";
        String gold = ",\"attributes\":[{\"key\":\"customer.tier\",\"value\":{\"stringValue\":\"gold\"}}]";
        return OtlpJson.traces(List.of(
                resource("frontend", span(1, 0, "GET /checkout", 2, 0, 300), span(2, 1, "POST /cart", 3, 10, 110),
                        span(5, 1, "POST /charge", 3, 120, 280)),
                resource("cart", span(3, 2, "POST /cart", 2, 20, 100).replace("}", gold + "}"), span(4, 3, "cart.load", 1, 30, 60),
                        span(8, 0xffff, "late.job", 1, 50, 70)),
                resource("payment", span(6, 5, "POST /charge", 2, 130, 270).replace("}", error + "}"),
                        span(7, 6, "audit.async", 1, 260, 400))));
    }

    /**
     * The same trace id under the second tenant, with spans whose join keys match the first tenant's: a CLIENT span with
     * the id of frontend's call to cart (so cart's span is its child by key) and a SERVER span naming frontend's call to
     * payment as its parent. A side of the service-map join read without the tenant predicate pairs them across tenants.
     */
    private static String intruderTrace() {
        return OtlpJson.traces(List.of(resource("intruder", span(1, 0, "GET /checkout", 2, 0, 300), span(2, 1, "POST /cart", 3, 10, 110),
                span(11, 5, "POST /charge", 2, 130, 270))));
    }

    private static String resource(String service, String... spans) {
        return "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service + "\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"traces-it\"},\"spans\":[" + String.join(",", spans) + "]}]}";
    }

    /** One span (no nested object, so extra fields can be spliced in before its closing brace). */
    private static String span(int n, int parent, String name, int kind, long startMs, long endMs) {
        return "{\"traceId\":\"" + TRACE + "\",\"spanId\":\"" + id(n) + "\"" + (parent == 0 ? "" : ",\"parentSpanId\":\"" + id(parent) + "\"")
                + ",\"name\":\"" + name + "\",\"kind\":" + kind + ",\"startTimeUnixNano\":\"" + (base + startMs * MS)
                + "\",\"endTimeUnixNano\":\"" + (base + endMs * MS) + "\"}";
    }
}
