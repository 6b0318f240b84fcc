package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.ExtraServer;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Demo users exist in demo mode only: a server of its own (own database, port offset 400) started in
 * demo mode seeds the five default users; restarted in production mode it deletes them, and the first
 * Super Administrator with the generated password from the credentials file still signs in.
 */
class ProductionModeIT {

    private static final String DATABASE = "telemetryflow_test_production";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void demoUsersAreSeededInDemoModeAndDeletedInProductionMode() throws Exception {
        recreateDatabase();
        String url = System.getProperty("tf.test.pg.url").replaceAll("/[^/?]+(\\?.*)?$", "/" + DATABASE);
        try (ExtraServer server = new ExtraServer(400, Map.of(
                "TELEMETRYFLOW_DB_URL", url,
                "TELEMETRYFLOW_HAZELCAST_PORT", "5902",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-production-test"))) {
            server.start();
            for (DemoUser user : DemoUser.values()) {
                assertThat(login(server, user.email, user.password)).as(user.email + " in demo mode").isEqualTo(200);
            }
            server.stop(false);

            server.set("TELEMETRYFLOW_DEMO_MODE", "false");
            server.start();
            for (DemoUser user : DemoUser.values()) {
                assertThat(login(server, user.email, user.password)).as(user.email + " in production mode").isEqualTo(401);
            }
            JsonObject admin = TestEnvironment.json(Files.readString(server.file("data/telemetryflow/bootstrap-admin.json")));
            assertThat(login(server, admin.getString("adminEmail"), admin.getString("adminPassword"))).isEqualTo(200);
        } finally {
            try (Connection db = TestEnvironment.postgres(); Statement statement = db.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    private static void recreateDatabase() throws Exception {
        try (Connection db = TestEnvironment.postgres(); Statement statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static int login(ExtraServer server, String email, String password) throws Exception {
        String body = Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/v2/auth/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
