package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.array;
import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.unique;
import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DefaultTenancy;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * API keys follow the tenancy they are scoped to: deleting a tenant, workspace or organization revokes the keys scoped
 * to it or below it (audited like any revocation), and OTLP ingestion refuses them at once (401); switching a tenant off
 * refuses its keys until it is switched on again, without revoking them, and an organization's key may not write to it
 * meanwhile either.
 */
class TenantKeyLifecycleIT extends DeployedEar {

    /** The verdict cache is dropped when the change commits; this only allows for the request round trips. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    /** A key as created through the API: its row id, its public key id and its secret. */
    private record Key(String id, String keyId, String secret) {

        int ingest() throws Exception {
            return TestEnvironment.ingest(OTLP, keyId, secret);
        }
    }

    @Test
    void deletingATenantAndThenItsWorkspaceRevokesTheKeysScopedToEach() throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String workspace = admin.create("/iam/workspaces", object().add("name", unique("Lifecycle"))).getString("id");
        String tenant = admin.create("/iam/tenants", object().add("workspaceId", workspace).add("name", unique("doomed")))
                .getString("id");
        Key tenantKey = key(admin, object().add("tenantId", tenant));
        Key workspaceKey = key(admin, object().add("workspaceId", workspace));
        assertThat(tenantKey.ingest()).isEqualTo(200);
        assertThat(workspaceKey.ingest()).isEqualTo(200);

        assertThat(admin.delete("/iam/tenants/" + tenant).statusCode()).isEqualTo(204);
        awaitStatus(tenantKey, 401);
        assertThat(status(admin, tenantKey)).isEqualTo("revoked");
        assertThat(workspaceKey.ingest()).as("the workspace's own key outlives its tenant").isEqualTo(200);
        assertRevocationAudited(tenantKey, "tenant " + tenant + " deleted");

        assertThat(admin.delete("/iam/workspaces/" + workspace).statusCode()).isEqualTo(204);
        awaitStatus(workspaceKey, 401);
        assertThat(status(admin, workspaceKey)).isEqualTo("revoked");
        assertRevocationAudited(workspaceKey, "workspace " + workspace + " deleted");
    }

    @Test
    void deletingAnOrganizationRevokesItsKeys() throws Exception {
        IamCalls root = new IamCalls(DemoUser.SUPER_ADMINISTRATOR.login());
        String own = json(root.get("/auth/me").body()).getString("organizationId");
        String region = json(root.get("/iam/organizations/" + own).body()).getString("parentId");
        String organization = root.create("/iam/organizations", object().add("regionId", region).add("name", unique("Closing")))
                .getString("id");
        Key organizationKey = key(root, object().add("organizationId", organization));
        assertThat(organizationKey.ingest()).isEqualTo(200);

        assertThat(root.delete("/iam/organizations/" + organization).statusCode()).isEqualTo(204);
        awaitStatus(organizationKey, 401);
        assertRevocationAudited(organizationKey, "organization " + organization + " deleted");
    }

    @Test
    void anInactiveTenantsKeysAreRefusedUntilItIsActiveAgain() throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String workspace = DefaultTenancy.read().workspaceId();
        String name = unique("paused");
        String tenant = admin.create("/iam/tenants", object().add("workspaceId", workspace).add("name", name)).getString("id");
        Key tenantKey = key(admin, object().add("tenantId", tenant));
        assertThat(tenantKey.ingest()).isEqualTo(200);

        assertThat(admin.put("/iam/tenants/" + tenant, object().add("name", name).add("active", false)).statusCode()).isEqualTo(200);
        awaitStatus(tenantKey, 401);
        assertThat(status(admin, tenantKey)).as("refused, not revoked").isEqualTo("active");

        assertThat(admin.put("/iam/tenants/" + tenant, object().add("name", name).add("active", true)).statusCode()).isEqualTo(200);
        awaitStatus(tenantKey, 200);
    }

    @Test
    void anOrganizationKeyMayNotWriteToAnInactiveTenant() throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String name = unique("quiet");
        String tenant = admin.create("/iam/tenants", object().add("workspaceId", DefaultTenancy.read().workspaceId())
                .add("name", name)).getString("id");
        Key organizationKey = key(admin, object());
        assertThat(rejectedSpans(organizationKey, tenant)).isZero();

        assertThat(admin.put("/iam/tenants/" + tenant, object().add("name", name).add("active", false)).statusCode()).isEqualTo(200);
        awaitRejectedSpans(organizationKey, tenant, 1);
        assertThat(admin.put("/iam/tenants/" + tenant, object().add("name", name).add("active", true)).statusCode()).isEqualTo(200);
        awaitRejectedSpans(organizationKey, tenant, 0);
    }

    private static Key key(IamCalls creator, JsonObjectBuilder scope) throws Exception {
        var response = creator.post("/api-keys", object().add("name", unique("lifecycle")).add("permissions", array("traces:write"))
                .add("scope", scope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject created = json(response.body());
        JsonObject key = created.getJsonObject("apiKey");
        return new Key(key.getString("id"), key.getString("keyId"), created.getString("secret"));
    }

    private static String status(IamCalls reader, Key key) throws Exception {
        return json(reader.get("/api-keys/" + key.id()).body()).getString("status");
    }

    private static void awaitStatus(Key key, int expected) throws Exception {
        awaitAtOnce("OTLP status for key " + key.keyId(), key::ingest, expected);
    }

    /** Polls {@code probe} until it answers {@code expected}, for at most {@link #AT_ONCE}, then fails. */
    private static <T> void awaitAtOnce(String what, Callable<T> probe, T expected) throws Exception {
        Await.until(what, AT_ONCE, probe, expected::equals);
    }

    /** Sends one span naming {@code tenant}; answers how many spans the endpoint rejected (partial success). */
    private static long rejectedSpans(Key key, String tenant) throws Exception {
        HttpResponse<byte[]> response = ApiKeyAccessIT.sendTraces(new String[] {key.keyId(), key.secret()},
                List.of(ApiKeyAccessIT.resource(unique("lifecycle-span"), "telemetryflow.tenant.id", tenant)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject partial = json(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("partialSuccess");
        return partial == null || !partial.containsKey("rejectedSpans") ? 0 : Long.parseLong(partial.getString("rejectedSpans"));
    }

    private static void awaitRejectedSpans(Key key, String tenant, long expected) throws Exception {
        awaitAtOnce("spans rejected for tenant " + tenant, () -> rejectedSpans(key, tenant), expected);
    }

    private static void assertRevocationAudited(Key key, String reason) throws Exception {
        String rows = TestEnvironment.awaitRows("SELECT action, result, metadata FROM telemetryflow.audit_logs WHERE resource = 'api-keys/"
                + key.id() + "' AND action = 'api-key.revoke' FORMAT TSV", 1);
        assertThat(rows).startsWith("api-key.revoke\tSUCCESS").contains(reason).contains(key.keyId());
    }
}
