package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeySecret;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Work before authentication is bounded: a client address that sends random API keys runs out of its budget of
 * failed authentications (telemetryflow.ingest.auth-failures-per-address-per-minute, 30) and is then answered 429
 * with Retry-After before any database lookup or Argon2id check, while a legitimate key keeps getting 200. The test
 * server trusts 127.0.0.1 as a proxy, so each client here is an address of its own in X-Forwarded-For (random
 * TEST-NET addresses): the budget this test spends is not that of the other test classes, which send from 127.0.0.1.
 */
class PreAuthLimitsIT extends DeployedEar {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int FAILURE_BUDGET = 30;   // the setting's default
    private final SecureRandom random = new SecureRandom();

    @Test
    void randomKeysFromOneAddressRunOutOfFailuresWhileALegitimateKeyKeepsWorking() throws Exception {
        TestEnvironment.BootstrapKey legitimate = TestEnvironment.bootstrapKey();
        String attacker = testNetAddress("198.51.100.");
        String collector = testNetAddress("203.0.113.");
        assertThat(send(attacker, legitimate.keyId(), legitimate.secret()).statusCode())
                .as("verified once, so cached for the attacker's address too").isEqualTo(200);

        HttpResponse<byte[]> refused = null;
        int unauthorized = 0;
        // two budgets and some: a minute that ends during the loop starts a new budget, which then runs out too
        for (int i = 0; i < 2 * FAILURE_BUDGET + 10 && refused == null; i++) {
            HttpResponse<byte[]> response = send(attacker, ApiKeyId.generate(random).value(), ApiKeySecret.generate(random).reveal());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
                unauthorized++;
            }
            if (i % 10 == 0) {
                assertThat(send(collector, legitimate.keyId(), legitimate.secret()).statusCode())
                        .as("a legitimate key from another address").isEqualTo(200);
            }
        }
        assertThat(refused).as("429 within " + (2 * FAILURE_BUDGET + 10) + " random keys").isNotNull();
        assertThat(unauthorized).isGreaterThanOrEqualTo(FAILURE_BUDGET);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        Status status = Status.parseFrom(refused.body());
        assertThat(status.getCode()).isEqualTo(8);   // RESOURCE_EXHAUSTED
        assertThat(status.getMessage()).contains("failed API-key authentications");
        // an OTLP/JSON client gets the refusal in JSON
        HttpResponse<byte[]> refusedJson = send(attacker, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                ApiKeyId.generate(random).value(), ApiKeySecret.generate(random).reveal());
        assertThat(refusedJson.statusCode()).isEqualTo(429);
        Status jsonStatus = TestEnvironment.otlpJsonStatus(refusedJson);
        assertThat(jsonStatus.getCode()).isEqualTo(8);
        assertThat(jsonStatus.getMessage()).contains("failed API-key authentications");

        assertThat(send(attacker, legitimate.keyId(), ApiKeySecret.generate(random).reveal()).statusCode())
                .as("a random secret for a real key is refused before its Argon2id check").isEqualTo(429);
        assertThat(send(attacker, legitimate.keyId(), legitimate.secret()).statusCode())
                .as("a pair verified before is served from the cache, budget or not").isEqualTo(200);
        assertThat(send(collector, legitimate.keyId(), legitimate.secret()).statusCode()).isEqualTo(200);
        assertThat(send(testNetAddress("192.0.2."), ApiKeyId.generate(random).value(), ApiKeySecret.generate(random).reveal())
                .statusCode()).as("another address has a budget of its own").isEqualTo(401);
    }

    private static HttpResponse<byte[]> send(String clientAddress, String keyId, String secret) throws Exception {
        return send(clientAddress, "application/x-protobuf", new byte[0], keyId, secret);
    }

    private static HttpResponse<byte[]> send(String clientAddress, String contentType, byte[] body, String keyId, String secret)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/traces")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Forwarded-For", clientAddress)
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A random host of a documentation network, so that runs against one server do not share a budget. */
    private static String testNetAddress(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(1, 255);
    }
}
