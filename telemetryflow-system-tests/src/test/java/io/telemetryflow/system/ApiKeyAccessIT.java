package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeySecret;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.testsupport.DefaultTenancy;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.OtlpJson;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * API keys as the OTLP endpoint sees them: revoked and expired keys are refused, a key without the
 * signal's permission gets 403, the per-key rate limit answers 429 with Retry-After, and organization-
 * and workspace-scoped keys write only to the tenants their resources name inside the scope. Each test
 * stores its own key (and tenancy) straight in PostgreSQL (management REST arrives with the IAM feature).
 */
class ApiKeyAccessIT extends DeployedEar {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] EMPTY_TRACES = new byte[0];
    private static final String TENANT = "telemetryflow.tenant.id";
    private static final String WORKSPACE = "telemetryflow.workspace.id";

    // cheap parameters: the server verifies with whatever the stored hash names
    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, new SecureRandom());

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
    void rateLimitAdmitsExactlyTheLimitPerWindowThen429WithRetryAfter() throws Exception {
        String[] key = storeKey("traces:write", null, false);
        int limit = 1000; // telemetryflow.ingest.rate-limit-per-minute default
        int over = 5;
        // a burst split by a window reset would see no 429: start it with half a window to spare, and send it on a few
        // connections so it takes seconds
        long window = TestEnvironment.rateLimitWindowWithAtLeast(Duration.ofSeconds(30));
        List<HttpResponse<byte[]>> responses = new ArrayList<>(List.of(send(key, "/v1/traces"))); // verifies and caches the key
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> sent = new ArrayList<>();
            for (int i = 1; i < limit + over; i++) {
                sent.add(senders.submit(() -> send(key, "/v1/traces")));
            }
            for (Future<HttpResponse<byte[]>> response : sent) {
                responses.add(response.get(2, TimeUnit.MINUTES));
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(TestEnvironment.rateLimitWindow()).as("the burst ended in the window it started in").isEqualTo(window);
        Map<Integer, Long> statuses = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
        assertThat(statuses).containsExactly(Map.entry(200, (long) limit), Map.entry(429, (long) over));
        assertThat(responses).filteredOn(response -> response.statusCode() == 429).allSatisfy(refused ->
                assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                        assertThat(Integer.parseInt(seconds)).isBetween(1, 60)));
    }

    @Test
    void organizationAndWorkspaceKeysWriteOnlyToNamedTenantsInTheirScope() throws Exception {
        String run = "narrowing-" + UUID.randomUUID();
        try (Connection db = TestEnvironment.postgres(); Tenancy tenancy = new Tenancy(db)) {
            Placement production = Placement.of(DefaultTenancy.read());
            UUID organization = production.organization();
            UUID workspaceA = tenancy.workspace(organization);
            Placement a1 = new Placement(organization, workspaceA, tenancy.tenant(workspaceA, false));
            Placement a2 = new Placement(organization, workspaceA, tenancy.tenant(workspaceA, false));
            UUID deleted = tenancy.tenant(workspaceA, true);
            UUID workspaceB = tenancy.workspace(organization);
            Placement b = new Placement(organization, workspaceB, tenancy.tenant(workspaceB, false));
            UUID otherOrganization = tenancy.organization(UUID.fromString(DefaultTenancy.read().regionId()));
            UUID workspaceC = tenancy.workspace(otherOrganization);
            UUID foreign = tenancy.tenant(workspaceC, false);

            String[] organizationKey = tenancy.key(hasher, organization, null, "traces:write");
            HttpResponse<byte[]> response = sendTraces(organizationKey, List.of(
                    resource(run + "-a1", TENANT, a1.tenant(), WORKSPACE, workspaceA),
                    resource(run + "-b", TENANT, b.tenant()),
                    resource(run + "-foreign", TENANT, foreign),
                    resource(run + "-deleted", TENANT, deleted),
                    resource(run + "-anonymous"),
                    resource(run + "-malformed", TENANT, "production")));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject partial = TestEnvironment.json(new String(response.body())).getJsonObject("partialSuccess");
            assertThat(partial.getString("rejectedSpans")).isEqualTo("4");
            assertThat(partial.getString("errorMessage")).contains("4 items rejected")
                    .contains("may not write (2)").contains("names no telemetryflow.tenant.id").contains("is not a UUID (1)");

            String[] workspaceKey = tenancy.key(hasher, organization, workspaceA, "traces:write");
            response = sendTraces(workspaceKey, List.of(
                    resource(run + "-a2", TENANT, a2.tenant()),
                    resource(run + "-other-workspace", TENANT, b.tenant()),
                    resource(run + "-wrong-workspace", TENANT, a2.tenant(), WORKSPACE, workspaceB)));
            assertThat(response.statusCode()).isEqualTo(200);
            partial = TestEnvironment.json(new String(response.body())).getJsonObject("partialSuccess");
            assertThat(partial.getString("rejectedSpans")).isEqualTo("2");
            assertThat(partial.getString("errorMessage")).isEqualTo("2 items rejected: "
                    + "resource names a tenant or workspace this API key may not write");

            String query = "SELECT name, organization_id, workspace_id, tenant_id FROM telemetryflow.otel_traces "
                    + "WHERE startsWith(name, '" + run + "') ORDER BY name FORMAT TSV";
            TestEnvironment.awaitRows(query, 3);
            new ServerBacklog(management.getControllerClient()).awaitIngestionAfterMarker();
            assertThat(TestEnvironment.post(TestEnvironment.clickHouseHttp(), query).body().strip().split("\n")).containsExactly(
                    row(run + "-a1", a1), row(run + "-a2", a2), row(run + "-b", b));
        }
    }

    private HttpResponse<byte[]> send(String[] key, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(OTLP + path))
                .header("Content-Type", "application/x-protobuf")
                .header("X-API-Key-ID", key[0]).header("X-API-Key-Secret", key[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_TRACES)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A key for the default tenant; returns {id, secret}. */
    private String[] storeKey(String permissions, Instant expiresAt, boolean revoked) throws Exception {
        try (Connection db = TestEnvironment.postgres()) {
            Placement production = Placement.of(DefaultTenancy.read());
            return insertKey(db, hasher, production.organization(), production.workspace(), production.tenant(), permissions,
                    expiresAt, revoked);
        }
    }

    /** Stores a key with the given scope; returns {id, secret}. */
    private static String[] insertKey(Connection db, Argon2idHasher hasher, UUID organization, UUID workspace, UUID tenant,
                                      String permissions, Instant expiresAt, boolean revoked) throws SQLException {
        SecureRandom random = new SecureRandom();
        ApiKeyId id = ApiKeyId.generate(random);
        ApiKeySecret secret = ApiKeySecret.generate(random);
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
        return new String[]{id.value(), secret.reveal()};
    }

    private record Placement(UUID organization, UUID workspace, UUID tenant) {

        static Placement of(DefaultTenancy tenancy) {
            return new Placement(UUID.fromString(tenancy.organizationId()), UUID.fromString(tenancy.workspaceId()),
                    UUID.fromString(tenancy.tenantId()));
        }
    }

    private static String row(String spanName, Placement tenant) {
        return spanName + "\t" + tenant.organization() + "\t" + tenant.workspace() + "\t" + tenant.tenant();
    }

    /** One resource with one span named {@code spanName} (also its service.name), and the given attributes (key, value...). */
    static String resource(String spanName, Object... attributes) {
        List<String> json = new ArrayList<>(List.of(OtlpJson.service(spanName)));
        for (int i = 0; i < attributes.length; i += 2) {
            json.add(OtlpJson.attribute(String.valueOf(attributes[i]), String.valueOf(attributes[i + 1])));
        }
        long start = TestEnvironment.nowNanos();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String spanId = traceId.substring(0, 16);
        return OtlpJson.spans(json, OtlpJson.span(traceId, spanId, spanName, start, start + 1_000_000));
    }

    static HttpResponse<byte[]> sendTraces(String[] key, List<String> resources) throws Exception {
        String body = OtlpJson.traces(resources);
        return HTTP.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/traces"))
                .header("Content-Type", "application/json")
                .header("X-API-Key-ID", key[0]).header("X-API-Key-Secret", key[1])
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Organizations, workspaces, tenants and keys a test creates, removed again on close so that other tests
     * still see only the default tenancy.
     */
    private static final class Tenancy implements AutoCloseable {

        private final Connection db;
        private final List<String> undo = new ArrayList<>();

        Tenancy(Connection db) {
            this.db = db;
        }

        UUID organization(UUID region) throws SQLException {
            return insert("organizations", "region_id", region, false);
        }

        UUID workspace(UUID organization) throws SQLException {
            return insert("workspaces", "organization_id", organization, false);
        }

        UUID tenant(UUID workspace, boolean deleted) throws SQLException {
            return insert("tenants", "workspace_id", workspace, deleted);
        }

        /** A key for a whole organization (workspace null) or one workspace; returns {id, secret}. */
        String[] key(Argon2idHasher hasher, UUID organization, UUID workspace, String permissions) throws SQLException {
            String[] key = insertKey(db, hasher, organization, workspace, null, permissions, null, false);
            undo.add("DELETE FROM api_keys WHERE key_id = '" + key[0] + "'");
            return key;
        }

        private UUID insert(String table, String parentColumn, UUID parent, boolean deleted) throws SQLException {
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " (id, " + parentColumn
                    + ", slug, name, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by) "
                    + "VALUES (?, ?, ?, 'system test', now(), 'system-test', now(), 'system-test', ?, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, parent);
                insert.setString(3, "st-" + id.toString().substring(0, 8));
                insert.setTimestamp(4, deleted ? Timestamp.from(Instant.now()) : null);
                insert.setString(5, deleted ? "system-test" : null);
                insert.executeUpdate();
            }
            undo.add("DELETE FROM " + table + " WHERE id = '" + id + "'");
            return id;
        }

        @Override
        public void close() throws SQLException {
            try (Statement statement = db.createStatement()) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    statement.executeUpdate(undo.get(i));
                }
            }
        }
    }
}
