package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.SdkTelemetry;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Alert evaluation end to end on the deployed server (its minimum interval lowered to 1 s): a gauge sent with the
 * OpenTelemetry SDK crosses a rule's threshold, the instance goes pending, fires once the pending duration has passed
 * (a WebSocket subscriber of the tenant hears alert:firing), is acknowledged, and resolves when the gauge drops
 * (alert:resolved); every transition is in ClickHouse alert_history and in the rule's history, the statistics count
 * one firing and its time to resolve, and the preview of the same rule replays the transitions. A rule whose metric
 * never arrives follows its noData mapping; logs and traces rules count what the SDK sent.
 */
class AlertEvaluationIT extends DeployedEar {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String WS = TestEnvironment.HTTP.replace("http://", "ws://") + "/ws/telemetry";

    @Test
    void aGaugeOverTheThresholdGoesPendingFiresAndResolvesWithHistoryStatsAndLiveEvents() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        String metric = "alert_it." + UUID.randomUUID().toString().substring(0, 8) + ".load";
        String service = "alert-it-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicReference<Double> value = new AtomicReference<>(10.0);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        LiveTailIT.LiveClient live = LiveTailIT.LiveClient.connect(WS, DemoUser.VIEWER.login());
        String ruleId = null;
        try {
            SdkTelemetry sdk = new SdkTelemetry(service);
            sender.submit(() -> {
                while (sending.get()) {
                    sdk.sendGauge(metric, value.get());
                    Thread.sleep(700);
                }
                return null;
            });
            live.send(LiveTailIT.subscribe("alerts", null, null));
            live.await(message -> message.getString("type").equals("subscribed"));

            JsonObject spec = rule("load " + metric, metric, "no_data").add("condition", object().add("operator", "gt").add("threshold", 50)
                    .add("recoveryThreshold", 40).add("reduce", "last").add("window", "6s").add("pendingFor", "5s")).build();
            HttpResponse<String> created = call("POST", "/alerts/rules", admin, spec.toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ruleId = json(created.body()).getString("id");
            String rule = ruleId;

            JsonObject normal = awaitInstance(admin, rule, "all", "normal");
            assertThat(normal.getJsonObject("labels").getString("service.name")).isEqualTo(service);
            String fingerprint = normal.getString("fingerprint");

            value.set(90.0);
            JsonObject pending = awaitInstance(admin, rule, null, "pending");
            // the step that saw the change averages both values; the breach is what counts
            assertThat(pending.getJsonNumber("value").doubleValue()).isGreaterThan(50.0);
            JsonObject firing = awaitInstance(admin, rule, null, "firing");
            assertThat(Duration.between(java.time.Instant.parse(pending.getString("pendingSince")),
                    java.time.Instant.parse(firing.getString("firingSince")))).as("pending lasted the pending duration").isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            JsonObject firingEvent = live.await(message -> message.getString("type").equals("alert:firing")
                    && message.getString("ruleId").equals(rule));
            assertThat(firingEvent.getString("fingerprint")).isEqualTo(fingerprint);
            assertThat(firingEvent.getString("severity")).isEqualTo("high");

            HttpResponse<String> acknowledged = call("POST", "/alerts/rules/" + rule + "/instances/" + fingerprint + "/acknowledge", admin, null);
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            assertThat(json(acknowledged.body()).getString("acknowledgedBy")).isEqualTo(DemoUser.ADMINISTRATOR.email);

            Thread.sleep(4_000);   // a few more firing evaluations, for the preview below to replay
            value.set(10.0);
            awaitInstance(admin, rule, "all", "normal");
            assertThat(instances(admin, rule, null)).as("GET /alerts lists firing and pending only").isEmpty();
            live.await(message -> message.getString("type").equals("alert:resolved") && message.getString("ruleId").equals(rule));

            List<JsonObject> history = json(ok(call("GET", "/alerts/rules/" + rule + "/history?fingerprint=" + fingerprint + "&limit=50", admin,
                    null)).body()).getJsonArray("items").getValuesAs(JsonObject.class);
            List<String> states = history.stream().map(entry -> entry.getString("to")).toList();
            assertThat(states).as("newest first").startsWith("normal").contains("firing", "pending");
            assertThat(states.indexOf("firing")).isLessThan(states.lastIndexOf("pending"));
            String rows = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                    "SELECT count() FROM telemetryflow.alert_history WHERE rule_id = '" + rule + "' AND fingerprint = '" + fingerprint + "'")
                    .body().trim();
            assertThat(Long.parseLong(rows)).isEqualTo(history.size());

            JsonObject stats = json(ok(call("GET", "/alerts/rules/" + rule + "/stats", admin, null)).body());
            assertThat(stats.getJsonNumber("firings").longValue()).isEqualTo(1);
            assertThat(stats.getJsonNumber("resolved").longValue()).isEqualTo(1);
            assertThat(stats.getJsonNumber("meanTimeToResolveSeconds").doubleValue()).isPositive();

            JsonObject evaluated = json(ok(call("GET", "/alerts/rules/" + rule, admin, null)).body()).getJsonObject("evaluation");
            assertThat(evaluated.getJsonNumber("evaluations").longValue()).isGreaterThan(3);
            assertThat(evaluated.getJsonNumber("lastLagMs").longValue()).isNotNegative();
            assertThat(evaluated.getJsonNumber("lastQueryMs").longValue()).isNotNegative();

            HttpResponse<String> preview = call("POST", "/alerts/rules/preview", admin, Json.createObjectBuilder(spec).add("hours", 1).build().toString());
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            JsonObject replay = json(preview.body());
            assertThat(replay.getJsonArray("series").getValuesAs(JsonObject.class)).anySatisfy(series -> {
                assertThat(series.getString("fingerprint")).isEqualTo(fingerprint);
                assertThat(series.getJsonArray("points")).isNotEmpty();
            });
            assertThat(replay.getJsonArray("crossings")).isNotEmpty();
            assertThat(replay.getJsonArray("transitions").getValuesAs(JsonObject.class)).extracting(t -> t.getString("to")).contains("firing");
        } finally {
            sending.set(false);
            sender.shutdown();
            sender.awaitTermination(30, TimeUnit.SECONDS);
            live.close();
            if (ruleId != null) {
                call("DELETE", "/alerts/rules/" + ruleId, admin, null);
            }
        }
    }

    @Test
    void aRuleWithoutDataFollowsItsNoDataMapping() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        String metric = "alert_it." + UUID.randomUUID().toString().substring(0, 8) + ".never";
        JsonObject condition = object().add("operator", "gt").add("threshold", 1).add("window", "4s").build();
        String asFiring = json(ok201(call("POST", "/alerts/rules", admin, rule("silent firing " + metric, metric, "firing")
                .add("condition", condition).build().toString()))).getString("id");
        String ownState = json(ok201(call("POST", "/alerts/rules", admin, rule("silent own " + metric, metric, null)
                .add("condition", condition).build().toString()))).getString("id");
        try {
            JsonObject firing = awaitInstance(admin, asFiring, null, "firing");
            assertThat(firing.getJsonObject("labels")).isEmpty();
            assertThat(awaitInstance(admin, ownState, "no_data", "no_data").getString("fingerprint")).isEqualTo(firing.getString("fingerprint"));
            assertThat(instances(admin, ownState, null)).as("no data is neither firing nor pending").isEmpty();
        } finally {
            call("DELETE", "/alerts/rules/" + asFiring, admin, null);
            call("DELETE", "/alerts/rules/" + ownState, admin, null);
        }
    }

    @Test
    void logsAndTracesRulesCountTheirSignalsThroughTheReadSide() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        String service = "alert-it-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "alertlog" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String logs = json(ok201(call("POST", "/alerts/rules", admin, object().add("name", "logs " + token).add("kind", "logs")
                .add("query", object().add("query", token).add("severity", "warn").add("service", service).add("groupBy", "service.name"))
                .add("condition", object().add("operator", "gte").add("threshold", 3).add("window", "2m"))
                .add("interval", "2s").build().toString()))).getString("id");
        String traces = json(ok201(call("POST", "/alerts/rules", admin, object().add("name", "traces " + token).add("kind", "traces")
                .add("query", object().add("service", service).add("measure", "request_rate"))
                .add("condition", object().add("operator", "gt").add("threshold", 0).add("window", "2m"))
                .add("interval", "2s").build().toString()))).getString("id");
        try {
            SdkTelemetry sdk = new SdkTelemetry(service);
            for (int i = 0; i < 3; i++) {
                sdk.sendLog(token + " happened " + i);
            }
            sdk.sendTrace("GET /cart");
            JsonObject counted = awaitInstance(admin, logs, null, "firing");
            assertThat(counted.getJsonNumber("value").doubleValue()).as("three matching records in the window").isEqualTo(3.0);
            assertThat(counted.getJsonObject("labels").getString("service.name")).isEqualTo(service);
            JsonObject requests = awaitInstance(admin, traces, null, "firing");
            assertThat(requests.getJsonNumber("value").doubleValue()).isPositive();
            assertThat(requests.getJsonObject("labels").getString("service.name")).isEqualTo(service);
        } finally {
            call("DELETE", "/alerts/rules/" + logs, admin, null);
            call("DELETE", "/alerts/rules/" + traces, admin, null);
        }
    }

    /** A metric rule of the default tenant on {@code metric}, per service, every 2 s. */
    private static JsonObjectBuilder rule(String name, String metric, String noData) {
        JsonObjectBuilder rule = object().add("name", name).add("kind", "metric")
                .add("query", object().add("metric", metric).add("aggregation", "avg").add("groupBy", Json.createArrayBuilder().add("service.name")))
                .add("interval", "2s").add("severity", "high");
        return noData == null ? rule : rule.add("noData", noData);
    }

    private static JsonObject awaitInstance(String token, String ruleId, String stateFilter, String state) throws Exception {
        return Await.until("an instance of rule " + ruleId + " in state " + state, WAIT,
                () -> instances(token, ruleId, stateFilter).stream().filter(i -> i.getString("state").equals(state)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static List<JsonObject> instances(String token, String ruleId, String stateFilter) throws Exception {
        String path = "/alerts?ruleId=" + ruleId + (stateFilter == null ? "" : "&state=" + stateFilter);
        return json(ok(call("GET", path, token, null)).body()).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String ok201(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }
}
