package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ExtraServer;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.Readiness;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The live tail at ws://…/ws/telemetry with the JDK's WebSocket client: authentication (subprotocol offer or first
 * message; none, bad or revoked → 1008; a token in the URL refused), the Origin check at the handshake, the budget of
 * unauthenticated sockets per client address, tenant and filter isolation of logs, exact per-service metric counts, root
 * and entry spans, refusal of a tenant the caller may not read, the periodic re-check (a logged-out session's socket
 * closed, a subscription whose tenant the user lost ended; the test server re-checks every 2 s, arquillian.xml), a client
 * that stops reading dropped while the server stays healthy, and delivery through a second node of what the first one
 * ingested. Data goes in through the real
 * OTLP endpoint. Where a test asserts that something did not arrive, it waits for a later event the same socket must
 * receive after it (events of one tenant arrive in order) instead of waiting for a time.
 */
class LiveTailIT extends DeployedEar {

    static final String WS = TestEnvironment.HTTP.replace("http://", "ws://") + "/ws/telemetry";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** {@code telemetryflow.live.max-pending-sockets-per-address}, at its default. */
    private static final int PENDING_PER_ADDRESS = 5;

    @Test
    void socketsWithoutAValidTokenAreClosedWithPolicyViolation() throws Exception {
        LiveClient silent = LiveClient.connect(WS, null);
        assertThat(silent.awaitClose()).as("no token within 10 s").startsWith("1008 authentication required");

        LiveClient eager = LiveClient.connect(WS, null);
        eager.send(subscribe("logs:new", null, null));
        assertThat(eager.awaitClose()).startsWith("1008 authenticate first");

        assertThat(LiveClient.connect(WS, "not-a-jwt").awaitClose()).isEqualTo("1008 invalid or expired access token");
        LiveClient badMessage = LiveClient.connect(WS, null);
        badMessage.send(auth("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
        assertThat(badMessage.awaitClose()).isEqualTo("1008 invalid or expired access token");

        String revoked = DemoUser.VIEWER.login();
        assertThat(call("POST", "/auth/logout", revoked, null).statusCode()).isEqualTo(204);
        assertThat(LiveClient.connect(WS, revoked).awaitClose()).isEqualTo("1008 access token revoked or account inactive");
        LiveClient revokedByMessage = LiveClient.connect(WS, null);
        revokedByMessage.send(auth(revoked));
        assertThat(revokedByMessage.awaitClose()).isEqualTo("1008 access token revoked or account inactive");
    }

    @Test
    void authenticatesBySubprotocolOrFirstMessage() throws Exception {
        String token = DemoUser.VIEWER.login();
        LiveClient bySubprotocol = LiveClient.connect(WS, token);
        assertThat(bySubprotocol.await(type("authenticated")).getString("expiresAt")).isNotBlank();
        assertThat(bySubprotocol.subprotocol()).as("the answer names the protocol, never the token").isEqualTo("telemetryflow.v1");
        LiveClient byMessage = LiveClient.connect(WS, null);
        byMessage.send(auth(token));
        byMessage.await(type("authenticated"));
        byMessage.send("{\"type\":\"ping\"}");
        byMessage.await(type("pong"));
        byMessage.send("{\"type\":\"subscribe\",\"channel\":\"nope\"}");
        assertThat(byMessage.await(type("error")).getString("reason")).startsWith("unknown channel 'nope'");
        bySubprotocol.close();
        byMessage.close();
    }

    @Test
    void aTokenInTheUrlIsRefused() throws Exception {
        LiveClient byQuery = LiveClient.connect(URI.create(WS + "?access_token=" + DemoUser.VIEWER.login()), Map.of(), List.of());
        assertThat(byQuery.awaitClose())
                .isEqualTo("1008 access_token in the URL is not accepted: authenticate with the first message or the subprotocol");
        assertThat(byQuery.received()).noneMatch(type("authenticated"));
    }

    @Test
    void aPageOfAnotherSiteIsRefusedAtTheHandshake() throws Exception {
        String token = DemoUser.VIEWER.login();
        Throwable refused = catchThrowable(() -> LiveClient.connect(URI.create(WS), Map.of("Origin", "https://evil.example.net"), offer(token)));
        assertThat(handshakeFailure(refused).getResponse().statusCode()).isEqualTo(403);
        // the console's own origin (telemetryflow.public-url in arquillian.xml) and clients that send none are let in
        LiveClient console = LiveClient.connect(URI.create(WS), Map.of("Origin", TestEnvironment.HTTP), offer(token));
        console.await(type("authenticated"));
        console.close();
    }

    @Test
    void unauthenticatedSocketsHaveABudgetPerClientAddress() throws Exception {
        // the test server trusts 127.0.0.1 as a proxy, so X-Forwarded-For names the client address
        Map<String, String> crowded = Map.of("X-Forwarded-For", "198.51.100.23");
        List<LiveClient> waiting = new ArrayList<>();
        for (int i = 0; i <= PENDING_PER_ADDRESS; i++) {
            waiting.add(LiveClient.connect(URI.create(WS), crowded, List.of()));
        }
        // the server opens the sockets in the order their upgrades complete: one of them, whichever it is, is refused
        LiveClient beyond = firstClosed(waiting);
        assertThat(beyond.awaitClose()).isEqualTo("1008 too many unauthenticated live connections from this address");
        waiting.remove(beyond);
        assertThat(waiting).noneMatch(LiveClient::isClosed);

        String token = DemoUser.VIEWER.login();
        LiveClient elsewhere = LiveClient.connect(URI.create(WS), Map.of("X-Forwarded-For", "198.51.100.24"), List.of());
        elsewhere.send(auth(token));
        elsewhere.await(type("authenticated"));
        waiting.get(0).send(auth(token));
        waiting.get(0).await(type("authenticated"));
        LiveClient next = LiveClient.connect(URI.create(WS), crowded, offer(token));
        next.await(type("authenticated"));
        for (LiveClient client : waiting) {
            client.close();
        }
        elsewhere.close();
        next.close();
    }

    @Test
    void logsReachOnlySubscribersOfTheirTenantWhoseFiltersMatch() throws Exception {
        TelemetryTenant a = TelemetryTenant.create("live-a");
        TelemetryTenant b = TelemetryTenant.create("live-b");
        String admin = DemoUser.ADMINISTRATOR.login();
        LiveClient everything = subscribed(admin, "logs:new", a.tenantId(), null);
        LiveClient filtered = subscribed(admin, "logs:new", a.tenantId(),
                Json.createObjectBuilder().add("service", "checkout").add("severity", "WARN").add("query", "TIMEOUT").build());
        LiveClient otherService = subscribed(admin, "logs:new", a.tenantId(), Json.createObjectBuilder().add("service", "sentinel").build());
        LiveClient otherTenant = subscribed(admin, "logs:new", b.tenantId(), null);

        a.send("logs", logs("checkout", List.of(log(13, "WARN", "upstream timeout after 3s"), log(9, "INFO", "timeout recovered"),
                log(17, "ERROR", "database down"))));
        a.send("logs", logs("payments", List.of(log(17, "ERROR", "card timeout"))));
        List<JsonObject> all = everything.awaitLogs(4);
        assertThat(all).extracting(l -> l.getString("body"))
                .containsExactlyInAnyOrder("upstream timeout after 3s", "timeout recovered", "database down", "card timeout");
        JsonObject first = all.stream().filter(l -> l.getString("body").startsWith("upstream")).findFirst().orElseThrow();
        assertThat(first.getString("serviceName")).isEqualTo("checkout");
        assertThat(first.getString("severityLevel")).isEqualTo("WARN");
        assertThat(first.getString("timestampUnixNano")).matches("[0-9]+");
        assertThat(first.getJsonObject("attributes").getString("http.route")).isEqualTo("/cart");
        assertThat(everything.events()).allSatisfy(event -> assertThat(event.getString("tenantId")).isEqualTo(a.tenantId()));

        // after the data above was delivered: a record each of the others must see next
        a.send("logs", logs("sentinel", List.of(log(13, "WARN", "sentinel"))));
        a.send("logs", logs("checkout", List.of(log(21, "FATAL", "final timeout"))));
        b.send("logs", logs("checkout", List.of(log(13, "WARN", "upstream timeout of b"))));
        assertThat(filtered.awaitLogs(2)).extracting(l -> l.getString("body")).containsExactly("upstream timeout after 3s", "final timeout");
        assertThat(otherService.awaitLogs(1)).extracting(l -> l.getString("body")).containsExactly("sentinel");
        assertThat(otherTenant.awaitLogs(1)).extracting(l -> l.getString("body")).containsExactly("upstream timeout of b");
        assertThat(otherTenant.events()).allSatisfy(event -> assertThat(event.getString("tenantId")).isEqualTo(b.tenantId()));
        for (LiveClient client : List.of(everything, filtered, otherService, otherTenant)) {
            client.close();
        }
    }

    @Test
    void metricCountsPerServiceAreExactAndTracesCarryRootAndEntrySpans() throws Exception {
        TelemetryTenant tenant = TelemetryTenant.create("live-metrics");
        String viewer = DemoUser.VIEWER.login();
        LiveClient metrics = subscribed(viewer, "metrics:new", tenant.tenantId(), null);
        LiveClient onlyApi = subscribed(viewer, "metrics:new", tenant.tenantId(), Json.createObjectBuilder().add("service", "api").build());
        LiveClient traces = subscribed(viewer, "traces:new", tenant.tenantId(), null);

        tenant.send("metrics", metrics(Map.of("api", 3, "worker", 2)));
        tenant.send("metrics", metrics(Map.of("api", 1)));
        tenant.send("metrics", metrics(Map.of("sentinel", 1)));
        // the three requests may be stored in different batches, in any order: wait for all of them, then demand exact counts
        Map<String, Long> counts = metrics.awaitServiceCounts(c -> c.containsKey("sentinel") && c.getOrDefault("api", 0L) >= 4
                && c.getOrDefault("worker", 0L) >= 2);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("api", 4L, "worker", 2L, "sentinel", 1L));
        assertThat(metrics.events()).allSatisfy(event -> assertThat(event.getJsonNumber("count").longValue())
                .isEqualTo(event.getJsonArray("services").getValuesAs(JsonObject.class).stream().mapToLong(s -> s.getJsonNumber("dataPoints").longValue()).sum()));

        tenant.send("metrics", metrics(Map.of("api", 5)));
        assertThat(onlyApi.awaitServiceCounts(c -> c.getOrDefault("api", 0L) >= 9)).containsExactlyEntriesOf(Map.of("api", 9L));

        String traceId = "5b8efff798038103d269b633813fc60c";
        tenant.send("traces", trace(traceId));
        List<JsonObject> spans = traces.await(type("traces:new")).getJsonArray("traces").getValuesAs(JsonObject.class);
        assertThat(spans).extracting(s -> s.getString("name")).containsExactlyInAnyOrder("GET /checkout", "POST /pay");
        JsonObject root = spans.stream().filter(s -> s.getString("parentSpanId").isEmpty()).findFirst().orElseThrow();
        assertThat(root.getString("traceId")).isEqualTo(traceId);
        assertThat(root.getString("service")).isEqualTo("frontend");
        assertThat(root.getJsonNumber("durationNanos").longValue()).isEqualTo(250_000_000L);
        assertThat(root.getString("statusCode")).isEqualTo("ERROR");
        for (LiveClient client : List.of(metrics, onlyApi, traces)) {
            client.close();
        }
    }

    @Test
    void aTenantTheCallerMayNotReadIsRefused() throws Exception {
        LiveClient client = LiveClient.connect(WS, DemoUser.VIEWER.login());
        client.await(type("authenticated"));
        client.send(subscribe("logs:new", UUID.randomUUID().toString(), null));
        JsonObject error = client.await(type("error"));
        assertThat(error.getString("channel")).isEqualTo("logs:new");
        client.send(subscribe("logs:new", "'; DROP TABLE otel_logs; --", null));
        assertThat(client.await(m -> m.getString("type").equals("error") && m.getString("reason").contains("UUID"))).isNotNull();
        client.send("{\"type\":\"ping\"}");
        client.await(type("pong"));
        assertThat(client.events()).isEmpty();
        assertThat(client.received()).noneMatch(type("subscribed"));
        client.close();
    }

    @Test
    void theRecheckClosesTheSocketOfASessionThatLoggedOut() throws Exception {
        String kept = DemoUser.VIEWER.login();
        String loggedOut = DemoUser.VIEWER.login();
        // signed in first, so its re-check is due no later than the other's: checked in the tick that closes the other
        LiveClient stays = LiveClient.connect(WS, kept);
        stays.await(type("authenticated"));
        LiveClient closes = LiveClient.connect(WS, loggedOut);
        closes.await(type("authenticated"));
        assertThat(call("POST", "/auth/logout", loggedOut, null).statusCode()).isEqualTo(204);
        assertThat(closes.awaitClose()).isEqualTo("1008 access token revoked or account inactive");
        // the user's other session is untouched
        stays.send("{\"type\":\"ping\"}");
        stays.await(type("pong"));
        assertThat(stays.isClosed()).isFalse();
        stays.close();
    }

    @Test
    void theRecheckEndsTheSubscriptionOfATenantWhoseRoleWasTakenAway() throws Exception {
        TelemetryTenant kept = TelemetryTenant.create("live-kept");
        TelemetryTenant lost = TelemetryTenant.create("live-lost");
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String email = IamCalls.uniqueEmail("live-recheck");
        String userId = admin.create("/iam/users", IamCalls.user(email, "Live-Recheck-Password-1")).getString("id");
        admin.post("/iam/users/" + userId + "/activate", null);
        String viewer = admin.systemRole("Viewer");
        admin.create("/iam/users/" + userId + "/roles", IamCalls.object().add("roleId", viewer).add("tenantId", kept.tenantId()));
        String lostRole = admin.create("/iam/users/" + userId + "/roles", IamCalls.object().add("roleId", viewer).add("tenantId", lost.tenantId()))
                .getString("id");
        TestUsers.waivePasswordChange(email);
        LiveClient member = subscribed(TestEnvironment.login(email, "Live-Recheck-Password-1"), "logs:new", lost.tenantId(), null);
        member.send(subscribe("logs:new", kept.tenantId(), null));
        member.await(m -> m.getString("type").equals("subscribed") && m.getString("tenantId").equals(kept.tenantId()));
        LiveClient witness = subscribed(admin.token, "logs:new", lost.tenantId(), null);
        lost.send("logs", logs("lost", List.of(log(9, "INFO", "while allowed"))));
        member.awaitLogs(1);

        assertThat(admin.delete("/iam/users/" + userId + "/roles/" + lostRole).statusCode()).isEqualTo(204);
        JsonObject ended = member.await(m -> m.getString("type").equals("error") && m.getString("reason").startsWith("subscription ended"));
        assertThat(ended.getString("reason")).isEqualTo("subscription ended: tenant " + lost.tenantId() + " not found");
        assertThat(ended.getString("channel")).isEqualTo("logs:new");
        assertThat(ended.getString("tenantId")).isEqualTo(lost.tenantId());

        // a record of the lost tenant reaches the witness, then one of the kept tenant the member: the first is not there
        lost.send("logs", logs("lost", List.of(log(9, "INFO", "after the role was taken away"))));
        witness.await(m -> witness.logs().stream().anyMatch(l -> l.getString("body").equals("after the role was taken away")));
        kept.send("logs", logs("kept", List.of(log(9, "INFO", "still subscribed"))));
        assertThat(member.awaitLogs(2)).extracting(l -> l.getString("body")).containsExactly("while allowed", "still subscribed");
        assertThat(member.isClosed()).isFalse();
        member.close();
        witness.close();
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndTheServerStaysHealthy() throws Exception {
        TelemetryTenant tenant = TelemetryTenant.create("live-slow");
        String admin = DemoUser.ADMINISTRATOR.login();
        LiveClient slow = subscribed(admin, "logs:new", tenant.tenantId(), null);
        LiveClient fast = subscribed(admin, "logs:new", tenant.tenantId(), null);
        slow.pause();
        // far more than the socket buffers and the 4 MiB outbox hold: 80 requests of 100 records of 4 KiB, one at a time
        // (each the only request of its stored batch, so none is cut by the per-batch bound)
        String body = "x".repeat(4000);
        int requests = 80;
        for (int i = 0; i < requests; i++) {
            List<JsonObject> records = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                records.add(log(9, "INFO", i + "/" + j + " " + body));
            }
            tenant.send("logs", logs("flood", records));
            fast.awaitLogCount((i + 1) * 100L);
        }
        assertThat(fast.logs()).hasSize(requests * 100);
        slow.resume();
        assertThat(slow.awaitClose()).isEqualTo("1008 too slow");

        assertThat(Readiness.awaitReady(Duration.ofSeconds(30)).getString("status")).isEqualTo("UP");
        fast.send("{\"type\":\"ping\"}");
        fast.await(type("pong"));
        tenant.send("logs", logs("after", List.of(log(9, "INFO", "still flowing"))));
        fast.await(m -> m.getString("type").equals("logs:new") && m.getJsonArray("logs").getJsonObject(0).getString("body").equals("still flowing"));
        fast.close();
    }

    @Test
    void aSecondNodeDeliversWhatTheFirstIngested() throws Exception {
        TelemetryTenant tenant = TelemetryTenant.create("live-cluster");
        try (ExtraServer second = new ExtraServer(500, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5805",
                "TELEMETRYFLOW_HAZELCAST_MEMBERS", "127.0.0.1:5801",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-test",   // the managed server's
                "TELEMETRYFLOW_MESSAGING_PEER_PORT", "5545"))) {   // the managed server's cluster acceptor (5445 + offset 100)
            second.start();
            LiveClient client = LiveClient.connect(second.http().replace("http://", "ws://") + "/ws/telemetry", DemoUser.VIEWER.login());
            client.await(type("authenticated"));
            client.send(subscribe("logs:new", tenant.tenantId(), null));
            client.await(type("subscribed"));
            // the nodes' brokers find each other within seconds of the start: send until the first record arrives
            long deadline = System.nanoTime() + WAIT.toNanos();
            int sent = 0;
            while (client.events().isEmpty() && System.nanoTime() < deadline) {
                tenant.send("logs", logs("cluster", List.of(log(9, "INFO", "via the first node " + sent++))));
                client.awaitAny(Duration.ofSeconds(2));
            }
            assertThat(client.events()).isNotEmpty();
            assertThat(client.events()).allSatisfy(event -> assertThat(event.getString("tenantId")).isEqualTo(tenant.tenantId()));
            client.close();
        }
    }

    private static LiveClient subscribed(String token, String channel, String tenantId, JsonObject filters) throws Exception {
        LiveClient client = LiveClient.connect(WS, token);
        client.await(type("authenticated"));
        client.send(subscribe(channel, tenantId, filters));
        JsonObject answer = client.await(m -> m.getString("type").equals("subscribed") || m.getString("type").equals("error"));
        assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("subscribed");
        return client;
    }

    /** The subprotocols a client offers to authenticate in the handshake. */
    private static List<String> offer(String token) {
        return List.of("telemetryflow.v1", "telemetryflow.bearer." + token);
    }

    private static LiveClient firstClosed(List<LiveClient> clients) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (LiveClient client : clients) {
                if (client.isClosed()) {
                    return client;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("none of " + clients.size() + " sockets was closed");
    }

    /** The refusal of the handshake (the JDK wraps it, and it wraps the reason it gives). */
    private static WebSocketHandshakeException handshakeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake;
            }
        }
        throw new AssertionError("the handshake was not refused: " + failure, failure);
    }

    private static String auth(String token) {
        return Json.createObjectBuilder().add("type", "auth").add("token", token).build().toString();
    }

    static String subscribe(String channel, String tenantId, JsonObject filters) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", "subscribe").add("channel", channel);
        if (tenantId != null) {
            message.add("tenantId", tenantId);
        }
        if (filters != null) {
            message.add("filters", filters);
        }
        return message.build().toString();
    }

    static Predicate<JsonObject> type(String type) {
        return message -> message.getString("type").equals(type);
    }

    private static JsonObject log(int severityNumber, String severityText, String body) {
        return Json.createObjectBuilder().add("timeUnixNano", Long.toString(TestEnvironment.nowNanos()))
                .add("severityNumber", severityNumber).add("severityText", severityText)
                .add("body", Json.createObjectBuilder().add("stringValue", body))
                .add("attributes", Json.createArrayBuilder().add(attribute("http.route", "/cart"))).build();
    }

    static String logs(String service, List<JsonObject> records) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        records.forEach(array::add);
        return Json.createObjectBuilder().add("resourceLogs", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("resource", resource(service))
                .add("scopeLogs", Json.createArrayBuilder().add(Json.createObjectBuilder().add("logRecords", array))))).build().toString();
    }

    private static String metrics(Map<String, Integer> pointsPerService) {
        JsonArrayBuilder resources = Json.createArrayBuilder();
        pointsPerService.forEach((service, points) -> {
            JsonArrayBuilder dataPoints = Json.createArrayBuilder();
            for (int i = 0; i < points; i++) {
                dataPoints.add(Json.createObjectBuilder().add("timeUnixNano", Long.toString(TestEnvironment.nowNanos()))
                        .add("asDouble", i).add("attributes", Json.createArrayBuilder().add(attribute("i", Integer.toString(i)))));
            }
            resources.add(Json.createObjectBuilder().add("resource", resource(service)).add("scopeMetrics", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("metrics", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("name", "live.test").add("gauge", Json.createObjectBuilder().add("dataPoints", dataPoints)))))));
        });
        return Json.createObjectBuilder().add("resourceMetrics", resources).build().toString();
    }

    private static String trace(String traceId) {
        long start = TestEnvironment.nowNanos();
        JsonObject root = Json.createObjectBuilder().add("traceId", traceId).add("spanId", "1111111111111111").add("name", "GET /checkout")
                .add("kind", 2).add("startTimeUnixNano", Long.toString(start)).add("endTimeUnixNano", Long.toString(start + 250_000_000L))
                .add("status", Json.createObjectBuilder().add("code", 2)).build();
        JsonObject client = Json.createObjectBuilder().add("traceId", traceId).add("spanId", "2222222222222222").add("parentSpanId", "1111111111111111")
                .add("name", "SELECT carts").add("kind", 3).add("startTimeUnixNano", Long.toString(start + 1_000))
                .add("endTimeUnixNano", Long.toString(start + 2_000)).build();
        JsonObject entry = Json.createObjectBuilder().add("traceId", traceId).add("spanId", "3333333333333333").add("parentSpanId", "2222222222222222")
                .add("name", "POST /pay").add("kind", 2).add("startTimeUnixNano", Long.toString(start + 3_000))
                .add("endTimeUnixNano", Long.toString(start + 4_000)).build();
        return Json.createObjectBuilder().add("resourceSpans", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("resource", resource("frontend")).add("scopeSpans", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("spans", Json.createArrayBuilder().add(root).add(client)))))
                .add(Json.createObjectBuilder().add("resource", resource("payments")).add("scopeSpans", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("spans", Json.createArrayBuilder().add(entry)))))).build().toString();
    }

    static JsonObject resource(String service) {
        return Json.createObjectBuilder().add("attributes", Json.createArrayBuilder().add(attribute("service.name", service))).build();
    }

    static JsonObject attribute(String key, String value) {
        return Json.createObjectBuilder().add("key", key).add("value", Json.createObjectBuilder().add("stringValue", value)).build();
    }

    /** A live-tail client: collects every message; reads only while not paused (no demand = the socket is not read). */
    static final class LiveClient implements WebSocket.Listener {

        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean paused;
        private WebSocket socket;

        /** Connects, offering the token as a subprotocol unless it is null. */
        static LiveClient connect(String url, String token) throws Exception {
            return connect(URI.create(url), Map.of(), token == null ? List.of() : offer(token));
        }

        static LiveClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) throws Exception {
            LiveClient client = new LiveClient();
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            headers.forEach(builder::header);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            client.socket = builder.buildAsync(uri, client).get(30, TimeUnit.SECONDS);
            return client;
        }

        String subprotocol() {
            return socket.getSubprotocol();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (partial) {
                partial.append(data);
                if (last) {
                    received.add(json(partial.toString()));
                    partial.setLength(0);
                }
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(30, TimeUnit.SECONDS);
        }

        void pause() {
            paused = true;
        }

        void resume() {
            paused = false;
            socket.request(Long.MAX_VALUE);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        boolean isClosed() {
            return closed.isDone();
        }

        String awaitClose() throws Exception {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        List<JsonObject> received() {
            return received;
        }

        List<JsonObject> events() {
            return received.stream().filter(m -> m.getString("type").endsWith(":new")).toList();
        }

        JsonObject await(Predicate<JsonObject> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonObject message : received) {
                    if (wanted.test(message)) {
                        return message;
                    }
                }
                if (closed.isDone()) {
                    break;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no such message; received " + received + (closed.isDone() ? ", closed " + closed.join() : ""));
        }

        void awaitAny(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (events().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        List<JsonObject> logs() {
            return events().stream().filter(e -> e.getString("type").equals("logs:new"))
                    .flatMap(e -> e.getJsonArray("logs").getValuesAs(JsonObject.class).stream()).toList();
        }

        /** Waits for at least {@code count} log records, then returns them all. */
        List<JsonObject> awaitLogs(int count) throws InterruptedException {
            await(m -> logs().size() >= count);
            return logs();
        }

        /** Waits until the records received plus those the server said it left out reach {@code count}. */
        void awaitLogCount(long count) throws InterruptedException {
            await(m -> events().stream().mapToLong(e -> e.getInt("count") + e.getJsonNumber("omitted").longValue()).sum() >= count);
        }

        Map<String, Long> serviceCounts() {
            Map<String, Long> counts = new java.util.TreeMap<>();
            events().stream().filter(e -> e.getString("type").equals("metrics:new"))
                    .flatMap(e -> e.getJsonArray("services").getValuesAs(JsonObject.class).stream())
                    .forEach(s -> counts.merge(s.getString("service"), s.getJsonNumber("dataPoints").longValue(), Long::sum));
            return counts;
        }

        Map<String, Long> awaitServiceCounts(Predicate<Map<String, Long>> done) throws InterruptedException {
            await(m -> done.test(serviceCounts()));
            return serviceCounts();
        }
    }
}
