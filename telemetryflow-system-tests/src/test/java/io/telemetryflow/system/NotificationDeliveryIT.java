package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notification routing and delivery end to end on the deployed server. Alerts fire through the real path: a metric rule
 * whose metric never arrives, with {@code noData: firing}, is evaluated by the platform (every 2 s) and fires; the
 * evaluation's AlertTransitions reach the routing, a policy matching the rule's own label groups it, the flush timer
 * queues one message per channel, and the delivery MDB posts to a generic webhook channel on a local receiver
 * (127.0.0.1:18495, on the test server's outbound allow-list). The receiver answers per path, so each test has its own.
 */
class NotificationDeliveryIT extends DeployedEar {

    private static final int PORT = 18495;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static WebhookReceiver receiver;
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Per path: how many requests fail (with 503) before the receiver answers 200; absent: always 200. */
    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

    private final List<String> cleanup = new ArrayList<>();
    private String admin;

    @BeforeAll
    static void receiver() throws Exception {
        receiver = WebhookReceiver.start(PORT);
        receiver.answer(request -> {
            String path = request.target();
            int call = CALLS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int failures = FAILURES.getOrDefault(path, 0);
            return call <= failures ? WebhookReceiver.Answer.of(503, "{\"error\":\"busy\"}") : WebhookReceiver.Answer.of(200, "{\"ok\":true}");
        });
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @BeforeEach
    void signIn() throws Exception {
        admin = DemoUser.ADMINISTRATOR.login();
    }

    @AfterEach
    void deleteWhatTheTestMade() throws Exception {
        for (String path : cleanup) {
            call("DELETE", path, admin, null);
        }
    }

    @Test
    void aFiringAlertIsDeliveredOnceAfterGroupWait() throws Exception {
        Scenario once = scenario("/once", "3s", "10m");
        Instant firingSince = once.awaitFiring();

        List<WebhookReceiver.Received> requests = awaitRequests("/once", 1);
        JsonObject body = json(requests.get(0).body());
        assertThat(requests.get(0).body()).contains(once.ruleName).contains("firing");
        assertThat(requests.get(0).header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));

        List<JsonObject> attempts = once.attempts();
        assertThat(attempts).hasSize(1);
        JsonObject attempt = attempts.get(0);
        assertThat(attempt.getString("outcome")).isEqualTo("delivered");
        assertThat(attempt.getInt("attempt")).isEqualTo(1);
        assertThat(attempt.getInt("statusCode")).isEqualTo(200);
        assertThat(attempt.getString("channelId")).isEqualTo(once.channelId);
        assertThat(attempt.getString("status")).isEqualTo("firing");
        assertThat(Duration.between(firingSince, Instant.parse(attempt.getString("at"))))
                .as("sent after group_wait (3 s)").isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        Thread.sleep(12_000);   // the rule keeps firing, evaluated every 2 s: still no second notification
        assertThat(CALLS.get("/once").get()).as("delivered once: " + body).isEqualTo(1);
        assertThat(once.attempts()).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenSucceedsOrEndsInTheDeadLetterQueue() throws Exception {
        FAILURES.put("/flaky", 4);
        FAILURES.put("/down", Integer.MAX_VALUE);
        Scenario flaky = scenario("/flaky", "1s", "10m");
        Scenario down = scenario("/down", "1s", "10m");

        List<JsonObject> flakyAttempts = Await.until("five attempts to /flaky", WAIT, flaky::attempts, list -> list.size() >= 5);
        assertThat(flakyAttempts).extracting(a -> a.getInt("attempt")).containsExactly(1, 2, 3, 4, 5);
        assertThat(flakyAttempts).extracting(a -> a.getString("outcome"))
                .containsExactly("retrying", "retrying", "retrying", "retrying", "delivered");
        assertThat(flakyAttempts).extracting(a -> a.getInt("statusCode")).containsExactly(503, 503, 503, 503, 200);
        assertThat(flakyAttempts.get(0).getString("error")).contains("503");
        // the broker's backoff: 3 s, 6 s, 12 s, 24 s between attempts (at least 3 s between any two)
        for (int i = 1; i < flakyAttempts.size(); i++) {
            assertThat(Duration.between(Instant.parse(flakyAttempts.get(i - 1).getString("at")), Instant.parse(flakyAttempts.get(i).getString("at"))))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
        }

        List<JsonObject> downAttempts = Await.until("five attempts to /down", WAIT, down::attempts, list -> list.size() >= 5);
        assertThat(downAttempts).extracting(a -> a.getString("outcome"))
                .containsExactly("retrying", "retrying", "retrying", "retrying", "dead_lettered");
        String notification = downAttempts.get(0).getString("notificationId");
        assertThat(Await.until("the /down notification in notifications.DLQ", WAIT, () -> deadLetters(notification), count -> count == 1))
                .isEqualTo(1);

        Thread.sleep(8_000);   // nothing further: exactly one successful delivery, no sixth attempt
        assertThat(CALLS.get("/flaky").get()).isEqualTo(5);
        assertThat(CALLS.get("/down").get()).isEqualTo(5);
        assertThat(flaky.attempts()).hasSize(5);
        assertThat(down.attempts()).hasSize(5);
    }

    @Test
    void aSilenceSuppressesUntilItIsExpired() throws Exception {
        String label = UUID.randomUUID().toString();
        HttpResponse<String> silence = call("POST", "/silences", admin, object()
                .add("matchers", Json.createArrayBuilder().add(object().add("name", "nit").add("op", "=").add("value", label)))
                .add("endsAt", Instant.now().plus(Duration.ofHours(1)).toString()).add("comment", "NotificationDeliveryIT").build().toString());
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);
        JsonObject created = json(silence.body());
        assertThat(created.getString("createdBy")).isEqualTo(DemoUser.ADMINISTRATOR.email);
        assertThat(created.getString("status")).isEqualTo("active");
        String silenceId = created.getString("id");
        cleanup.add("/silences/" + silenceId);

        Scenario silenced = new Scenario("/silenced", "1s", "2s", label);
        silenced.awaitFiring();
        Thread.sleep(10_000);   // group_wait 1 s and many flushes later
        assertThat(CALLS.getOrDefault("/silenced", new AtomicInteger()).get()).as("silenced").isZero();
        assertThat(silenced.attempts()).isEmpty();

        HttpResponse<String> expired = call("POST", "/silences/" + silenceId + "/expire", admin, null);
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);
        assertThat(json(expired.body()).getString("status")).isEqualTo("expired");
        awaitRequests("/silenced", 1);
        assertThat(Await.until("the delivery after the silence", WAIT, silenced::attempts, list -> !list.isEmpty()).get(0).getString("outcome"))
                .isEqualTo("delivered");
    }

    /** A webhook channel on {@code path}, a policy for the rule's own label {@code nit} with the given timing, and the rule, which fires at once. */
    private final class Scenario {
        final String label;
        final String ruleName;
        final String channelId;
        final String ruleId;

        Scenario(String path, String groupWait, String groupInterval, String label) throws Exception {
            this.label = label;
            this.ruleName = "notify-it " + path + " " + label.substring(0, 8);
            HttpResponse<String> channel = call("POST", "/notification-channels", admin, object().add("name", ruleName).add("type", "webhook")
                    .add("config", object().add("url", receiver.url(path)).add("secret", "notification-delivery-it-secret"))
                    .add("enabled", true).build().toString());
            assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
            channelId = json(channel.body()).getString("id");
            cleanup.add("/notification-channels/" + channelId);

            HttpResponse<String> policy = call("POST", "/notification-policies", admin, object().add("name", ruleName)
                    .add("matchers", Json.createArrayBuilder().add(object().add("name", "nit").add("op", "=").add("value", label)))
                    .add("channelIds", Json.createArrayBuilder().add(channelId))
                    .add("groupBy", Json.createArrayBuilder().add("alertname"))
                    .add("groupWait", groupWait).add("groupInterval", groupInterval).add("repeatInterval", "1h").build().toString());
            assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
            cleanup.add(0, "/notification-policies/" + json(policy.body()).getString("id"));

            String metric = "notify_it." + label.substring(0, 8) + ".never";
            HttpResponse<String> rule = call("POST", "/alerts/rules", admin, object().add("name", ruleName).add("kind", "metric")
                    .add("query", object().add("metric", metric).add("aggregation", "avg"))
                    .add("condition", object().add("operator", "gt").add("threshold", 1).add("window", "4s"))
                    .add("interval", "2s").add("noData", "firing").add("severity", "high")
                    .add("labels", object().add("nit", label)).build().toString());
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
            ruleId = json(rule.body()).getString("id");
            cleanup.add(0, "/alerts/rules/" + ruleId);
        }

        Instant awaitFiring() throws Exception {
            JsonObject firing = Await.until("rule " + ruleName + " firing", WAIT, this::firingInstance, instance -> instance != null);
            return Instant.parse(firing.getString("firingSince"));
        }

        JsonObject firingInstance() throws Exception {
            HttpResponse<String> instances = call("GET", "/alerts?ruleId=" + ruleId, admin, null);
            assertThat(instances.statusCode()).as(instances.body()).isEqualTo(200);
            return json(instances.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(instance -> instance.getString("state").equals("firing")).findFirst().orElse(null);
        }

        List<JsonObject> attempts() throws Exception {
            JsonObject instance = firingInstance();
            if (instance == null) {
                return List.of();
            }
            HttpResponse<String> answer = call("GET", "/alerts/rules/" + ruleId + "/instances/" + instance.getString("fingerprint")
                    + "/notifications", admin, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return json(answer.body()).getJsonArray("attempts").getValuesAs(JsonObject.class);
        }
    }

    private Scenario scenario(String path, String groupWait, String groupInterval) throws Exception {
        return new Scenario(path, groupWait, groupInterval, UUID.randomUUID().toString());
    }

    private static List<WebhookReceiver.Received> awaitRequests(String path, int count) throws Exception {
        Await.until(count + " requests to " + path, WAIT, () -> CALLS.getOrDefault(path, new AtomicInteger()).get(), calls -> calls >= count);
        return receiver.pending().stream().filter(request -> request.target().equals(path)).toList();
    }

    /** Messages of the notification in notifications.DLQ, read through the test server's management API. */
    private long deadLetters(String notificationId) throws Exception {
        ModelNode count = Operations.createOperation("count-messages",
                Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "jms-queue", "notifications.DLQ"));
        count.get("filter").set("tfNotificationId = '" + notificationId + "'");
        ModelNode result = management.getControllerClient().execute(count);
        assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
        return Operations.readResult(result).asLong();
    }
}
