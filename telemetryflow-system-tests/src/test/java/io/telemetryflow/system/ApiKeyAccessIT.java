package io.telemetryflow.system;

import static io.telemetryflow.system.TestEnvironment.OTLP;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeySecret;
import io.telemetryflow.platform.security.Argon2idHasher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys as the OTLP endpoint sees them: revoked and expired keys are refused, a key without the
 * signal's permission gets 403, and the per-key rate limit answers 429 with Retry-After. Each test
 * stores its own key straight in PostgreSQL (key management REST arrives with the IAM feature).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiKeyAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] EMPTY_TRACES = new byte[0];
    // cheap parameters: the server verifies with whatever the stored hash names
    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, new SecureRandom());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeEach
    void ready() throws Exception {
        PlatformDeploymentIT.awaitReady(Duration.ofSeconds(90));
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        String[] key = storeKey("traces:write", null, true);
        assertThat(send(key, "/v1/traces").statusCode()).isEqualTo(401);
    }

    @Test
    void expiredKeyIsRefused() throws Exception {
        String[] key = storeKey("traces:write", Instant.now().minus(Duration.ofMinutes(1)), false);
        assertThat(send(key, "/v1/traces").statusCode()).isEqualTo(401);
    }

    @Test
    void keyWithoutTheSignalsPermissionIsForbidden() throws Exception {
        String[] key = storeKey("metrics:write", null, false);
        assertThat(send(key, "/v1/metrics").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> traces = send(key, "/v1/traces");
        assertThat(traces.statusCode()).isEqualTo(403);
        assertThat(new String(traces.body())).contains("traces:write");
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() throws Exception {
        String[] key = storeKey("traces:write", null, false);
        int limit = 1000; // telemetryflow.ingest.rate-limit-per-minute default
        HttpResponse<byte[]> last = null;
        for (int i = 0; i <= limit + 5; i++) {
            last = send(key, "/v1/traces");
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(200);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    }

    private HttpResponse<byte[]> send(String[] key, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(OTLP + path))
                .header("Content-Type", "application/x-protobuf")
                .header("X-API-Key-ID", key[0]).header("X-API-Key-Secret", key[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_TRACES)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A key for the default tenant; returns {id, secret}. */
    private String[] storeKey(String permissions, Instant expiresAt, boolean revoked) throws Exception {
        SecureRandom random = new SecureRandom();
        ApiKeyId id = ApiKeyId.generate(random);
        ApiKeySecret secret = ApiKeySecret.generate(random);
        try (Connection db = TestEnvironment.postgres()) {
            UUID organization;
            UUID workspace;
            UUID tenant;
            try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("""
                    SELECT o.id, w.id, t.id FROM tenants t JOIN workspaces w ON w.id = t.workspace_id
                    JOIN organizations o ON o.id = w.organization_id WHERE t.slug = 'production'""")) {
                rows.next();
                organization = rows.getObject(1, UUID.class);
                workspace = rows.getObject(2, UUID.class);
                tenant = rows.getObject(3, UUID.class);
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO api_keys (id, key_id, name, secret_hash, organization_id, workspace_id, tenant_id, permissions,
                                          expires_at, revoked_at, created_at, created_by, updated_at, updated_by)
                    VALUES (?, ?, 'system test', ?, ?, ?, ?, ?, ?, ?, now(), 'system-test', now(), 'system-test')""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, id.value());
                insert.setString(3, hasher.hash(secret.reveal()));
                insert.setObject(4, organization);
                insert.setObject(5, workspace);
                insert.setObject(6, tenant);
                insert.setString(7, permissions);
                insert.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
                insert.setTimestamp(9, revoked ? Timestamp.from(Instant.now()) : null);
                insert.executeUpdate();
            }
        }
        return new String[]{id.value(), secret.reveal()};
    }
}
