package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DefaultTenancy;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * API-key management through /api/v2/api-keys against the deployed EAR: a key a Developer creates
 * ingests OTLP, never shows its secret again, survives rotation for the grace period only, stops
 * working on revocation and expiry, and counts its uses (written in batches); keys carry no
 * permission their creator lacks, and another organization's keys do not exist for the caller.
 */
class ApiKeyManagementIT extends DeployedEar {


    @Test
    void createdKeyIngestsRotatesWithGraceAndRevokes() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        String name = "it-lifecycle-" + UUID.randomUUID();
        HttpResponse<String> created = call("POST", "/api-keys", developer, createBody(name, DefaultTenancy.read(), null,
                "traces:write", "metrics:write").build().toString());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = json(created.body());
        JsonObject key = body.getJsonObject("apiKey");
        String id = key.getString("id");
        String keyId = key.getString("keyId");
        String secret = body.getString("secret");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/v2/api-keys/" + id));
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(keyId).startsWith("tfk_");
        assertThat(secret).startsWith("tfs_");
        assertThat(key.getString("status")).isEqualTo("active");
        assertThat(key.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("metrics:write", "traces:write");
        assertThat(key.getString("createdBy")).isEqualTo(DemoUser.DEVELOPER.email);
        assertThat(key.getJsonObject("scope").getString("tenantId")).isEqualTo(DefaultTenancy.read().tenantId());
        assertThat(key.getJsonObject("scope").getString("workspaceId")).isEqualTo(DefaultTenancy.read().workspaceId());

        assertThat(ingest(keyId, secret)).isEqualTo(200);

        HttpResponse<String> read = call("GET", "/api-keys/" + id, developer, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret).doesNotContain(secret.substring(4)).doesNotContainIgnoringCase("argon2")
                .doesNotContain("secret");
        HttpResponse<String> list = call("GET", "/api-keys?name=" + name, developer, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list.body()).getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(json(list.body()).getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);
        assertThat(list.body()).doesNotContain(secret.substring(4)).doesNotContainIgnoringCase("argon2");

        // uses are written in batches (every 5 s by default), never per request
        JsonObject used = await("use count written", () -> json(call("GET", "/api-keys/" + id, developer, null).body()),
                k -> k.getJsonNumber("useCount").longValue() >= 1 && !k.isNull("lastUsedAt"));
        assertThat(used.getJsonNumber("useCount").longValue()).isEqualTo(1);
        assertThat(Instant.parse(used.getString("lastUsedAt"))).isAfter(Instant.now().minusSeconds(120));

        HttpResponse<String> rotated = call("POST", "/api-keys/" + id + "/rotate", developer, "{\"gracePeriod\":\"PT4S\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newSecret = json(rotated.body()).getString("secret");
        assertThat(newSecret).startsWith("tfs_").isNotEqualTo(secret);
        assertThat(json(rotated.body()).getJsonObject("apiKey").getString("keyId")).isEqualTo(keyId);
        assertThat(json(rotated.body()).getJsonObject("apiKey").isNull("rotationGraceEndsAt")).isFalse();
        assertThat(ingest(keyId, newSecret)).isEqualTo(200);
        assertThat(ingest(keyId, secret)).isEqualTo(200);
        await("old secret refused after the grace period", () -> ingest(keyId, secret), status -> status == 401);
        assertThat(ingest(keyId, newSecret)).isEqualTo(200);

        HttpResponse<String> revoked = call("POST", "/api-keys/" + id + "/revoke", developer, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        String revokedAt = json(revoked.body()).getString("revokedAt");
        assertThat(json(revoked.body()).getString("status")).isEqualTo("revoked");
        Await.until("revoked key refused", Duration.ofSeconds(5), () -> ingest(keyId, newSecret), status -> status == 401);
        HttpResponse<String> again = call("POST", "/api-keys/" + id + "/revoke", developer, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again.body()).getString("revokedAt")).isEqualTo(revokedAt);
        assertThat(call("POST", "/api-keys/" + id + "/rotate", developer, null).statusCode()).isEqualTo(409);

        assertThat(json(call("GET", "/api-keys?status=revoked&name=" + name, developer, null).body()).getJsonNumber("total").longValue())
                .isEqualTo(1);
        assertThat(json(call("GET", "/api-keys?status=active&name=" + name, developer, null).body()).getJsonNumber("total").longValue())
                .isZero();

        // one DATA event per change (the second revoke changed nothing), never with a secret in it
        String audit = TestEnvironment.awaitRows("SELECT action, result, user_email, organization_id, tenant_id, metadata "
                + "FROM telemetryflow.audit_logs WHERE resource = 'api-keys/" + id + "' AND event_type = 'DATA' ORDER BY timestamp FORMAT TSV", 3);
        DefaultTenancy tenant = DefaultTenancy.read();
        assertThat(audit.strip().split("\n")).extracting(row -> String.join("\t", java.util.Arrays.copyOf(row.split("\t"), 5)))
                .containsExactly(
                        "api-key.create\tSUCCESS\t" + DemoUser.DEVELOPER.email + "\t" + tenant.organizationId() + "\t" + tenant.tenantId(),
                        "api-key.rotate\tSUCCESS\t" + DemoUser.DEVELOPER.email + "\t" + tenant.organizationId() + "\t" + tenant.tenantId(),
                        "api-key.revoke\tSUCCESS\t" + DemoUser.DEVELOPER.email + "\t" + tenant.organizationId() + "\t" + tenant.tenantId());
        assertThat(audit).contains(keyId).doesNotContain(secret.substring(4)).doesNotContain(newSecret.substring(4));
    }

    @Test
    void expiredKeyIsRefused() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        String name = "it-expiry-" + UUID.randomUUID();
        HttpResponse<String> created = call("POST", "/api-keys", developer,
                createBody(name, DefaultTenancy.read(), Instant.now().plusSeconds(4), "traces:write").build().toString());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = json(created.body());
        String keyId = body.getJsonObject("apiKey").getString("keyId");
        String secret = body.getString("secret");
        assertThat(ingest(keyId, secret)).isEqualTo(200);
        await("expired key refused", () -> ingest(keyId, secret), status -> status == 401);
        assertThat(json(call("GET", "/api-keys/" + body.getJsonObject("apiKey").getString("id"), developer, null).body())
                .getString("status")).isEqualTo("expired");
        assertThat(json(call("GET", "/api-keys?status=expired&name=" + name, developer, null).body()).getJsonNumber("total").longValue())
                .isEqualTo(1);
    }

    @Test
    void keysCarryOnlyWhatTheirCreatorHoldsAndBadInputNamesItsField() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        DefaultTenancy tenant = DefaultTenancy.read();

        HttpResponse<String> beyond = call("POST", "/api-keys", developer,
                createBody("it-beyond", tenant, null, "traces:write", "users:create").build().toString());
        assertThat(beyond.statusCode()).isEqualTo(403);
        assertThat(json(beyond.body()).getString("detail")).contains("users:create");

        assertField(call("POST", "/api-keys", developer, createBody("it-unknown", tenant, null, "traces:fly").build().toString()),
                "permissions");
        assertField(call("POST", "/api-keys", developer, createBody(" ", tenant, null, "traces:write").build().toString()), "name");
        assertField(call("POST", "/api-keys", developer, createBody("x".repeat(201), tenant, null, "traces:write").build().toString()),
                "name");
        assertField(call("POST", "/api-keys", developer, createBody("it-none", tenant, null).build().toString()), "permissions");
        assertField(call("POST", "/api-keys", developer,
                createBody("it-past", tenant, Instant.now().minusSeconds(60), "traces:write").build().toString()), "expiresAt");
        assertField(call("POST", "/api-keys", developer, createBody("it-bad-expiry", tenant, null, "traces:write")
                .add("expiresAt", "tomorrow").build().toString()), "expiresAt");
        assertField(call("POST", "/api-keys", developer, Json.createObjectBuilder().add("name", "it-bad-tenant")
                .add("permissions", Json.createArrayBuilder().add("traces:write"))
                .add("scope", Json.createObjectBuilder().add("tenantId", "production")).build().toString()), "tenantId");
        assertField(call("POST", "/api-keys", developer, createBody("it-wrong-workspace", tenant, null, "traces:write")
                .add("scope", Json.createObjectBuilder().add("workspaceId", UUID.randomUUID().toString()).add("tenantId", tenant.tenantId()))
                .build().toString()), null, 404);
        assertField(call("GET", "/api-keys?status=lost", developer, null), "status");
        assertField(call("GET", "/api-keys?size=1000", developer, null), "size");
        assertField(call("POST", "/api-keys/" + UUID.randomUUID() + "/rotate", developer, "{\"gracePeriod\":\"soon\"}"),
                "gracePeriod");
        assertField(call("POST", "/api-keys/" + UUID.randomUUID() + "/rotate", developer, "{\"gracePeriod\":"), "body");

        String body = createBody("it-viewer", tenant, null, "traces:write").build().toString();
        assertThat(call("POST", "/api-keys", DemoUser.VIEWER.login(), body).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api-keys", DemoUser.VIEWER.login(), null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api-keys", null, body).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api-keys", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api-keys/not-a-uuid", developer, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api-keys/" + UUID.randomUUID(), developer, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationsKeysDoNotExistForTheCaller() throws Exception {
        try (Connection db = TestEnvironment.postgres(); SecondOrganization other = new SecondOrganization(db)) {
            String superAdministrator = DemoUser.SUPER_ADMINISTRATOR.login();
            String name = "it-foreign-" + UUID.randomUUID();
            HttpResponse<String> created = call("POST", "/api-keys", superAdministrator, Json.createObjectBuilder()
                    .add("name", name).add("permissions", Json.createArrayBuilder().add("logs:write"))
                    .add("scope", Json.createObjectBuilder().add("organizationId", other.organization.toString())
                            .add("tenantId", other.tenant.toString()))
                    .build().toString());
            assertThat(created.statusCode()).isEqualTo(201);
            String id = json(created.body()).getJsonObject("apiKey").getString("id");
            assertThat(json(created.body()).getJsonObject("apiKey").getJsonObject("scope").getString("workspaceId"))
                    .isEqualTo(other.workspace.toString());
            assertThat(call("GET", "/api-keys/" + id, superAdministrator, null).statusCode()).isEqualTo(200);

            for (DemoUser user : new DemoUser[]{DemoUser.ADMINISTRATOR, DemoUser.DEVELOPER}) {
                String token = user.login();
                assertThat(call("GET", "/api-keys/" + id, token, null).statusCode()).isEqualTo(404);
                assertThat(call("POST", "/api-keys/" + id + "/rotate", token, null).statusCode()).isEqualTo(404);
                assertThat(call("POST", "/api-keys/" + id + "/revoke", token, null).statusCode()).isEqualTo(404);
                assertThat(json(call("GET", "/api-keys?name=" + name, token, null).body()).getJsonNumber("total").longValue()).isZero();
                assertThat(call("POST", "/api-keys", token, Json.createObjectBuilder().add("name", "it-into-other")
                        .add("permissions", Json.createArrayBuilder().add("logs:write"))
                        .add("scope", Json.createObjectBuilder().add("organizationId", other.organization.toString()))
                        .build().toString()).statusCode()).isEqualTo(404);
                assertThat(call("POST", "/api-keys", token, Json.createObjectBuilder().add("name", "it-into-other")
                        .add("permissions", Json.createArrayBuilder().add("logs:write"))
                        .add("scope", Json.createObjectBuilder().add("tenantId", other.tenant.toString()))
                        .build().toString()).statusCode()).isEqualTo(404);
            }
            assertThat(json(call("GET", "/api-keys?name=" + name, superAdministrator, null).body()).getJsonNumber("total").longValue())
                    .isEqualTo(1);
            assertThat(call("POST", "/api-keys/" + id + "/revoke", superAdministrator, null).statusCode()).isEqualTo(200);
        }
    }

    private static JsonObjectBuilder createBody(String name, DefaultTenancy tenant, Instant expiresAt, String... permissions) {
        JsonArrayBuilder granted = Json.createArrayBuilder();
        for (String permission : permissions) {
            granted.add(permission);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", name).add("permissions", granted)
                .add("scope", Json.createObjectBuilder().add("tenantId", tenant.tenantId()));
        if (expiresAt != null) {
            body.add("expiresAt", expiresAt.toString());
        }
        return body;
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertField(response, field, 400);
    }

    private static void assertField(HttpResponse<String> response, String field, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        if (field != null) {
            assertThat(json(response.body()).getString("field")).isEqualTo(field);
        }
    }

    /** An empty OTLP traces export with the key pair; returns the HTTP status. */
    private static int ingest(String keyId, String secret) throws Exception {
        return TestEnvironment.ingest(OTLP, keyId, secret);
    }

    private static <T> T await(String what, Callable<T> probe, Predicate<T> done) throws Exception {
        return Await.until(what, Duration.ofSeconds(30), probe, done);
    }

    /** A second organization with one workspace and tenant, stored directly; removed with its keys on close. */
    private static final class SecondOrganization implements AutoCloseable {

        final Connection db;
        final UUID organization = UUID.randomUUID();
        final UUID workspace = UUID.randomUUID();
        final UUID tenant = UUID.randomUUID();

        SecondOrganization(Connection db) throws SQLException {
            this.db = db;
            UUID region = UUID.fromString(DefaultTenancy.read().regionId());
            insert("organizations", "region_id", organization, region);
            insert("workspaces", "organization_id", workspace, organization);
            insert("tenants", "workspace_id", tenant, workspace);
        }

        private void insert(String table, String parentColumn, UUID id, UUID parent) throws SQLException {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " (id, " + parentColumn
                    + ", slug, name, created_at, created_by, updated_at, updated_by) "
                    + "VALUES (?, ?, ?, 'system test', now(), 'system-test', now(), 'system-test')")) {
                insert.setObject(1, id);
                insert.setObject(2, parent);
                insert.setString(3, "st-" + id.toString().substring(0, 8));
                insert.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            try (PreparedStatement keys = db.prepareStatement("DELETE FROM api_keys WHERE organization_id = ?");
                 PreparedStatement tenants = db.prepareStatement("DELETE FROM tenants WHERE id = ?");
                 PreparedStatement workspaces = db.prepareStatement("DELETE FROM workspaces WHERE id = ?");
                 PreparedStatement organizations = db.prepareStatement("DELETE FROM organizations WHERE id = ?")) {
                keys.setObject(1, organization);
                keys.executeUpdate();
                tenants.setObject(1, tenant);
                tenants.executeUpdate();
                workspaces.setObject(1, workspace);
                workspaces.executeUpdate();
                organizations.setObject(1, organization);
                organizations.executeUpdate();
            }
        }
    }
}
