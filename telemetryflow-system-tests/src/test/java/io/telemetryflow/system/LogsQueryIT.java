package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.HostileInputs;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The logs API end to end: records sent through the real OTLP endpoint under fresh tenants and read back through
 * /api/v2/telemetry/logs with exact answers; a second tenant with look-alike records never shows; hostile text in
 * every string field is an ordinary empty answer or a 400, never a 500; the cache answers MISS then HIT, and ingestion
 * makes a cached answer over a live range, and one over a past range, change long before either would expire.
 */
class LogsQueryIT extends DeployedEar {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN = "eee19b7ec3c1b174";
    private static final List<String> HOSTILE = HostileInputs.against("otel_logs", "line\nbreak", "snowman ☃ \ud800", "\"");

    /** Both tenants hold the same records (minute-aligned, so one hour bucket); only the marker attribute tells them apart. */
    private static TelemetryTenant tenantA;
    private static TelemetryTenant tenantB;
    private static long base;

    private String admin;

    @BeforeEach
    void data() throws Exception {
        admin = DemoUser.ADMINISTRATOR.login();
        if (tenantA != null) {
            return;
        }
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES).toEpochMilli() * 1_000_000L;
        tenantA = TelemetryTenant.create("logs A");
        tenantB = TelemetryTenant.create("logs B");
        for (TelemetryTenant tenant : List.of(tenantA, tenantB)) {
            tenant.send("logs", records(tenant == tenantA ? "A" : "B"));
            tenant.awaitRows("otel_logs", 7);
        }
    }

    @Test
    void searchesAnswerExactlyNewestFirst() throws Exception {
        JsonObject timeouts = ok(search(tenantA, b -> b.add("query", "timeout")));
        assertThat(bodies(timeouts)).containsExactly("retrying payment timeout", "payment timeout for order 42");
        assertThat(timeouts.getJsonObject("totalEstimate")).isEqualTo(Json.createObjectBuilder().add("count", 2).add("exact", true).build());
        assertThat(timeouts.getBoolean("hasMore")).isFalse();
        assertThat(timeouts.containsKey("nextCursor")).isFalse();

        JsonObject first = timeouts.getJsonArray("logs").getJsonObject(1);
        assertThat(first.getString("timestampUnixNano")).isEqualTo(Long.toString(base));
        assertThat(first.getString("observedTimestampUnixNano")).isEqualTo(Long.toString(base + 5));
        assertThat(first.getInt("severityNumber")).isEqualTo(17);
        assertThat(first.getString("severityText")).isEqualTo("ERROR");
        assertThat(first.getString("severityLevel")).isEqualTo("ERROR");
        assertThat(first.getString("serviceName")).isEqualTo("checkout");
        assertThat(first.getString("traceId")).isEqualTo(TRACE);
        assertThat(first.getString("spanId")).isEqualTo(SPAN);
        assertThat(first.getString("scopeName")).isEqualTo("io.telemetryflow.it");
        assertThat(first.getJsonObject("attributes")).containsEntry("http.route", Json.createValue("/pay"))
                .containsEntry("marker", Json.createValue("A"));
        assertThat(first.getJsonObject("resourceAttributes")).containsEntry("service.name", Json.createValue("checkout"));

        assertThat(bodies(ok(search(tenantA, b -> b.add("query", "cart"))))).containsExactly("cart loaded");
        assertThat(bodies(ok(search(tenantA, b -> b.add("query", "\"cart\""))))).containsExactly("cartography module started", "cart loaded");
        assertThat(bodies(ok(search(tenantA, b -> b.add("query", "user_42"))))).containsExactly("user_42 logged in");
        assertThat(bodies(ok(search(tenantA, b -> b.add("severity", "warn")))))
                .containsExactly("charge declined", "retrying payment timeout", "payment timeout for order 42");
        assertThat(bodies(ok(search(tenantA, b -> b.add("service", "payments"))))).containsExactly("charge ok", "charge declined");
        assertThat(ok(search(tenantA, b -> b.add("service", Json.createArrayBuilder().add("payments").add("checkout")))).getJsonArray("logs"))
                .hasSize(7);
        assertThat(bodies(ok(search(tenantA, b -> b.add("traceId", TRACE.toUpperCase()).add("spanId", SPAN)))))
                .containsExactly("payment timeout for order 42");
        assertThat(bodies(ok(search(tenantA, b -> b.add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "http.route").add("op", "in").add("values", Json.createArrayBuilder().add("/pay").add("/charge"))))))))
                .containsExactly("charge declined", "retrying payment timeout", "payment timeout for order 42");

        // pages of 3: no record twice, none left out, the same total on every page
        List<String> seen = new ArrayList<>();
        JsonObject page = ok(search(tenantA, b -> b.add("limit", 3)));
        seen.addAll(bodies(page));
        while (page.getBoolean("hasMore")) {
            String cursor = page.getString("nextCursor");
            page = ok(search(tenantA, b -> b.add("limit", 3).add("cursor", cursor)));
            assertThat(page.getJsonObject("totalEstimate").getInt("count")).isEqualTo(7);
            seen.addAll(bodies(page));
        }
        assertThat(seen).containsExactly("charge ok", "charge declined", "user_42 logged in", "retrying payment timeout",
                "cartography module started", "cart loaded", "payment timeout for order 42");
    }

    @Test
    void histogramTopValuesAndTheLogsOfATrace() throws Exception {
        String from = Instant.ofEpochSecond(0, base).truncatedTo(ChronoUnit.HOURS).toString();
        String to = Instant.ofEpochSecond(0, base).truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS).toString();
        JsonObject histogram = ok(post("/telemetry/logs/histogram", tenantA, b -> b.add("from", from).add("to", to).add("step", "1h")));
        assertThat(histogram.getJsonNumber("stepMillis").longValue()).isEqualTo(3_600_000);
        assertThat(histogram.getInt("total")).isEqualTo(7);
        JsonArray buckets = histogram.getJsonArray("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.getJsonObject(0).getJsonNumber("timestamp").longValue())
                .isEqualTo(Instant.ofEpochSecond(0, base).truncatedTo(ChronoUnit.HOURS).toEpochMilli());
        assertThat(buckets.getJsonObject(0).getJsonObject("counts")).isEqualTo(Json.createObjectBuilder().add("TRACE", 0).add("DEBUG", 1)
                .add("INFO", 3).add("WARN", 1).add("ERROR", 2).add("FATAL", 0).add("UNSPECIFIED", 0).build());
        assertThat(buckets.getJsonObject(1).getInt("total")).isZero();

        JsonObject top = ok(post("/telemetry/logs/top-values", tenantA, b -> b.add("field", "http.route").add("limit", 2)));
        assertThat(top.getJsonArray("values")).isEqualTo(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("value", "/pay").add("count", 2))
                .add(Json.createObjectBuilder().add("value", "/cart").add("count", 1)).build());
        assertThat(top.getInt("otherCount")).isEqualTo(1);
        assertThat(top.getInt("total")).isEqualTo(4);
        assertThat(top.getBoolean("truncated")).isTrue();
        assertThat(ok(post("/telemetry/logs/top-values", tenantA, b -> b.add("field", "service.name"))).getJsonArray("values"))
                .isEqualTo(Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", "checkout").add("count", 5))
                        .add(Json.createObjectBuilder().add("value", "payments").add("count", 2)).build());

        JsonObject traceLogs = ok(call("GET", "/telemetry/logs/by-trace/" + TRACE + "?tenantId=" + tenantA.tenantId(), admin, null));
        assertThat(traceLogs.getString("traceId")).isEqualTo(TRACE);
        assertThat(bodies(traceLogs)).containsExactly("payment timeout for order 42");
        assertThat(bodies(ok(call("GET", "/telemetry/logs/by-trace/" + "0".repeat(31) + "1?tenantId=" + tenantA.tenantId(), admin, null))))
                .isEmpty();
    }

    @Test
    void aSecondTenantsRecordsNeverAppear() throws Exception {
        for (TelemetryTenant tenant : List.of(tenantA, tenantB)) {
            String marker = tenant == tenantA ? "A" : "B";
            JsonObject all = ok(search(tenant, b -> b.add("limit", 1000)));
            assertThat(all.getJsonArray("logs")).hasSize(7).allSatisfy(log -> assertThat(log.asJsonObject().getJsonObject("attributes")
                    .getString("marker")).isEqualTo(marker));
            assertThat(ok(post("/telemetry/logs/histogram", tenant, b -> { })).getInt("total")).isEqualTo(7);
            assertThat(ok(post("/telemetry/logs/top-values", tenant, b -> b.add("field", "marker"))).getJsonArray("values"))
                    .isEqualTo(Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", marker).add("count", 7)).build());
            assertThat(bodies(ok(call("GET", "/telemetry/logs/by-trace/" + TRACE + "?tenantId=" + tenant.tenantId(), admin, null))))
                    .hasSize(1);
        }
        String other = tenantB.tenantId();
        assertThat(ok(search(tenantA, b -> b.add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "marker").add("value", "B"))))).getJsonArray("logs")).isEmpty();
        assertThat(ok(search(tenantA, b -> b.add("query", other))).getJsonArray("logs")).isEmpty();
        // the demo Viewer, naming no tenant, reads its home tenant: exactly the record sent there, none of A's or B's
        String run = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> home = TestEnvironment.postOtlpJson("/v1/logs",
                logs("home", record(nowNanos(), 9, "cartography module started " + run, "home", null, null)), TestEnvironment.bootstrapKey());
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        String viewer = DemoUser.VIEWER.login();
        TestEnvironment.awaitRows("SELECT body FROM telemetryflow.otel_logs WHERE body = 'cartography module started " + run + "' FORMAT TSV", 1);
        // A's and B's "cartography module started" would match too, were they read
        JsonObject found = ok(call("POST", "/telemetry/logs/search", viewer, "{\"query\":\"cartography\",\"limit\":1000}"));
        assertThat(bodies(found)).contains("cartography module started " + run);
        assertThat(found.getJsonArray("logs")).allSatisfy(log -> assertThat(log.asJsonObject().getJsonObject("attributes")
                .getString("marker", "")).isEqualTo("home"));
        assertThat(call("POST", "/telemetry/logs/search", admin, "{\"tenantId\":\"" + UUID.randomUUID() + "\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void hostileTextInAnyFieldIsAnOrdinaryAnswerNeverAServerError() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String hostile : HOSTILE) {
            HttpResponse<String> query = search(tenantA, b -> b.add("query", hostile));
            // '%' and '_' are literal text, so "_" rightly finds "user_42 logged in": only bodies holding the text may come back
            if (query.statusCode() != 200 || !bodies(json(query.body())).stream().allMatch(body -> body.contains(hostile))) {
                check(failures, "query", query);
            }
            check(failures, "service", search(tenantA, b -> b.add("service", hostile)));
            check(failures, "service list", search(tenantA, b -> b.add("service", Json.createArrayBuilder().add(hostile).add("checkout"))
                    .add("query", "no-such-word")));
            check(failures, "traceId", search(tenantA, b -> b.add("traceId", hostile)));
            check(failures, "spanId", search(tenantA, b -> b.add("spanId", hostile)));
            check(failures, "severity", search(tenantA, b -> b.add("severity", hostile)));
            check(failures, "cursor", search(tenantA, b -> b.add("cursor", hostile)));
            check(failures, "from", search(tenantA, b -> b.add("from", hostile)));
            check(failures, "tenantId", search(tenantA, b -> b.add("tenantId", hostile)));
            for (String op : List.of("eq", "neq", "in", "regex", "exists")) {
                JsonObjectBuilder filter = Json.createObjectBuilder().add("key", hostile).add("op", op);
                if (op.equals("in")) {
                    filter.add("values", Json.createArrayBuilder().add(hostile));
                } else if (!op.equals("exists")) {
                    filter.add("value", hostile);
                }
                check(failures, "filters " + op, search(tenantA, b -> b.add("filters", Json.createArrayBuilder().add(filter))
                        .add("query", "no-such-word")));
            }
            check(failures, "field", post("/telemetry/logs/top-values", tenantA, b -> b.add("field", hostile)));
            check(failures, "step", post("/telemetry/logs/histogram", tenantA, b -> b.add("step", hostile)));
            String encoded = java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8);
            check(failures, "by-trace", call("GET", "/telemetry/logs/by-trace/" + encoded.replace("+", "%20") + "?tenantId=" + tenantA.tenantId(),
                    admin, null));
            check(failures, "by-trace from", call("GET", "/telemetry/logs/by-trace/" + TRACE + "?from=" + encoded + "&tenantId="
                    + tenantA.tenantId(), admin, null));
        }
        assertThat(failures).isEmpty();
        // nothing changed: both tenants still hold their records, and the table is there
        tenantA.awaitRows("otel_logs", 7);
        tenantB.awaitRows("otel_logs", 7);
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put("limit", search(tenantA, b -> b.add("limit", 0)));
        answers.put("severity", search(tenantA, b -> b.add("severity", "LOUD")));
        answers.put("traceId", search(tenantA, b -> b.add("traceId", "xyz")));
        answers.put("spanId", search(tenantA, b -> b.add("spanId", TRACE)));
        answers.put("cursor", search(tenantA, b -> b.add("cursor", "AAAA")));
        answers.put("query", search(tenantA, b -> b.add("query", "\"unclosed")));
        answers.put("from", search(tenantA, b -> b.add("from", "yesterday")));
        answers.put("service", search(tenantA, b -> b.add("service", 42)));
        answers.put("filters", search(tenantA, b -> b.add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "k").add("op", "regex").add("value", "(")))));
        answers.put("filters.op", search(tenantA, b -> b.add("filters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key", "k").add("op", "like").add("value", "v")))));
        answers.put("tenantId", search(tenantA, b -> b.add("tenantId", "not-a-uuid")));
        answers.put("step", post("/telemetry/logs/histogram", tenantA, b -> b.add("step", "1s").add("from", "now-2h")));
        answers.put("field", post("/telemetry/logs/top-values", tenantA, b -> { }));
        answers.put("body", call("POST", "/telemetry/logs/search", admin, "{\"limit\": \"many\""));
        answers.put("traceId ", call("GET", "/telemetry/logs/by-trace/xyz?tenantId=" + tenantA.tenantId(), admin, null));
        answers.put("limit ", call("GET", "/telemetry/logs/by-trace/" + TRACE + "?limit=abc&tenantId=" + tenantA.tenantId(), admin, null));
        String cursor = ok(search(tenantA, b -> b.add("limit", 1))).getString("nextCursor");
        answers.put("cursor ", search(tenantA, b -> b.add("limit", 1).add("query", "cart").add("cursor", cursor)));
        answers.forEach((field, answer) -> {
            assertThat(answer.statusCode()).as(field + ": " + answer.body()).isEqualTo(400);
            assertThat(json(answer.body()).getString("field")).as(field).isEqualTo(field.strip());
        });
    }

    @Test
    void answersComeFromTheCacheUntilIngestionMakesThemStale() throws Exception {
        HttpResponse<String> miss = search(tenantA, b -> b.add("query", "charge").add("severity", "INFO"));
        HttpResponse<String> hit = search(tenantA, b -> b.add("query", "charge").add("severity", "INFO"));
        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(hit.body()).isEqualTo(miss.body());

        // a fresh tenant: its first stored batch always bumps its live generation
        TelemetryTenant fresh = TelemetryTenant.create("logs fresh");
        long lateTime = Instant.now().minus(150, ChronoUnit.MINUTES).toEpochMilli() * 1_000_000L;
        Consumer<JsonObjectBuilder> live = b -> b.add("from", "now-1h");
        String pastFrom = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
        String pastTo = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
        Consumer<JsonObjectBuilder> past = b -> b.add("from", pastFrom).add("to", pastTo);
        for (Consumer<JsonObjectBuilder> range : List.of(live, past)) {
            assertThat(search(fresh, range).headers().firstValue("X-Cache")).hasValue("MISS");
            HttpResponse<String> cached = search(fresh, range);
            assertThat(cached.headers().firstValue("X-Cache")).hasValue("HIT");
            assertThat(json(cached.body()).getJsonArray("logs")).isEmpty();
        }
        Instant cachedAt = Instant.now();

        fresh.send("logs", logs("checkout", record(nowNanos(), 9, "arrived later", "F", null, null)));
        fresh.awaitRows("otel_logs", 1);
        assertThat(awaitChange(fresh, live, cachedAt)).containsExactly("arrived later");
        // data older than the freshness window bumps the past generation: an answer cached for an hour changes too
        fresh.send("logs", logs("checkout", record(lateTime, 9, "arrived late", "F", null, null)));
        fresh.awaitRows("otel_logs", 2);
        assertThat(awaitChange(fresh, past, cachedAt)).containsExactly("arrived late");
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The bodies of the search once its answer is no longer the cached empty one. Cached live answers expire after
     * the freshness window (60 s) and past ones after an hour: a change seen well within 60 s of caching can only
     * come from ingestion bumping the tenant's generation.
     */
    private List<String> awaitChange(TelemetryTenant tenant, Consumer<JsonObjectBuilder> range, Instant cachedAt) throws Exception {
        Instant deadline = cachedAt.plusSeconds(45);
        while (Instant.now().isBefore(deadline)) {
            JsonObject answer = ok(search(tenant, range));
            if (!answer.getJsonArray("logs").isEmpty()) {
                return bodies(answer);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the cached answer did not change within 45 s of caching");
    }

    private void check(List<String> failures, String what, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status == 400) {
            return;
        }
        if (status != 200) {
            failures.add(what + " → " + status + " " + answer.body());
            return;
        }
        JsonObject body = json(answer.body());
        for (String list : List.of("logs", "values")) {
            if (body.containsKey(list) && !body.getJsonArray(list).isEmpty()) {
                failures.add(what + " → 200 with results " + answer.body());
            }
        }
        if (body.containsKey("total") && body.getInt("total") != 0 && !what.equals("step")) {
            failures.add(what + " → counted records " + answer.body());
        }
    }

    private HttpResponse<String> search(TelemetryTenant tenant, Consumer<JsonObjectBuilder> fields) throws Exception {
        return post("/telemetry/logs/search", tenant, fields);
    }

    private HttpResponse<String> post(String path, TelemetryTenant tenant, Consumer<JsonObjectBuilder> fields) throws Exception {
        JsonObjectBuilder body = Json.createObjectBuilder().add("tenantId", tenant.tenantId());
        fields.accept(body);
        return call("POST", path, admin, body.build().toString());
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static List<String> bodies(JsonObject answer) {
        return answer.getJsonArray("logs").stream().map(log -> log.asJsonObject().getString("body")).toList();
    }

    private static long nowNanos() {
        return Instant.now().toEpochMilli() * 1_000_000L;
    }

    /** Seven records in two services, one second apart from {@link #base}, tagged with {@code marker}. */
    private static String records(String marker) {
        return Json.createObjectBuilder().add("resourceLogs", Json.createArrayBuilder()
                .add(resourceLogs("checkout",
                        record(base, 17, "payment timeout for order 42", marker, "/pay", TRACE),
                        record(base + 1_000_000_000L, 9, "cart loaded", marker, "/cart", null),
                        record(base + 2_000_000_000L, 9, "cartography module started", marker, null, null),
                        record(base + 3_000_000_000L, 13, "retrying payment timeout", marker, "/pay", null),
                        record(base + 4_000_000_000L, 5, "user_42 logged in", marker, null, null)))
                .add(resourceLogs("payments",
                        record(base + 5_000_000_000L, 17, "charge declined", marker, "/charge", null),
                        record(base + 6_000_000_000L, 9, "charge ok", marker, null, null)))).build().toString();
    }

    private static String logs(String service, JsonObject record) {
        return Json.createObjectBuilder().add("resourceLogs", Json.createArrayBuilder().add(resourceLogs(service, record))).build().toString();
    }

    private static JsonObjectBuilder resourceLogs(String service, JsonObject... records) {
        JsonArrayBuilder logRecords = Json.createArrayBuilder();
        for (JsonObject record : records) {
            logRecords.add(record);
        }
        return Json.createObjectBuilder()
                .add("resource", Json.createObjectBuilder().add("attributes", Json.createArrayBuilder().add(attribute("service.name", service))))
                .add("scopeLogs", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("scope", Json.createObjectBuilder().add("name", "io.telemetryflow.it")).add("logRecords", logRecords)));
    }

    private static JsonObject record(long timeNanos, int severity, String body, String marker, String route, String traceId) {
        JsonArrayBuilder attributes = Json.createArrayBuilder().add(attribute("marker", marker));
        if (route != null) {
            attributes.add(attribute("http.route", route));
        }
        JsonObjectBuilder record = Json.createObjectBuilder().add("timeUnixNano", Long.toString(timeNanos))
                .add("observedTimeUnixNano", Long.toString(timeNanos + 5)).add("severityNumber", severity)
                .add("severityText", switch (severity) {
                    case 5 -> "DEBUG";
                    case 9 -> "INFO";
                    case 13 -> "WARN";
                    default -> "ERROR";
                })
                .add("body", Json.createObjectBuilder().add("stringValue", body)).add("attributes", attributes);
        if (traceId != null) {
            record.add("traceId", traceId).add("spanId", SPAN);
        }
        return record.build();
    }

    private static JsonObject attribute(String key, String value) {
        return Json.createObjectBuilder().add("key", key).add("value", Json.createObjectBuilder().add("stringValue", value)).build();
    }
}
