package io.telemetryflow.testsupport;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;

import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * A fresh tenant in the default workspace with its own ingest key, for read-side tests: telemetry sent with
 * {@link #send} (OTLP/JSON through the real endpoint) lands under this tenant only, so another test's data never
 * disturbs exact counts, and a second tenant makes the isolation case.
 */
public record TelemetryTenant(String organizationId, String workspaceId, String tenantId, String keyId, String secret) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Created by the demo Administrator (who can read every tenant of the default organization). */
    public static TelemetryTenant create(String namePrefix) throws IOException, InterruptedException, SQLException {
        String admin = DemoUser.ADMINISTRATOR.login();
        DefaultTenancy defaults = DefaultTenancy.read();
        HttpResponse<String> tenant = call("POST", "/iam/tenants", admin, Json.createObjectBuilder()
                .add("workspaceId", defaults.workspaceId()).add("name", namePrefix + " " + UUID.randomUUID().toString().substring(0, 8))
                .build().toString());
        if (tenant.statusCode() != 201) {
            throw new IllegalStateException("tenant not created: " + tenant.statusCode() + " " + tenant.body());
        }
        String tenantId = json(tenant.body()).getString("id");
        HttpResponse<String> key = call("POST", "/api-keys", admin, Json.createObjectBuilder()
                .add("name", "read-side " + tenantId)
                .add("permissions", Json.createArrayBuilder().add("traces:write").add("logs:write").add("metrics:write"))
                .add("scope", Json.createObjectBuilder().add("tenantId", tenantId)).build().toString());
        if (key.statusCode() != 201) {
            throw new IllegalStateException("key not created: " + key.statusCode() + " " + key.body());
        }
        JsonObject created = json(key.body());
        return new TelemetryTenant(defaults.organizationId(), defaults.workspaceId(), tenantId, created.getJsonObject("apiKey").getString("keyId"),
                created.getString("secret"));
    }

    /** Posts OTLP/JSON to {@code /v1/<signal>} (traces, logs, metrics); fails unless the endpoint accepts it. */
    public void send(String signal, String otlpJson) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(TestEnvironment.OTLP + "/v1/" + signal))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(otlpJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("OTLP " + signal + " refused: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Waits until ClickHouse holds {@code rows} rows of {@code table} for this tenant (ingestion is asynchronous:
     * the endpoint acknowledges once the request is queued).
     */
    public void awaitRows(String table, long rows) throws Exception {
        Await.until(rows + " rows of " + table + " for tenant " + tenantId, Duration.ofSeconds(60),
                () -> TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                        "SELECT count() FROM telemetryflow." + table + " WHERE tenant_id = '" + tenantId + "'").body().trim(),
                Long.toString(rows)::equals);
    }
}
