package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ExtraServer;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster (the Arquillian-managed server and a second WildFly joining its Hazelcast
 * cluster, same PostgreSQL and ClickHouse): tokens signed on one node are accepted on the other (one
 * signing key), a logout on one is refused on the other at once, and an API key revoked on one stops
 * working on the other within seconds. The cache cluster authenticates no member, so a node that would join it with
 * the shipped cluster name, or without the configured encryption key its entries' MAC derives from, refuses to start
 * (and never starts its member).
 */
class ClusterIT extends DeployedEar {

    private static final int OFFSET = 300;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void signInsLogoutsAndRevocationsHoldOnEveryNode() throws Exception {
        // the test command runs the managed server's Hazelcast member on 5801 in cluster telemetryflow-test
        try (ExtraServer second = new ExtraServer(OFFSET, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5802",
                "TELEMETRYFLOW_HAZELCAST_MEMBERS", "127.0.0.1:5801",
                // a node naming members needs a cluster name of the operator's: the managed server's
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-test"))) {
            second.start();
            String secondApi = second.http() + "/api/v2";

            String fromFirst = DemoUser.VIEWER.login();
            assertThat(send(secondApi + "/auth/me", "GET", fromFirst, null).statusCode()).as("first node's token on the second").isEqualTo(200);
            HttpResponse<String> signedInOnSecond = send(secondApi + "/auth/login", "POST", null, Json.createObjectBuilder()
                    .add("email", DemoUser.VIEWER.email).add("password", DemoUser.VIEWER.password).build().toString());
            assertThat(signedInOnSecond.statusCode()).isEqualTo(200);
            assertThat(call("GET", "/auth/me", json(signedInOnSecond.body()).getString("accessToken"), null).statusCode())
                    .as("second node's token on the first").isEqualTo(200);

            assertThat(call("POST", "/auth/logout", fromFirst, null).statusCode()).isEqualTo(204);
            assertThat(call("GET", "/auth/me", fromFirst, null).statusCode()).as("logged out on this node: at once").isEqualTo(401);
            // the second node asked about this token a moment ago and may keep that answer for the revocation-check time
            assertThat(awaitStatus(Duration.ofSeconds(5), () -> send(secondApi + "/auth/me", "GET", fromFirst, null).statusCode(), 401))
                    .as("logged out on the first node, refused by the second").isEqualTo(401);

            String developer = DemoUser.DEVELOPER.login();
            HttpResponse<String> created = call("POST", "/api-keys", developer, Json.createObjectBuilder()
                    .add("name", "cluster-it").add("permissions", Json.createArrayBuilder().add("traces:write")).build().toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonObject key = json(created.body());
            String id = key.getJsonObject("apiKey").getString("id");
            String keyId = key.getJsonObject("apiKey").getString("keyId");
            String secret = key.getString("secret");
            String secondOtlp = "http://127.0.0.1:" + (4318 + OFFSET);
            assertThat(TestEnvironment.ingest(secondOtlp, keyId, secret)).isEqualTo(200);   // the second node now holds a cached verdict
            assertThat(call("POST", "/api-keys/" + id + "/revoke", developer, null).statusCode()).isEqualTo(200);
            assertThat(awaitStatus(Duration.ofSeconds(5), () -> TestEnvironment.ingest(secondOtlp, keyId, secret), 401))
                    .as("revoked on the first node, refused by the second").isEqualTo(401);
        }
    }

    @Test
    void aNodeJoiningTheCacheClusterWithoutTheOperatorsNameOrKeyRefusesToStart() throws Exception {
        try (ExtraServer node = new ExtraServer(800, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5808",
                "TELEMETRYFLOW_HAZELCAST_MEMBERS", "127.0.0.1:5801",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow"))) {
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start"))
                    .contains("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME").contains("MEMBERS=127.0.0.1:5801");
            node.stop(false);

            node.set("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-refusal-test");
            node.set("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY", null);
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start")).contains("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY");
        }
    }

    private static HttpResponse<String> send(String url, String method, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the status appears or the time is up; returns the last status seen. */
    private static int awaitStatus(Duration limit, Callable<Integer> probe, int wanted) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = probe.call();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = probe.call();
        }
        return status;
    }
}
