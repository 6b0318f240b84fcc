package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.SdkTelemetry;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.WebhookReceiver;
import io.telemetryflow.testsupport.WebhookReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An alert's whole life as a receiver sees it, on the deployed server: a gauge sent with the OpenTelemetry SDK crosses
 * a metric rule's threshold, the platform evaluates the rule (every 1-2 s; the test server's minimum interval is 1 s),
 * routes the instance through a notification policy with short timings and posts signed generic-webhook notifications
 * to a local receiver (127.0.0.1:18493, on the test server's outbound allow-list). What is asserted is what arrives
 * there: when, how often, and what it says.
 */
class AlertLifecycleIT extends DeployedEar {

    private static final int PORT = 18493;
    private static final String SECRET = "alert-lifecycle-it-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static WebhookReceiver receiver;

    private final List<String> cleanup = new ArrayList<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private String admin;

    @BeforeAll
    static void receiver() throws Exception {
        receiver = WebhookReceiver.start(PORT);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @BeforeEach
    void signIn() throws Exception {
        admin = DemoUser.ADMINISTRATOR.login();
        receiver.reset();
    }

    @AfterEach
    void deleteWhatTheTestMade() throws Exception {
        sending.set(false);
        sender.shutdown();
        sender.awaitTermination(30, TimeUnit.SECONDS);
        for (String path : cleanup) {
            call("DELETE", path, admin, null);
        }
    }

    @Test
    void aBreachFiresOnceAfterThePendingDurationIsRepeatedWhileFiringAndResolvesOnce() throws Exception {
        Scenario lifecycle = new Scenario("/lifecycle", "3s", "2s", "15s");
        AtomicReference<Double> value = new AtomicReference<>(10.0);
        lifecycle.send(value::get);
        lifecycle.rule(object().add("operator", "gt").add("threshold", 50).add("reduce", "last").add("window", "4s").add("pendingFor", "6s")
                .build(), "2s", "0s", "normal");
        String fingerprint = lifecycle.awaitState("normal").getString("fingerprint");

        value.set(90.0);
        Received firing = lifecycle.next(WAIT);
        List<JsonObject> history = lifecycle.history(fingerprint);
        Instant pendingSince = at(history, "pending");
        assertThat(firing.at()).as("no earlier than pendingFor (6 s) + groupWait (3 s) after the first breaching evaluation")
                .isAfterOrEqualTo(pendingSince.plusSeconds(6 + 3));
        assertThat(Duration.between(pendingSince, at(history, "firing"))).as("pending lasted pendingFor").isGreaterThanOrEqualTo(Duration.ofSeconds(6));
        lifecycle.assertNotification(firing, "firing", fingerprint);

        // still firing: the next notification is the repeat, repeatInterval (15 s) after the first, not before
        Received repeat = lifecycle.next(Duration.ofSeconds(40));
        lifecycle.assertNotification(repeat, "firing", fingerprint);
        assertThat(Duration.between(firing.at(), repeat.at())).as("repeated after repeatInterval")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(14)).isLessThan(Duration.ofSeconds(30));
        assertThat(json(repeat.body()).getJsonArray("alerts").getJsonObject(0).getString("startsAt"))
                .as("the same alert").isEqualTo(json(firing.body()).getJsonArray("alerts").getJsonObject(0).getString("startsAt"));

        value.set(10.0);
        Received resolved = lifecycle.next(WAIT);
        lifecycle.assertNotification(resolved, "resolved", fingerprint);
        assertThat(json(resolved.body()).getJsonArray("alerts").getJsonObject(0).isNull("endsAt")).as("the resolved alert has ended").isFalse();
        assertThat(lifecycle.awaitState("normal").getString("fingerprint")).isEqualTo(fingerprint);

        Thread.sleep(8_000);   // a few more evaluations and flushes: nothing further
        assertThat(receiver.pending()).as("exactly one resolved notification, no further repeat").isEmpty();
        List<JsonObject> attempts = lifecycle.attempts(fingerprint);
        assertThat(attempts).extracting(a -> a.getString("status")).containsExactly("firing", "firing", "resolved");
        assertThat(attempts).extracting(a -> a.getString("outcome")).containsOnly("delivered");
    }

    @Test
    void aValueSwingingAroundTheThresholdWithARecoveryThresholdFiresOnceAndResolvesOnce() throws Exception {
        Scenario flapping = new Scenario("/flapping", "1s", "2s", "10m");
        AtomicBoolean swinging = new AtomicBoolean(false);
        AtomicReference<Double> value = new AtomicReference<>(10.0);
        // while swinging, 90 in even seconds and 40 in odd ones: each 1 s evaluation window sees the other side of 50
        flapping.send(() -> swinging.get() ? (Instant.now().getEpochSecond() % 2 == 0 ? 90.0 : 40.0) : value.get());
        flapping.rule(object().add("operator", "gt").add("threshold", 50).add("recoveryThreshold", 20).add("reduce", "last")
                .add("window", "1s").build(), "1s", "3s", "keep_last");
        String fingerprint = flapping.awaitState("normal").getString("fingerprint");

        swinging.set(true);
        List<Double> firingValues = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            flapping.instance(fingerprint).filter(instance -> instance.getString("state").equals("firing") && !instance.isNull("value"))
                    .map(instance -> instance.getJsonNumber("value").doubleValue())
                    .filter(seen -> firingValues.isEmpty() || !seen.equals(firingValues.get(firingValues.size() - 1)))
                    .ifPresent(firingValues::add);
            Thread.sleep(200);
        }
        long swings = 0;
        for (int i = 1; i < firingValues.size(); i++) {
            swings += (firingValues.get(i - 1) > 50) != (firingValues.get(i) > 50) ? 1 : 0;
        }
        assertThat(swings).as("the firing instance's evaluated values crossed 50 again and again: " + firingValues).isGreaterThanOrEqualTo(8);
        assertThat(firingValues).as("values between the recovery threshold and the threshold while firing").anyMatch(seen -> seen > 20 && seen < 50);

        List<Received> requests = receiver.pending();
        assertThat(requests).as("one firing notification for the whole swinging run").hasSize(1);
        flapping.assertNotification(requests.get(0), "firing", fingerprint);
        List<String> states = flapping.history(fingerprint).stream().map(entry -> entry.getString("to")).toList();
        assertThat(states).as("fired once and kept firing: " + states).containsOnlyOnce("firing").doesNotContain("recovering", "pending")
                .startsWith("firing");
        assertThat(json(ok(call("GET", "/alerts/rules/" + flapping.ruleId + "/stats", admin, null)).body()).getJsonNumber("firings").longValue())
                .isEqualTo(1);

        value.set(5.0);
        swinging.set(false);
        Received resolved = flapping.next(WAIT);
        flapping.assertNotification(resolved, "resolved", fingerprint);
        Thread.sleep(5_000);
        assertThat(receiver.pending()).as("one resolved notification").isEmpty();
        assertThat(flapping.attempts(fingerprint)).extracting(a -> a.getString("status")).containsExactly("firing", "resolved");
    }

    @Test
    void deletingAFiringRuleResolvesItsAlertOnceAndEndsTheRepeats() throws Exception {
        Scenario deleted = new Scenario("/deleted", "1s", "2s", "4s");
        deleted.send(() -> 90.0);
        deleted.rule(object().add("operator", "gt").add("threshold", 50).add("reduce", "last").add("window", "4s").build(), "2s", "0s", "normal");
        Received firing = deleted.next(WAIT);
        String fingerprint = json(firing.body()).getJsonArray("alerts").getJsonObject(0).getString("fingerprint");
        deleted.assertNotification(firing, "firing", fingerprint);

        HttpResponse<String> delete = call("DELETE", "/alerts/rules/" + deleted.ruleId, admin, null);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
        Received resolved = deleted.next(Duration.ofSeconds(20));
        deleted.assertNotification(resolved, "resolved", fingerprint);
        Thread.sleep(10_000);   // repeatInterval 4 s: a group left holding the firing alert would have repeated it twice by now
        assertThat(receiver.pending()).as("nothing after the resolve").isEmpty();
    }

    @Test
    void disablingAFiringRuleResolvesItsAlertOnceAndRecordsWhy() throws Exception {
        Scenario disabled = new Scenario("/disabled", "1s", "2s", "4s");
        disabled.send(() -> 90.0);
        disabled.rule(object().add("operator", "gt").add("threshold", 50).add("reduce", "last").add("window", "4s").build(), "2s", "0s",
                "normal");
        Received firing = disabled.next(WAIT);
        String fingerprint = json(firing.body()).getJsonArray("alerts").getJsonObject(0).getString("fingerprint");
        disabled.assertNotification(firing, "firing", fingerprint);

        JsonObject stored = json(ok(call("GET", "/alerts/rules/" + disabled.ruleId, admin, null)).body());
        HttpResponse<String> put = call("PUT", "/alerts/rules/" + disabled.ruleId, admin, object().add("name", stored.getString("name"))
                .add("kind", "metric").add("query", stored.getJsonObject("query")).add("condition", stored.getJsonObject("condition"))
                .add("interval", "2s").add("evaluationDelay", "0s").add("noData", "normal").add("severity", "high")
                .add("labels", stored.getJsonObject("labels")).add("enabled", false).add("version", stored.getJsonNumber("version")).build()
                .toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Received resolved = disabled.next(Duration.ofSeconds(20));
        disabled.assertNotification(resolved, "resolved", fingerprint);
        Thread.sleep(10_000);   // repeatInterval 4 s: a group left holding the firing alert would have repeated it twice by now
        assertThat(receiver.pending()).as("nothing after the resolve").isEmpty();
        assertThat(disabled.instances()).as("a disabled rule has no instances").isEmpty();
        JsonObject last = disabled.history(fingerprint).get(0);
        assertThat(last.getString("to")).isEqualTo("normal");
        assertThat(last.getString("reason")).isEqualTo("rule disabled");
    }

    /** A generic-webhook channel on {@code path}, a policy for the rule's own label {@code lifecycle} with the given timing, and a rule. */
    private final class Scenario {
        final String label = UUID.randomUUID().toString();
        final String path;
        final String service = "lifecycle-it-" + label.substring(0, 8);
        final String ruleName;
        final String channelId;
        String ruleId;

        Scenario(String path, String groupWait, String groupInterval, String repeatInterval) throws Exception {
            this.path = path;
            this.ruleName = "lifecycle-it " + path + " " + label.substring(0, 8);
            HttpResponse<String> channel = call("POST", "/notification-channels", admin, object().add("name", ruleName).add("type", "webhook")
                    .add("config", object().add("url", receiver.url(path)).add("secret", SECRET)).add("enabled", true).build().toString());
            assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
            channelId = json(channel.body()).getString("id");
            cleanup.add("/notification-channels/" + channelId);

            HttpResponse<String> policy = call("POST", "/notification-policies", admin, object().add("name", ruleName)
                    .add("matchers", Json.createArrayBuilder().add(object().add("name", "lifecycle").add("op", "=").add("value", label)))
                    .add("channelIds", Json.createArrayBuilder().add(channelId)).add("groupBy", Json.createArrayBuilder().add("alertname"))
                    .add("groupWait", groupWait).add("groupInterval", groupInterval).add("repeatInterval", repeatInterval)
                    .add("sendResolved", true).build().toString());
            assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
            cleanup.add(0, "/notification-policies/" + json(policy.body()).getString("id"));
        }

        /** Sends the gauge {@code metric()} of this scenario's service every 250 ms, away from whole-second boundaries. */
        void send(DoubleSupplier value) throws Exception {
            SdkTelemetry sdk = new SdkTelemetry(service);
            sender.submit(() -> {
                while (sending.get()) {
                    long phase = System.currentTimeMillis() % 1000;
                    if (phase >= 50 && phase <= 750) {   // the point's timestamp stays in the second its value was chosen for
                        try {
                            sdk.sendGauge(metric(), value.getAsDouble());
                        } catch (AssertionError | RuntimeException e) {
                            // one lost point is a gap the rules ride over; the assertions are on what the rules and the receiver saw
                        }
                    }
                    Thread.sleep(250);
                }
                return null;
            });
        }

        String metric() {
            return "lifecycle_it." + label.substring(0, 8) + ".load";
        }

        void rule(JsonObject condition, String interval, String evaluationDelay, String noData) throws Exception {
            HttpResponse<String> rule = call("POST", "/alerts/rules", admin, object().add("name", ruleName).add("kind", "metric")
                    .add("query", object().add("metric", metric()).add("aggregation", "avg").add("groupBy", Json.createArrayBuilder().add("service.name")))
                    .add("condition", condition).add("interval", interval).add("evaluationDelay", evaluationDelay).add("noData", noData)
                    .add("severity", "high").add("labels", object().add("lifecycle", label)).build().toString());
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
            ruleId = json(rule.body()).getString("id");
            cleanup.add(0, "/alerts/rules/" + ruleId);
        }

        JsonObject awaitState(String state) throws Exception {
            // the service's series; not the instance without labels that a grouped rule has while its query finds nothing
            return Await.until("the instance of " + service + " of " + ruleName + " in state " + state, WAIT, () -> instances().stream()
                    .filter(instance -> service.equals(instance.getJsonObject("labels").getString("service.name", null)))
                    .filter(instance -> instance.getString("state").equals(state)).findFirst(), Optional::isPresent).orElseThrow();
        }

        Optional<JsonObject> instance(String fingerprint) throws Exception {
            return instances().stream().filter(instance -> instance.getString("fingerprint").equals(fingerprint)).findFirst();
        }

        List<JsonObject> instances() throws Exception {
            return json(ok(call("GET", "/alerts?state=all&ruleId=" + ruleId, admin, null)).body()).getJsonArray("items")
                    .getValuesAs(JsonObject.class);
        }

        /** The instance's transitions, newest first. */
        List<JsonObject> history(String fingerprint) throws Exception {
            return json(ok(call("GET", "/alerts/rules/" + ruleId + "/history?limit=100&fingerprint=" + fingerprint, admin, null)).body())
                    .getJsonArray("items").getValuesAs(JsonObject.class);
        }

        List<JsonObject> attempts(String fingerprint) throws Exception {
            return json(ok(call("GET", "/alerts/rules/" + ruleId + "/instances/" + fingerprint + "/notifications", admin, null)).body())
                    .getJsonArray("attempts").getValuesAs(JsonObject.class);
        }

        /** The next request the receiver gets, which must be one of this scenario's. */
        Received next(Duration wait) throws InterruptedException {
            Received next = receiver.next(wait);
            assertThat(next.target()).isEqualTo(path);
            return next;
        }

        /** A signed generic-webhook notification of this scenario's rule about its one instance. */
        void assertNotification(Received request, String status, String fingerprint) throws Exception {
            assertThat(request.method()).isEqualTo("POST");
            String signature = request.header("X-TelemetryFlow-Signature").orElseThrow(() -> new AssertionError("no signature header"));
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            String timestamp = signature.substring(2, signature.indexOf(','));
            assertThat(signature).endsWith("v1=" + NotificationChannelIT.hmac(SECRET, timestamp + "." + request.body()));

            JsonObject body = json(request.body());
            assertThat(body.getString("status")).as(request.body()).isEqualTo(status);
            assertThat(body.getBoolean("test")).isFalse();
            assertThat(body.getString("ruleId")).isEqualTo(ruleId);
            assertThat(body.getString("ruleName")).isEqualTo(ruleName);
            assertThat(body.getString("severity")).isEqualTo("high");
            List<JsonObject> alerts = body.getJsonArray("alerts").getValuesAs(JsonObject.class);
            assertThat(alerts).as(request.body()).hasSize(1);
            assertThat(alerts.get(0).getString("fingerprint")).isEqualTo(fingerprint);
            JsonObject labels = alerts.get(0).getJsonObject("labels");
            assertThat(labels.getString("service.name")).isEqualTo(service);
            assertThat(labels.getString("lifecycle")).isEqualTo(label);
            assertThat(labels.getString("alertname")).isEqualTo(ruleName);
            assertThat(labels.getString("severity")).isEqualTo("high");
            assertThat(body.getJsonObject("commonLabels").getString("service.name")).isEqualTo(service);
        }
    }

    /** When the instance's only transition into {@code state} happened. */
    private static Instant at(List<JsonObject> history, String state) {
        List<JsonObject> into = history.stream().filter(entry -> entry.getString("to").equals(state)).toList();
        assertThat(into).as("one transition into " + state + ": " + history).hasSize(1);
        return Instant.parse(into.get(0).getString("at"));
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
