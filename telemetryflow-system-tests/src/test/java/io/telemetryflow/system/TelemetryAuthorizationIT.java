package io.telemetryflow.system;

import static io.telemetryflow.system.LiveTailIT.attribute;
import static io.telemetryflow.system.LiveTailIT.resource;
import static io.telemetryflow.system.LiveTailIT.subscribe;
import static io.telemetryflow.system.LiveTailIT.type;
import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.unique;
import static io.telemetryflow.testsupport.IamCalls.uniqueEmail;
import static io.telemetryflow.testsupport.IamCalls.user;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.system.LiveTailIT.LiveClient;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read a tenant's telemetry (docs/telemetry-api.md, "Rules for every query"; docs/iam.md): a tenant that holds
 * logs, spans and metric points is read through every operation under {@code /api/v2/telemetry} of the server's route
 * table and through the live tail by callers who may not read it: a Viewer of another organization, a Viewer narrowed
 * to another workspace, and one narrowed to another tenant of the same workspace get the 404 of a tenant that does not
 * exist (their role holds the permission, so the access filter lets them in and {@code TelemetryScopes} refuses), a
 * member of the organization without any read permission gets 403 from the access filter, and none of them sees a
 * record or an event. The organization's Viewer and a Viewer narrowed to that very tenant read the same data (the
 * positive control, which also proves the data is there to leak).
 */
class TelemetryAuthorizationIT extends DeployedEar {

    /** telemetryflow.query.refused-tenants-per-user-per-minute, the default. */
    private static final int REFUSED_TENANTS_PER_MINUTE = 60;
    /** telemetryflow.live.recheck-interval of the test server (arquillian.xml). */
    private static final Duration LIVE_RECHECK = Duration.ofSeconds(2);

    private static final String PASSWORD = "Authorization-Test-Password-1";
    private static final String TRACE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String TELEMETRY = "/api/v2/telemetry/";

    /** A signed-in user and the status every read of the tenant must get (200 for the permitted). */
    private record Reader(String who, String token, int status) {
    }

    /** One read of the tenant: its route-table entry, how to call it, and what its answer holds when it holds data. */
    private record Read(String operation, String method, String path, JsonObject body, Predicate<JsonObject> holdsData) {
    }

    private static TelemetryTenant tenant;
    /** Unique to this run: every service name of the tenant's data starts with it, so a leak shows in any answer. */
    private static String service;
    private static List<Reader> permitted;
    private static List<Reader> denied;
    private static Throwable setupFailure;

    @BeforeEach
    void setUpOnce() throws Exception {
        if (setupFailure != null) {
            throw new AssertionError("set-up failed earlier", setupFailure);
        }
        if (tenant != null) {
            return;
        }
        try {
            setUp();
        } catch (Exception | AssertionError e) {
            setupFailure = e;
            throw e;
        }
    }

    private static void setUp() throws Exception {
        service = unique("authz");
        tenant = TelemetryTenant.create("authz");
        tenant.send("logs", logs(service + "-frontend", "checkout failed " + service));
        tenant.send("traces", trace(service + "-frontend", service + "-payments"));
        tenant.send("metrics", gauge(service + "-frontend"));
        tenant.awaitRows("otel_logs", 1);
        tenant.awaitRows("otel_traces", 3);
        tenant.awaitRows("otel_metrics_gauge", 1);

        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String viewer = admin.systemRole("Viewer");
        // another workspace of the organization, and another tenant in the tenant's own workspace
        String otherWorkspace = admin.create("/iam/workspaces", object().add("name", unique("authz elsewhere"))).getString("id");
        admin.create("/iam/tenants", object().add("workspaceId", otherWorkspace).add("name", unique("authz outside")));
        String sibling = admin.create("/iam/tenants", object().add("workspaceId", tenant.workspaceId()).add("name", unique("authz sibling")))
                .getString("id");

        IamCalls root = new IamCalls(DemoUser.SUPER_ADMINISTRATOR.login());
        String region = root.ids("/iam/regions?limit=200").get(0);
        String organization = root.create("/iam/organizations", object().add("regionId", region).add("name", unique("authz other org")))
                .getString("id");

        permitted = List.of(
                new Reader("the organization's Viewer", DemoUser.VIEWER.login(), 200),
                new Reader("a Viewer narrowed to the tenant", member(admin, null, object().add("roleId", viewer).add("tenantId", tenant.tenantId())), 200));
        denied = List.of(
                new Reader("a Viewer of another organization", member(root, organization, object().add("roleId", viewer)), 404),
                new Reader("a Viewer narrowed to another workspace", member(admin, null, object().add("roleId", viewer).add("workspaceId", otherWorkspace)), 404),
                new Reader("a Viewer narrowed to another tenant of the workspace", member(admin, null, object().add("roleId", viewer).add("tenantId", sibling)), 404),
                new Reader("a member without a read permission", member(admin, null, null), 403));
    }

    @Test
    void everyTelemetryReadAnswersOnlyThoseWhoMayReadTheTenant() throws Exception {
        List<Read> reads = reads();
        TreeSet<String> tested = reads.stream().map(Read::operation).collect(Collectors.toCollection(TreeSet::new));
        assertThat(tested)
                .as("the reads below cover every telemetry operation of the route table")
                .containsExactlyElementsOf(telemetryOperations());
        List<String> mismatches = new ArrayList<>();
        for (Reader reader : permitted) {
            for (Read read : reads) {
                HttpResponse<String> answer = call(read.method(), read.path(), reader.token(), read.body() == null ? null : read.body().toString());
                if (answer.statusCode() != 200 || !read.holdsData().test(json(answer.body()))) {
                    mismatches.add(read.operation() + " as " + reader.who() + " → " + answer.statusCode() + " without the data: " + excerpt(answer.body()));
                }
            }
        }
        for (Reader reader : denied) {
            for (Read read : reads) {
                HttpResponse<String> answer = call(read.method(), read.path(), reader.token(), read.body() == null ? null : read.body().toString());
                if (answer.statusCode() != reader.status() || answer.body().contains(service)
                        || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    mismatches.add(read.operation() + " as " + reader.who() + " → " + answer.statusCode() + ", expected " + reader.status()
                            + " and no data: " + excerpt(answer.body()));
                }
            }
        }
        assertThat(mismatches).as("reads answered against the tenant's access").isEmpty();
    }

    @Test
    void aUserWhoKeepsNamingTenantsTheyMayNotReadIsRefusedBeforeTheLookup() throws Exception {
        // a user of its own: the refusals it spends would refuse another test's reads for the rest of the minute
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String reader = member(admin, null, object().add("roleId", admin.systemRole("Viewer")).add("tenantId", tenant.tenantId()));
        String search = "/telemetry/logs/search";
        String readable = "{\"tenantId\":\"" + tenant.tenantId() + "\"}";
        assertThat(call("POST", search, reader, readable).statusCode()).as("the user's tenant, before").isEqualTo(200);
        LiveClient live = LiveClient.connect(LiveTailIT.WS, reader);
        live.await(type("authenticated"));
        live.send(subscribe("logs:new", tenant.tenantId(), null));
        live.await(type("subscribed"));
        // all 61 requests inside one window of the cluster's per-minute counters
        long window = TestEnvironment.rateLimitWindowWithAtLeast(Duration.ofSeconds(30));
        for (int i = 0; i < REFUSED_TENANTS_PER_MINUTE; i++) {
            HttpResponse<String> unknown = call("POST", search, reader, "{\"tenantId\":\"" + UUID.randomUUID() + "\"}");
            assertThat(unknown.statusCode()).as("made-up tenant %d: %s", i, unknown.body()).isEqualTo(404);
        }
        HttpResponse<String> refused = call("POST", search, reader, "{\"tenantId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(TestEnvironment.rateLimitWindow()).as("the requests ended in the window they started in").isEqualTo(window);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(json(refused.body()).getString("detail")).contains("tenants you may not read");
        assertThat(call("POST", search, reader, readable).statusCode()).as("any tenant but the home tenant, for the rest of the minute")
                .isEqualTo(429);
        assertThat(call("POST", search, permitted.get(0).token(), readable).statusCode()).as("another user's budget").isEqualTo(200);

        // the live tail re-checks the subscription every 2 s on the test server; the spent budget must not end it
        Thread.sleep(3 * LIVE_RECHECK.toMillis());
        tenant.send("logs", logs(service + "-frontend", "after the refusals"));
        live.await(m -> live.logs().stream().anyMatch(log -> log.getString("body").equals("after the refusals")));
        assertThat(live.received()).as("no subscription ended").noneMatch(type("error"));
        live.close();
    }

    @Test
    void theLiveTailOfTheTenantIsRefusedToThoseWhoMayNotReadIt() throws Exception {
        LiveClient reader = LiveClient.connect(LiveTailIT.WS, permitted.get(1).token());
        reader.await(type("authenticated"));
        reader.send(subscribe("logs:new", tenant.tenantId(), null));
        reader.await(type("subscribed"));
        List<LiveClient> refused = new ArrayList<>();
        for (Reader outsider : denied) {
            LiveClient client = LiveClient.connect(LiveTailIT.WS, outsider.token());
            client.await(type("authenticated"));
            for (String channel : List.of("logs:new", "metrics:new", "traces:new")) {
                client.send(subscribe(channel, tenant.tenantId(), null));
                JsonObject error = client.await(m -> m.getString("type").equals("error") && m.getString("channel").equals(channel));
                assertThat(error.getString("reason")).as(outsider.who()).isEqualTo("tenant " + tenant.tenantId() + " not found");
            }
            assertThat(client.received()).as(outsider.who()).noneMatch(type("subscribed"));
            refused.add(client);
        }
        tenant.send("logs", logs(service + "-frontend", "first live record"));
        reader.await(m -> reader.logs().stream().anyMatch(log -> log.getString("body").equals("first live record")));
        // the live topic is consumed by one session: once the second record reached a subscriber, the first one was
        // handed to every socket of this node, and a pong asked for now queues behind anything handed to it
        tenant.send("logs", logs(service + "-frontend", "second live record"));
        reader.await(m -> reader.logs().stream().anyMatch(log -> log.getString("body").equals("second live record")));
        for (int i = 0; i < refused.size(); i++) {
            LiveClient client = refused.get(i);
            client.send("{\"type\":\"ping\"}");
            client.await(type("pong"));
            assertThat(client.events()).as(denied.get(i).who()).isEmpty();
            client.close();
        }
        reader.close();
    }

    private static String excerpt(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    /** Every telemetry read of the tenant, keyed as the route table names it ("GET /api/v2/telemetry/..."). */
    private static List<Read> reads() {
        String tenantId = tenant.tenantId();
        String query = "?tenantId=" + tenantId;
        String frontend = service + "-frontend";
        return List.of(
                post("logs/search", object().add("tenantId", tenantId), answer -> !answer.getJsonArray("logs").isEmpty()),
                post("logs/histogram", object().add("tenantId", tenantId), answer -> answer.getInt("total") > 0),
                post("logs/top-values", object().add("tenantId", tenantId).add("field", "service.name"), answer -> !answer.getJsonArray("values").isEmpty()),
                get("logs/by-trace/{traceId}", "logs/by-trace/" + TRACE + query, answer -> !answer.getJsonArray("logs").isEmpty()),
                post("metrics/query", object().add("tenantId", tenantId).add("metric", "authz.cpu").add("aggregation", "avg"),
                        answer -> !answer.getJsonArray("series").isEmpty()),
                post("metrics/exemplars", object().add("tenantId", tenantId).add("metric", "authz.cpu"), answer -> !answer.getJsonArray("exemplars").isEmpty()),
                get("metrics/names", "metrics/names" + query, answer -> !answer.getJsonArray("metrics").isEmpty()),
                get("metrics/attributes/keys", "metrics/attributes/keys" + query + "&metric=authz.cpu", answer -> !answer.getJsonArray("keys").isEmpty()),
                get("metrics/attributes/values", "metrics/attributes/values" + query + "&metric=authz.cpu&key=resource.service.name",
                        answer -> !answer.getJsonArray("values").isEmpty()),
                get("services", "services" + query, answer -> !answer.getJsonArray("services").isEmpty()),
                post("traces/search", object().add("tenantId", tenantId), answer -> !answer.getJsonArray("traces").isEmpty()),
                get("traces/service-map", "traces/service-map" + query, answer -> !answer.getJsonArray("edges").isEmpty()),
                get("traces/red", "traces/red" + query + "&service=" + frontend, answer -> !answer.getJsonArray("items").isEmpty()),
                get("traces/{traceId}", "traces/" + TRACE + query, answer -> answer.getInt("spanCount") == 3));
    }

    private static Read post(String path, JsonObjectBuilder body, Predicate<JsonObject> holdsData) {
        return new Read("POST " + TELEMETRY + path, "POST", "/telemetry/" + path, body.build(), holdsData);
    }

    private static Read get(String template, String path, Predicate<JsonObject> holdsData) {
        return new Read("GET " + TELEMETRY + template, "GET", "/telemetry/" + path, null, holdsData);
    }

    /** The deployed server's operations under /api/v2/telemetry (its OpenAPI document), as "METHOD path". */
    private static TreeSet<String> telemetryOperations() throws Exception {
        JsonObject openApi = json(TestEnvironment.get(TestEnvironment.HTTP + "/openapi?format=JSON").body());
        TreeSet<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonValue> path : openApi.getJsonObject("paths").entrySet()) {
            if (path.getKey().startsWith(TELEMETRY)) {
                for (String verb : path.getValue().asJsonObject().keySet()) {
                    if (List.of("get", "post", "put", "patch", "delete").contains(verb)) {
                        operations.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }
            }
        }
        return operations;
    }

    /**
     * An active user of {@code organization} (the creator's own when null) holding the role assignment {@code role}
     * (none when null); returns the user's access token.
     */
    private static String member(IamCalls creator, String organization, JsonObjectBuilder role) throws Exception {
        String email = uniqueEmail("authz");
        JsonObjectBuilder created = user(email, PASSWORD);
        if (organization != null) {
            created.add("organizationId", organization);
        }
        String id = creator.create("/iam/users", created).getString("id");
        assertThat(creator.post("/iam/users/" + id + "/activate", null).statusCode()).isEqualTo(200);
        if (role != null) {
            creator.create("/iam/users/" + id + "/roles", role);
        }
        TestUsers.waivePasswordChange(email);
        return TestEnvironment.login(email, PASSWORD);
    }

    private static long recently() {
        Instant minuteAgo = Instant.now().minusSeconds(60);
        return minuteAgo.getEpochSecond() * 1_000_000_000L + minuteAgo.getNano();
    }

    /** A log record of the trace, so that the trace's logs have an answer too. */
    private static String logs(String serviceName, String body) {
        return LiveTailIT.logs(serviceName, List.of(Json.createObjectBuilder().add("timeUnixNano", Long.toString(recently()))
                .add("severityNumber", 17).add("body", Json.createObjectBuilder().add("stringValue", body))
                .add("traceId", TRACE).add("spanId", "1111111111111111").build()));
    }

    /** A gauge point with an exemplar, so that series, catalogues and exemplars all have an answer. */
    private static String gauge(String serviceName) {
        String time = Long.toString(recently());
        JsonObject point = Json.createObjectBuilder().add("timeUnixNano", time).add("asDouble", 0.5)
                .add("attributes", Json.createArrayBuilder().add(attribute("cpu", "0")))
                .add("exemplars", Json.createArrayBuilder().add(Json.createObjectBuilder().add("timeUnixNano", time).add("asDouble", 0.5)
                        .add("traceId", TRACE).add("spanId", "1111111111111111"))).build();
        return Json.createObjectBuilder().add("resourceMetrics", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("resource", resource(serviceName)).add("scopeMetrics", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("metrics", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "authz.cpu")
                                .add("gauge", Json.createObjectBuilder().add("dataPoints", Json.createArrayBuilder().add(point))))))))).build().toString();
    }

    /** The frontend's entry span and its call to payments, whose entry span makes the service-map edge. */
    private static String trace(String frontend, String payments) {
        long start = recently();
        JsonObject root = span("1111111111111111", "", "GET /checkout", 2, start, start + 300_000_000L);
        JsonObject call = span("2222222222222222", "1111111111111111", "POST /pay", 3, start + 1_000_000L, start + 200_000_000L);
        JsonObject entry = span("3333333333333333", "2222222222222222", "POST /pay", 2, start + 2_000_000L, start + 190_000_000L);
        return Json.createObjectBuilder().add("resourceSpans", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("resource", resource(frontend)).add("scopeSpans", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("spans", Json.createArrayBuilder().add(root).add(call)))))
                .add(Json.createObjectBuilder().add("resource", resource(payments)).add("scopeSpans", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("spans", Json.createArrayBuilder().add(entry)))))).build().toString();
    }

    private static JsonObject span(String id, String parent, String name, int kind, long start, long end) {
        JsonObjectBuilder span = Json.createObjectBuilder().add("traceId", TRACE).add("spanId", id).add("name", name).add("kind", kind)
                .add("startTimeUnixNano", Long.toString(start)).add("endTimeUnixNano", Long.toString(end));
        if (!parent.isEmpty()) {
            span.add("parentSpanId", parent);
        }
        return span.build();
    }
}
