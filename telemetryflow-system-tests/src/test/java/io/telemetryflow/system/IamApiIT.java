package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.array;
import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.problemField;
import static io.telemetryflow.testsupport.IamCalls.strings;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IAM API against the deployed EAR: validation answers, the user lifecycle, role assignments that
 * apply from the next request, custom roles within the granter's permissions, groups, paging, and
 * 401/403 from the one access-control mechanism.
 */
class IamApiIT extends DeployedEar {

    private static final String PASSWORD = "Correct-Horse-Battery-9";

    private IamCalls admin;

    @BeforeEach
    void ready() throws Exception {
        admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() throws Exception {
        HttpResponse<String> badEmail = admin.post("/iam/users", user("not-an-email", PASSWORD));
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(problemField(badEmail)).isEqualTo("email");

        HttpResponse<String> duplicate = admin.post("/iam/users", user(DemoUser.DEVELOPER.email.toUpperCase(), PASSWORD));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(problemField(duplicate)).isEqualTo("email");

        HttpResponse<String> shortPassword = admin.post("/iam/users", user(uniqueEmail("short"), "too-short"));
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(problemField(shortPassword)).isEqualTo("password");

        HttpResponse<String> noName = admin.post("/iam/workspaces", object().add("name", " "));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(problemField(noName)).isEqualTo("name");

        HttpResponse<String> badSlug = admin.post("/iam/workspaces", object().add("name", "Bad slug").add("slug", "Not A Slug"));
        assertThat(badSlug.statusCode()).isEqualTo(400);
        assertThat(problemField(badSlug)).isEqualTo("slug");

        HttpResponse<String> badLimit = admin.get("/iam/users?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(problemField(badLimit)).isEqualTo("limit");
        HttpResponse<String> wordLimit = admin.get("/iam/users?limit=abc");
        assertThat(wordLimit.statusCode()).as("a limit that is no number is a 400, not a 404").isEqualTo(400);
        assertThat(problemField(wordLimit)).isEqualTo("limit");

        HttpResponse<String> badStatus = admin.get("/iam/users?status=sleeping");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(problemField(badStatus)).isEqualTo("status");

        HttpResponse<String> badFilter = admin.get("/iam/users?workspaceId=nope");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(problemField(badFilter)).isEqualTo("workspaceId");

        HttpResponse<String> unknownPermission = admin.post("/iam/roles", object().add("name", unique("role"))
                .add("permissions", array("metrics:read", "coffee:brew")));
        assertThat(unknownPermission.statusCode()).isEqualTo(400);
        assertThat(problemField(unknownPermission)).isEqualTo("permissions");
    }

    @Test
    void unauthenticatedIs401AndMissingPermissionIs403() throws Exception {
        assertThat(call("GET", "/iam/users", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/iam/users", "not-a-token", null).statusCode()).isEqualTo(401);
        IamCalls viewer = new IamCalls(DemoUser.VIEWER.login());
        assertThat(viewer.get("/iam/users").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/iam/workspaces", object().add("name", "x")).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/iam/workspaces").statusCode()).isEqualTo(200);
        assertThat(admin.post("/iam/regions", object().add("code", unique("r")).add("name", "R")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/iam/organizations", object().add("regionId", java.util.UUID.randomUUID().toString())
                .add("name", "O")).statusCode()).isEqualTo(403);
    }

    @Test
    void lifecycleCreatedActiveInactiveDeleted() throws Exception {
        String email = uniqueEmail("lifecycle");
        JsonObject created = admin.create("/iam/users", user(email, PASSWORD));
        String id = created.getString("id");
        assertThat(created.getString("status")).isEqualTo("CREATED");
        assertThat(created.getString("email")).isEqualTo(email);
        assertThat(created.containsKey("passwordHash")).isFalse();
        assertThat(created.getBoolean("passwordChangeRequired")).as("the administrator knows the password").isTrue();
        assertThat(call("POST", "/auth/login", null, object().add("email", email).add("password", PASSWORD).build().toString())
                .statusCode()).as("a created user cannot sign in yet").isEqualTo(403);

        assertThat(json(admin.post("/iam/users/" + id + "/activate", null).body()).getString("status")).isEqualTo("ACTIVE");
        HttpResponse<String> again = admin.post("/iam/users/" + id + "/activate", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(problemField(again)).isEqualTo("status");
        TestUsers.waivePasswordChange(email);   // the first sign-in's step: FirstLoginPasswordIT
        String token = TestEnvironment.login(email, PASSWORD);
        assertThat(call("GET", "/auth/me", token, null).statusCode()).isEqualTo(200);

        assertThat(json(admin.post("/iam/users/" + id + "/deactivate", null).body()).getString("status")).isEqualTo("INACTIVE");
        assertThat(call("GET", "/auth/me", token, null).statusCode()).as("deactivation applies at once").isEqualTo(401);
        assertThat(admin.get("/iam/users?status=inactive&limit=200").body()).contains(id);

        assertThat(admin.delete("/iam/users/" + id).statusCode()).isEqualTo(204);
        assertThat(admin.get("/iam/users/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.delete("/iam/users/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.post("/iam/users/" + id + "/activate", null).statusCode()).isEqualTo(404);

        // an invitation (no password) is created too; deleting a never-activated user is not a lifecycle step
        JsonObject invited = admin.create("/iam/users", user(uniqueEmail("invited"), null));
        assertThat(invited.getString("status")).isEqualTo("CREATED");
        assertThat(invited.getBoolean("passwordChangeRequired")).as("the invited user chooses the password").isFalse();
        assertThat(admin.delete("/iam/users/" + invited.getString("id")).statusCode()).isEqualTo(409);

        String self = json(call("GET", "/auth/me", admin.token, null).body()).getString("id");
        assertThat(admin.post("/iam/users/" + self + "/deactivate", null).statusCode()).isEqualTo(409);
    }

    @Test
    void anAssignedRoleAppliesFromTheNextRequestAndItsRemovalToo() throws Exception {
        String email = uniqueEmail("assignee");
        String id = admin.create("/iam/users", user(email, PASSWORD)).getString("id");
        admin.post("/iam/users/" + id + "/activate", null);
        TestUsers.waivePasswordChange(email);
        IamCalls assignee = new IamCalls(TestEnvironment.login(email, PASSWORD));
        assertThat(assignee.get("/iam/users").statusCode()).isEqualTo(403);

        JsonObject assignment = admin.create("/iam/users/" + id + "/roles", object().add("roleId", admin.systemRole("Developer")));
        assertThat(assignment.getString("roleName")).isEqualTo("Developer");
        assertThat(assignee.get("/iam/users").statusCode()).isEqualTo(200);
        HttpResponse<String> duplicate = admin.post("/iam/users/" + id + "/roles", object().add("roleId", admin.systemRole("Developer")));
        assertThat(duplicate.statusCode()).isEqualTo(409);

        assertThat(admin.delete("/iam/users/" + id + "/roles/" + assignment.getString("id")).statusCode()).isEqualTo(204);
        assertThat(assignee.get("/iam/users").statusCode()).isEqualTo(403);


        // a direct permission works the same way
        assertThat(admin.post("/iam/users/" + id + "/permissions", object().add("permission", "users:read")).statusCode()).isEqualTo(201);
        assertThat(strings(json(admin.get("/iam/users/" + id).body()), "permissions")).containsExactly("users:read");
        assertThat(assignee.get("/iam/users").statusCode()).isEqualTo(200);
        assertThat(admin.delete("/iam/users/" + id + "/permissions/users:read").statusCode()).isEqualTo(204);
        assertThat(assignee.get("/iam/users").statusCode()).isEqualTo(403);
        assertThat(admin.delete("/iam/users/" + id + "/permissions/users:read").statusCode()).isEqualTo(404);
    }

    @Test
    void aRoleNarrowedToAWorkspaceHoldsThereOnly() throws Exception {
        String email = uniqueEmail("narrowed");
        String id = admin.create("/iam/users", user(email, PASSWORD)).getString("id");
        admin.post("/iam/users/" + id + "/activate", null);
        String workspace = admin.create("/iam/workspaces", object().add("name", unique("Narrow"))).getString("id");
        String tenant = admin.create("/iam/tenants", object().add("workspaceId", workspace).add("name", unique("inside"))).getString("id");
        String elsewhere = admin.create("/iam/workspaces", object().add("name", unique("Elsewhere"))).getString("id");
        String otherTenant = admin.create("/iam/tenants", object().add("workspaceId", elsewhere).add("name", unique("outside"))).getString("id");
        JsonObject narrowed = admin.create("/iam/users/" + id + "/roles",
                object().add("roleId", admin.systemRole("Developer")).add("workspaceId", workspace));
        assertThat(narrowed.getString("workspaceId")).isEqualTo(workspace);
        TestUsers.waivePasswordChange(email);
        IamCalls developer = new IamCalls(TestEnvironment.login(email, PASSWORD));
        JsonObject me = json(call("GET", "/auth/me", developer.token, null).body());
        assertThat(me.getJsonArray("roles")).isEmpty();
        assertThat(me.getJsonArray("scopedGrants").getJsonObject(0).getString("workspaceId")).isEqualTo(workspace);

        // organization-wide objects stay out of reach; the workspace and what is in it are in
        assertThat(developer.get("/iam/users").statusCode()).isEqualTo(403);
        assertThat(developer.ids("/iam/workspaces")).containsExactly(workspace);
        assertThat(developer.get("/iam/workspaces/" + workspace).statusCode()).isEqualTo(200);
        assertThat(developer.get("/iam/workspaces/" + elsewhere).statusCode()).isEqualTo(404);
        assertThat(developer.ids("/iam/tenants?limit=200")).containsExactly(tenant);
        assertThat(developer.get("/iam/tenants/" + otherTenant).statusCode()).isEqualTo(404);

        // API keys: only inside the workspace, and only those are listed
        HttpResponse<String> inside = developer.post("/api-keys", object().add("name", unique("narrow-key"))
                .add("permissions", array("traces:write")).add("scope", object().add("tenantId", tenant)));
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(201);
        assertThat(developer.post("/api-keys", object().add("name", unique("wide-key")).add("permissions", array("traces:write")))
                .statusCode()).as("organization-wide key").isEqualTo(403);
        assertThat(developer.post("/api-keys", object().add("name", unique("other-key")).add("permissions", array("traces:write"))
                .add("scope", object().add("workspaceId", elsewhere))).statusCode()).as("another workspace").isEqualTo(403);
        var listed = json(developer.get("/api-keys?size=200").body()).getJsonArray("items");
        assertThat(listed).isNotEmpty();
        assertThat(listed.getValuesAs(JsonObject.class)).allSatisfy(key ->
                assertThat(key.getJsonObject("scope").getString("workspaceId")).isEqualTo(workspace));

        // the assignment gone, so is the access
        assertThat(admin.delete("/iam/users/" + id + "/roles/" + narrowed.getString("id")).statusCode()).isEqualTo(204);
        assertThat(developer.get("/iam/workspaces/" + workspace).statusCode()).isEqualTo(403);
    }

    @Test
    void nobodyGrantsMoreThanTheyHold() throws Exception {
        String id = admin.create("/iam/users", user(uniqueEmail("grant"), PASSWORD)).getString("id");
        assertThat(admin.post("/iam/users/" + id + "/roles", object().add("roleId", admin.systemRole("Super Administrator")))
                .statusCode()).isEqualTo(403);
        assertThat(admin.post("/iam/users/" + id + "/permissions", object().add("permission", "regions:create")).statusCode())
                .isEqualTo(403);
        assertThat(admin.post("/iam/roles", object().add("name", unique("too-much")).add("permissions", array("organizations:create")))
                .statusCode()).isEqualTo(403);
        // the Super Administrator lives in the demo Administrator's organization, and outranks them
        String superAdministrator = json(call("GET", "/auth/me", DemoUser.SUPER_ADMINISTRATOR.login(), null).body()).getString("id");
        assertThat(admin.get("/iam/users/" + superAdministrator).statusCode()).isEqualTo(200);
        assertThat(admin.post("/iam/users/" + superAdministrator + "/deactivate", null).statusCode()).isEqualTo(403);
    }

    @Test
    void customRolesWithinTheCreatorsPermissions() throws Exception {
        String name = unique("On-call");
        JsonObject role = admin.create("/iam/roles", object().add("name", name).add("description", "pager duty")
                .add("permissions", array("metrics:read", "users:read")));
        String roleId = role.getString("id");
        assertThat(role.getBoolean("system")).isFalse();
        assertThat(strings(role, "permissions")).containsExactly("metrics:read", "users:read");
        assertThat(admin.ids("/iam/roles?limit=200")).contains(roleId, admin.systemRole("Viewer"));
        assertThat(admin.post("/iam/roles", object().add("name", name).add("permissions", array())).statusCode()).isEqualTo(409);
        HttpResponse<String> systemName = admin.post("/iam/roles", object().add("name", "super administrator").add("permissions", array()));
        assertThat(systemName.statusCode()).isEqualTo(409);
        assertThat(problemField(systemName)).isEqualTo("name");
        HttpResponse<String> systemChange = admin.put("/iam/roles/" + admin.systemRole("Viewer"),
                object().add("name", "Viewer").add("permissions", array("metrics:read")));
        assertThat(systemChange.statusCode()).isEqualTo(409);
        assertThat(json(systemChange.body()).getString("detail")).contains("system role");
        assertThat(admin.delete("/iam/roles/" + admin.systemRole("Viewer")).statusCode()).isEqualTo(409);

        String email = uniqueEmail("custom");
        String userId = admin.create("/iam/users", user(email, PASSWORD)).getString("id");
        admin.post("/iam/users/" + userId + "/activate", null);
        String assignment = admin.create("/iam/users/" + userId + "/roles", object().add("roleId", roleId)).getString("id");
        TestUsers.waivePasswordChange(email);
        IamCalls holder = new IamCalls(TestEnvironment.login(email, PASSWORD));
        assertThat(holder.get("/iam/users").statusCode()).isEqualTo(200);

        JsonObject narrowed = json(admin.put("/iam/roles/" + roleId, object().add("name", name).add("permissions", array("metrics:read")))
                .body());
        assertThat(strings(narrowed, "permissions")).containsExactly("metrics:read");
        assertThat(holder.get("/iam/users").statusCode()).as("the role's new permissions apply to its holders").isEqualTo(403);

        assertThat(admin.delete("/iam/roles/" + roleId).statusCode()).as("a role in use is not deleted").isEqualTo(409);
        admin.delete("/iam/users/" + userId + "/roles/" + assignment);
        assertThat(admin.delete("/iam/roles/" + roleId).statusCode()).isEqualTo(204);
        assertThat(admin.get("/iam/roles/" + roleId).statusCode()).isEqualTo(404);
    }

    @Test
    void groupsAndTheirMembers() throws Exception {
        String name = unique("SRE");
        JsonObject group = admin.create("/iam/groups", object().add("name", name).add("description", "site reliability"));
        String groupId = group.getString("id");
        assertThat(admin.post("/iam/groups", object().add("name", name)).statusCode()).isEqualTo(409);
        String userId = admin.create("/iam/users", user(uniqueEmail("member"), PASSWORD)).getString("id");
        admin.create("/iam/groups/" + groupId + "/members", object().add("userId", userId));
        assertThat(admin.post("/iam/groups/" + groupId + "/members", object().add("userId", userId)).statusCode()).isEqualTo(409);
        JsonObject members = json(admin.get("/iam/groups/" + groupId + "/members").body());
        assertThat(members.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(members.getJsonArray("items").getJsonObject(0).getString("userId")).isEqualTo(userId);
        assertThat(json(admin.get("/iam/groups/" + groupId).body()).getJsonNumber("memberCount").longValue()).isEqualTo(1);

        JsonObject renamed = json(admin.put("/iam/groups/" + groupId, object().add("name", name + "-2")).body());
        assertThat(renamed.getString("name")).isEqualTo(name + "-2");
        assertThat(admin.delete("/iam/groups/" + groupId + "/members/" + userId).statusCode()).isEqualTo(204);
        assertThat(admin.delete("/iam/groups/" + groupId + "/members/" + userId).statusCode()).isEqualTo(404);
        assertThat(admin.delete("/iam/groups/" + groupId).statusCode()).isEqualTo(204);
        assertThat(admin.get("/iam/groups/" + groupId).statusCode()).isEqualTo(404);
    }

    @Test
    void listsArePagedAndFiltered() throws Exception {
        String marker = unique("pagey");
        for (int i = 0; i < 3; i++) {
            admin.create("/iam/users", object().add("email", marker + "-" + i + "@example.com").add("firstName", "Page")
                    .add("lastName", marker));
        }
        JsonObject page = json(admin.get("/iam/users?email=" + marker + "&limit=2&offset=1").body());
        assertThat(page.getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(page.getInt("limit")).isEqualTo(2);
        assertThat(page.getInt("offset")).isEqualTo(1);
        assertThat(page.getJsonArray("items")).hasSize(2);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("email")).isEqualTo(marker + "-1@example.com");
        assertThat(admin.total("/iam/users?name=" + marker.toUpperCase())).isEqualTo(3);
        assertThat(admin.total("/iam/users?email=" + marker + "&status=active")).isZero();
        assertThat(admin.total("/iam/permissions?limit=200")).isGreaterThanOrEqualTo(37);
    }

    @Test
    void superAdministratorManagesRegionsAndOrganizations() throws Exception {
        IamCalls root = new IamCalls(DemoUser.SUPER_ADMINISTRATOR.login());
        String code = unique("eu-west");
        JsonObject region = root.create("/iam/regions", object().add("code", code).add("name", "EU West"));
        String regionId = region.getString("id");
        assertThat(root.post("/iam/regions", object().add("code", code).add("name", "again")).statusCode()).isEqualTo(409);
        JsonObject organization = root.create("/iam/organizations", object().add("regionId", regionId).add("name", "Acme Corp"));
        assertThat(organization.getString("slug")).isEqualTo("acme-corp");
        assertThat(root.delete("/iam/regions/" + regionId).statusCode()).as("region with organizations").isEqualTo(409);
        JsonObject renamed = json(root.put("/iam/organizations/" + organization.getString("id"),
                object().add("name", "Acme Corporation").add("active", false)).body());
        assertThat(renamed.getString("name")).isEqualTo("Acme Corporation");
        assertThat(renamed.getBoolean("active")).isFalse();
        assertThat(root.delete("/iam/organizations/" + organization.getString("id")).statusCode()).isEqualTo(204);
        assertThat(root.delete("/iam/regions/" + regionId).statusCode()).isEqualTo(204);
        assertThat(root.get("/iam/regions/" + regionId).statusCode()).isEqualTo(404);

        // an Administrator reads and renames only its own organization
        String own = json(call("GET", "/auth/me", admin.token, null).body()).getString("organizationId");
        assertThat(admin.ids("/iam/organizations")).containsExactly(own);
        JsonObject ownOrganization = json(admin.get("/iam/organizations/" + own).body());
        assertThat(admin.put("/iam/organizations/" + own, object().add("name", ownOrganization.getString("name"))).statusCode())
                .isEqualTo(200);
        assertThat(admin.delete("/iam/organizations/" + own).statusCode()).isEqualTo(403);
    }
}
