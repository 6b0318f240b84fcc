package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound client as "send test" uses it on the running server: targets on loopback, link-local (cloud metadata),
 * private and unique-local addresses, a name that resolves to loopback, and a redirect to loopback are refused with
 * a reason, and nothing connects to them (listeners on the loopback targets see no connection; the other targets
 * answer at once, where a connection attempt to a silent 10.0.0.1 would wait out the connect timeout). A receiver on
 * a port the test server's allow-list opens (arquillian.xml) is reached.
 */
class OutboundSafetyIT extends DeployedEar {

    private static final int ALLOWED_PORT = 18492;
    private static final String SECRET = "outbound-safety-secret";

    private static WebhookReceiver allowed;

    @BeforeAll
    static void receiver() throws IOException {
        allowed = WebhookReceiver.start(ALLOWED_PORT);
    }

    @AfterAll
    static void stop() {
        allowed.close();
    }

    @Test
    void loopbackTargetsOutsideTheAllowListAreRefusedWithoutAConnection() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        try (ServerSocket listener = silentListener()) {
            int port = listener.getLocalPort();
            assertRefused(admin, "http://127.0.0.1:" + port + "/hook", "loopback");
            assertRefused(admin, "http://localhost:" + port + "/hook", "loopback");
            assertRefused(admin, "http://[::1]:" + port + "/hook", "loopback");
            assertRefused(admin, "http://[::ffff:127.0.0.1]:" + port + "/hook", "loopback");
            assertNoConnection(listener);
        }
    }

    @Test
    void metadataPrivateAndUniqueLocalTargetsAreRefusedBeforeAnyConnectAttempt() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        assertRefused(admin, "http://169.254.169.254/latest/meta-data/", "cloud metadata");
        assertRefused(admin, "http://10.0.0.1/hook", "private");
        assertRefused(admin, "http://[fd00::1]/hook", "unique local");
        assertRefused(admin, "http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata");
        assertRefused(admin, "http://100.100.100.200/latest/meta-data/", "cloud metadata");
        assertRefused(admin, "http://192.168.1.1/hook", "private");
    }

    @Test
    void aRedirectToLoopbackIsNotFollowed() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        try (ServerSocket inside = silentListener()) {
            String location = "http://127.0.0.1:" + inside.getLocalPort() + "/internal";
            allowed.reset();
            allowed.answer(request -> new WebhookReceiver.Answer(302, Map.of("Location", location), ""));
            JsonObject result = testSend(admin, allowed.url("/redirecting"));
            assertThat(result.getBoolean("delivered")).isFalse();
            assertThat(result.getBoolean("retryable")).isFalse();
            assertThat(result.getString("error")).contains("302", location, "not followed");
            assertThat(allowed.next(Duration.ofSeconds(5)).target()).isEqualTo("/redirecting");
            assertThat(allowed.pending()).as("one request, not retried").isEmpty();
            assertNoConnection(inside);
        } finally {
            allowed.reset();
        }
    }

    @Test
    void theAllowListedReceiverIsReached() throws Exception {
        allowed.reset();
        JsonObject result = testSend(DemoUser.ADMINISTRATOR.login(), allowed.url("/allowed"));
        assertThat(result.getBoolean("delivered")).as(result.toString()).isTrue();
        assertThat(result.getInt("statusCode")).isEqualTo(200);
        WebhookReceiver.Received request = allowed.next(Duration.ofSeconds(5));
        assertThat(request.target()).isEqualTo("/allowed");
        assertThat(json(request.body()).getBoolean("test")).isTrue();
    }

    private static void assertRefused(String token, String url, String reason) throws Exception {
        long start = System.nanoTime();
        JsonObject result = testSend(token, url);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.getBoolean("delivered")).as(url).isFalse();
        assertThat(result.getBoolean("retryable")).as(url + ": a refusal does not get better by retrying").isFalse();
        assertThat(result.containsKey("statusCode")).as(url + ": no answer, so no status").isFalse();
        assertThat(result.getString("error")).as(url).contains("refused", reason);
        // the outbound connect timeout is 5 s: an attempted connection to an address that never answers would take it
        assertThat(took).as(url + " answered without trying to connect").isLessThan(Duration.ofSeconds(3));
    }

    /** An unsaved generic-webhook channel's test send to {@code url}; the answer's body. */
    private static JsonObject testSend(String token, String url) throws Exception {
        String channel = Json.createObjectBuilder().add("name", "outbound safety").add("type", "webhook")
                .add("config", Json.createObjectBuilder().add("url", url).add("secret", SECRET)).build().toString();
        HttpResponse<String> response = call("POST", "/notification-channels/test", token, channel);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** A loopback port that accepts nothing the test does not check for. */
    private static ServerSocket silentListener() throws IOException {
        return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    private static void assertNoConnection(ServerSocket listener) throws IOException {
        listener.setSoTimeout(500);
        try {
            listener.accept().close();
            throw new AssertionError("the refused target on port " + listener.getLocalPort() + " received a connection");
        } catch (SocketTimeoutException expected) {
            // nothing connected
        }
    }
}
