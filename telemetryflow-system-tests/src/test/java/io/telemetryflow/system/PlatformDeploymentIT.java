package io.telemetryflow.system;

import static io.telemetryflow.testsupport.Readiness.awaitReady;
import static io.telemetryflow.testsupport.Readiness.checksByName;
import static io.telemetryflow.testsupport.TestEnvironment.HTTP;
import static io.telemetryflow.testsupport.TestEnvironment.MANAGEMENT;
import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static io.telemetryflow.testsupport.TestEnvironment.get;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.testsupport.ClickHouseOutage;
import io.telemetryflow.testsupport.TestEnvironment;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EAR on a real WildFly with real PostgreSQL, ClickHouse, Artemis and Hazelcast, seen from outside. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformDeploymentIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @Test
    @Order(1)
    void readinessIsUpWithANamedCheckPerDependency() throws Exception {
        JsonObject health = awaitReady(Duration.ofSeconds(90));
        Map<String, JsonObject> checks = checksByName(health);
        assertThat(checks).containsKeys("postgres", "clickhouse", "messaging", "cache");
        for (String name : new String[]{"postgres", "clickhouse", "messaging", "cache"}) {
            assertThat(checks.get(name).getString("status")).as(name).isEqualTo("UP");
        }
        assertThat(checks.get("cache").getJsonObject("data").getString("mode")).isEqualTo("L1_AND_L2");
        assertThat(checks.get("clickhouse").getJsonObject("data").getString("database")).isEqualTo("telemetryflow");
    }

    @Test
    @Order(2)
    void livenessIsUp() throws Exception {
        HttpResponse<String> live = get(MANAGEMENT + "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(checksByName(json(live.body()))).containsKey("application");
    }

    @Test
    @Order(3)
    void brokerAppliesTheRetryPolicyOfEveryPlatformQueue() throws Exception {
        JsonObject messaging = checksByName(awaitReady(Duration.ofSeconds(30))).get("messaging").getJsonObject("data");
        for (PlatformQueue queue : PlatformQueue.values()) {
            String reading = messaging.getString(queue.queueName());
            assertThat(reading).as(queue.queueName())
                    .contains("maxAttempts=" + queue.maxAttempts())
                    .contains("redeliveryDelayMs=" + queue.initialDelay().toMillis())
                    .contains("multiplier=" + PlatformQueue.BACKOFF_MULTIPLIER)
                    .contains("deadLetterAddress=jms.queue." + queue.deadLetterQueueName());
        }
    }

    @Test
    @Order(4)
    void bootstrapsTheDefaultTenancyOnce() throws Exception {
        // other tests create tenancies of their own; the bootstrap's is the one the system created
        try (Connection db = TestEnvironment.postgres(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT r.code, o.slug, w.slug, t.slug, t.deleted_at
                     FROM tenants t
                     JOIN workspaces w ON w.id = t.workspace_id
                     JOIN organizations o ON o.id = w.organization_id
                     JOIN regions r ON r.id = o.region_id
                     WHERE t.created_by = 'system'""")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("default");
            assertThat(rows.getString(2)).isEqualTo("default");
            assertThat(rows.getString(3)).isEqualTo("default");
            assertThat(rows.getString(4)).isEqualTo("production");
            assertThat(rows.getObject(5)).isNull();
            assertThat(rows.next()).as("exactly one bootstrapped tenant").isFalse();
        }
    }

    @Test
    @Order(5)
    void appliedTheClickHouseMigrations() throws Exception {
        HttpResponse<String> response = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT version, description FROM telemetryflow.schema_migrations FINAL ORDER BY version FORMAT TSV");
        assertThat(response.body()).startsWith("1\tplatform events");
        HttpResponse<String> table = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "EXISTS TABLE telemetryflow.platform_events");
        assertThat(table.body().strip()).isEqualTo("1");
    }

    @Test
    @Order(6)
    void servesApiOpenApiAndSwaggerUi() throws Exception {
        HttpResponse<String> info = get(HTTP + "/api/v2/platform/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info.body()).getString("name")).isEqualTo("TelemetryFlow");

        HttpResponse<String> openApi = get(HTTP + "/openapi?format=JSON");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi.body()).getJsonObject("paths")).containsKey("/api/v2/platform/info");

        HttpResponse<String> docs = get(HTTP + "/api/docs/");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui-bundle.js").doesNotContain("${swagger-ui.version}");
        String bundle = docs.body().replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(get(HTTP + bundle).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void unknownApiPathIsAProblemDocument() throws Exception {
        HttpResponse<String> missing = get(HTTP + "/api/v2/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(missing.body()).getInt("status")).isEqualTo(404);
    }

    @Test
    @Order(8)
    void otlpListenerServesTheApplication() throws Exception {
        assertThat(get(OTLP + "/api/v2/platform/info").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void readinessNamesClickHouseWhileItIsDownAndRecoversWithoutRestart() throws Exception {
        try (ClickHouseOutage outage = ClickHouseOutage.begin()) {
            Map<String, JsonObject> checks = outage.checks();
            assertThat(checks.get("clickhouse").getJsonObject("data").getString("error")).contains("ClickHouse unreachable");
            assertThat(checks.get("postgres").getString("status")).isEqualTo("UP");
        }
        // recovered without a restart of the server: the outage's end waited for readiness UP
        JsonObject up = awaitReady(Duration.ofSeconds(60));
        assertThat(checksByName(up).get("clickhouse").getString("status")).isEqualTo("UP");
    }
}
