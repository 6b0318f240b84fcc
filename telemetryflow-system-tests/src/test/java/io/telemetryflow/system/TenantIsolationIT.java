package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.array;
import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.problemField;
import static io.telemetryflow.testsupport.IamCalls.unique;
import static io.telemetryflow.testsupport.IamCalls.uniqueEmail;
import static io.telemetryflow.testsupport.IamCalls.user;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organization A (the default organization, the demo Administrator's) and organization B (created by
 * the Super Administrator, with its own Administrator) cannot reach each other's users, workspaces,
 * tenants, groups and custom roles: by id it is a 404, lists never contain them, a list filtered by
 * the other organization's id is empty, and naming the other's objects in a request body is a 400
 * on that field, the same answer as for an id that never existed.
 */
class TenantIsolationIT extends DeployedEar {

    private static final String PASSWORD = "Isolation-Test-Password-1";

    /** The objects of one organization the other must not reach. */
    private record Side(IamCalls admin, String organization, Map<String, String> objects) {
    }

    private Side a;
    private Side b;
    private IamCalls root;

    @BeforeEach
    void organizations() throws Exception {
        root = new IamCalls(DemoUser.SUPER_ADMINISTRATOR.login());
        String region = root.ids("/iam/regions?limit=200").get(0);
        String organizationB = root.create("/iam/organizations", object().add("regionId", region).add("name", unique("Org B")))
                .getString("id");
        String workspaceB = root.create("/iam/workspaces", object().add("organizationId", organizationB).add("name", "B workspace"))
                .getString("id");
        String emailB = uniqueEmail("admin-b");
        String adminB = root.create("/iam/users", user(emailB, PASSWORD).add("organizationId", organizationB)).getString("id");
        root.post("/iam/users/" + adminB + "/activate", null);
        root.create("/iam/users/" + adminB + "/roles", object().add("roleId", root.systemRole("Administrator")));
        TestUsers.waivePasswordChange(emailB);
        b = populate(new IamCalls(TestEnvironment.login(emailB, PASSWORD)), organizationB, workspaceB);

        IamCalls adminA = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String organizationA = json(call("GET", "/auth/me", adminA.token, null).body()).getString("organizationId");
        String workspaceA = adminA.create("/iam/workspaces", object().add("name", unique("A workspace"))).getString("id");
        a = populate(adminA, organizationA, workspaceA);
        assertThat(organizationA).isNotEqualTo(organizationB);
    }

    /** The organization's own Administrator creates one object of every kind in it. */
    private static Side populate(IamCalls admin, String organization, String workspace) throws Exception {
        String tenant = admin.create("/iam/tenants", object().add("workspaceId", workspace).add("name", "Staging")).getString("id");
        String user = admin.create("/iam/users", user(uniqueEmail("member"), PASSWORD).add("tenantId", tenant)).getString("id");
        String group = admin.create("/iam/groups", object().add("name", unique("Team"))).getString("id");
        String role = admin.create("/iam/roles", object().add("name", unique("Reader")).add("permissions", array("metrics:read")))
                .getString("id");
        JsonObject placed = json(admin.get("/iam/users/" + user).body());
        assertThat(placed.getString("organizationId")).isEqualTo(organization);
        assertThat(placed.getString("workspaceId")).isEqualTo(workspace);
        return new Side(admin, organization, Map.of("workspaces", workspace, "tenants", tenant, "users", user, "groups", group,
                "roles", role));
    }

    @Test
    void neitherAdministratorReadsChangesOrDeletesTheOthersObjectsById() throws Exception {
        for (Side[] pair : new Side[][]{{a, b}, {b, a}}) {
            Side caller = pair[0];
            Side other = pair[1];
            for (Map.Entry<String, String> object : other.objects().entrySet()) {
                String path = "/iam/" + object.getKey() + "/" + object.getValue();
                assertThat(caller.admin().get(path).statusCode()).as("GET " + path).isEqualTo(404);
                assertThat(caller.admin().put(path, change(object.getKey())).statusCode()).as("PUT " + path).isEqualTo(404);
                assertThat(caller.admin().delete(path).statusCode()).as("DELETE " + path).isEqualTo(404);
                assertThat(caller.admin().get("/iam/" + object.getKey() + "/" + caller.objects().get(object.getKey())).statusCode())
                        .as("own " + object.getKey()).isEqualTo(200);
            }
            String otherUser = "/iam/users/" + other.objects().get("users");
            assertThat(caller.admin().post(otherUser + "/deactivate", null).statusCode()).isEqualTo(404);
            assertThat(caller.admin().post(otherUser + "/roles", object().add("roleId", root.systemRole("Viewer"))).statusCode())
                    .isEqualTo(404);
            assertThat(caller.admin().post(otherUser + "/permissions", object().add("permission", "metrics:read")).statusCode())
                    .isEqualTo(404);
            assertThat(caller.admin().get("/iam/groups/" + other.objects().get("groups") + "/members").statusCode()).isEqualTo(404);
            assertThat(caller.admin().get("/iam/organizations/" + other.organization()).statusCode()).isEqualTo(404);
            assertThat(caller.admin().put("/iam/organizations/" + other.organization(), object().add("name", "taken over")).statusCode())
                    .isEqualTo(404);
        }
        // everything is still there, unchanged
        for (Side side : new Side[]{a, b}) {
            for (Map.Entry<String, String> object : side.objects().entrySet()) {
                assertThat(root.get("/iam/" + object.getKey() + "/" + object.getValue()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void listsHoldOnlyTheCallersOrganizationAndAFilterByTheOtherIsEmpty() throws Exception {
        for (Side[] pair : new Side[][]{{a, b}, {b, a}}) {
            Side caller = pair[0];
            Side other = pair[1];
            for (String kind : other.objects().keySet()) {
                assertThat(caller.admin().ids("/iam/" + kind + "?limit=200")).as(kind)
                        .contains(caller.objects().get(kind)).doesNotContain(other.objects().get(kind));
                assertThat(caller.admin().total("/iam/" + kind + "?organizationId=" + other.organization())).as(kind + " filtered")
                        .isZero();
            }
            assertThat(caller.admin().total("/iam/tenants?workspaceId=" + other.objects().get("workspaces"))).isZero();
            assertThat(caller.admin().ids("/iam/organizations?limit=200")).containsExactly(caller.organization());
        }
        // the Super Administrator sees both, and filters by organization
        for (String kind : a.objects().keySet()) {
            assertThat(root.ids("/iam/" + kind + "?limit=200&organizationId=" + b.organization())).as(kind)
                    .contains(b.objects().get(kind)).doesNotContain(a.objects().get(kind));
        }
    }

    @Test
    void theOthersObjectsCannotBeNamedInARequestBody() throws Exception {
        for (Side[] pair : new Side[][]{{a, b}, {b, a}}) {
            IamCalls caller = pair[0].admin();
            Side other = pair[1];
            Map<String, String> own = pair[0].objects();
            expectInvalid(caller.post("/iam/users", user(uniqueEmail("x"), PASSWORD).add("workspaceId", other.objects().get("workspaces"))),
                    "workspaceId");
            expectInvalid(caller.post("/iam/users", user(uniqueEmail("x"), PASSWORD).add("organizationId", other.organization())),
                    "organizationId");
            expectInvalid(caller.post("/iam/tenants", object().add("workspaceId", other.objects().get("workspaces")).add("name", "x")),
                    "workspaceId");
            expectInvalid(caller.post("/iam/workspaces", object().add("organizationId", other.organization()).add("name", "x")),
                    "organizationId");
            expectInvalid(caller.post("/iam/groups/" + own.get("groups") + "/members", object().add("userId", other.objects().get("users"))),
                    "userId");
            expectInvalid(caller.post("/iam/users/" + own.get("users") + "/roles", object().add("roleId", other.objects().get("roles"))),
                    "roleId");
            expectInvalid(caller.put("/iam/users/" + own.get("users"), object().add("firstName", "x").add("lastName", "y")
                    .add("tenantId", other.objects().get("tenants"))), "tenantId");
        }
    }

    private static void expectInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problemField(response)).isEqualTo(field);
    }

    private static jakarta.json.JsonObjectBuilder change(String kind) {
        return switch (kind) {
            case "users" -> object().add("firstName", "Taken").add("lastName", "Over");
            case "roles" -> object().add("name", unique("taken")).add("permissions", array());
            default -> object().add("name", "taken over");
        };
    }
}
