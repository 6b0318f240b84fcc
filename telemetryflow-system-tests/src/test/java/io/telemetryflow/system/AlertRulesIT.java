package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.problemField;
import static io.telemetryflow.testsupport.IamCalls.uniqueEmail;
import static io.telemetryflow.testsupport.IamCalls.user;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.AuditRows;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The alert rules API against the deployed server: create, read, update with optimistic locking (a stale version is a
 * 409), delete; bad rules are 400s naming the field and change nothing; every change is in the audit trail; the 33
 * templates import in one call; rules, instances and history of a tenant stay invisible to a user who may not read it;
 * a Viewer reads rules but cannot change them.
 */
class AlertRulesIT extends DeployedEar {

    private static final String PASSWORD = "Alert-Rules-Test-Password-1";

    @Test
    void aRuleIsCreatedReadUpdatedWithItsVersionAndDeletedEachChangeAudited() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        String name = "cpu " + UUID.randomUUID();
        HttpResponse<String> created = call("POST", "/alerts/rules", developer, rule(name, "gt", 0.9).build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject rule = json(created.body());
        String id = rule.getString("id");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/alerts/rules/" + id));
        assertThat(rule.getString("name")).isEqualTo(name);
        long version = rule.getJsonNumber("version").longValue();
        assertThat(rule.getJsonObject("condition").getJsonNumber("threshold").doubleValue()).isEqualTo(0.9);
        assertThat(rule.getString("createdBy")).isEqualTo(DemoUser.DEVELOPER.email);
        assertThat(rule.getBoolean("enabled")).isTrue();
        assertThat(rule.getJsonObject("evaluation").getString("nextEvaluationAt")).isNotBlank();

        JsonObject read = json(ok(call("GET", "/alerts/rules/" + id, developer, null)).body());
        assertThat(read.getString("name")).isEqualTo(name);
        JsonObject page = json(ok(call("GET", "/alerts/rules?name=" + name.substring(4) + "&limit=10", developer, null)).body());
        assertThat(page.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);

        HttpResponse<String> updated = call("PUT", "/alerts/rules/" + id, developer, rule(name + " v2", "gt", 0.8).add("version", version).build()
                .toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated.body()).getJsonNumber("version").longValue()).isEqualTo(version + 1);
        assertThat(json(updated.body()).getString("updatedBy")).isEqualTo(DemoUser.DEVELOPER.email);

        HttpResponse<String> stale = call("PUT", "/alerts/rules/" + id, developer, rule(name + " v3", "gt", 0.7).add("version", version).build()
                .toString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(problemField(stale)).isEqualTo("version");
        HttpResponse<String> noVersion = call("PUT", "/alerts/rules/" + id, developer, rule(name + " v3", "gt", 0.7).build().toString());
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(problemField(noVersion)).isEqualTo("version");
        assertThat(json(ok(call("GET", "/alerts/rules/" + id, developer, null)).body()).getString("name")).isEqualTo(name + " v2");

        assertThat(call("DELETE", "/alerts/rules/" + id, developer, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/alerts/rules/" + id, developer, null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/alerts/rules/" + id, developer, null).statusCode()).isEqualTo(404);

        String admin = DemoUser.ADMINISTRATOR.login();
        for (String action : List.of("alert-rule.create", "alert-rule.update", "alert-rule.delete")) {
            JsonObject event = AuditRows.awaitNewest(admin, "/audit/logs?eventType=DATA&action=" + action + "&resource=alert-rules/" + id);
            assertThat(event.getString("userEmail")).isEqualTo(DemoUser.DEVELOPER.email);
            assertThat(event.getString("result")).isEqualTo("SUCCESS");
        }
    }

    @Test
    void aBadRuleIsA400NamingTheFieldAndChangesNothing() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        String name = "invalid " + UUID.randomUUID();
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1).remove("name").build().toString()), "name");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1).add("kind", "weather").build().toString()), "kind");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "sometimes", 1).build().toString()), "condition.operator");
        JsonObjectBuilder noThreshold = rule(name, "gt", 1).add("condition", object().add("operator", "gt"));
        assertField(call("POST", "/alerts/rules", developer, noThreshold.build().toString()), "condition.threshold");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1).add("interval", "100d").build().toString()), "interval");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1).add("severity", "apocalyptic").build().toString()), "severity");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1)
                .add("annotations", object().add("runbookUrl", "javascript:alert(1)")).build().toString()), "annotations.runbookUrl");
        assertField(call("POST", "/alerts/rules", developer, "{\"name\": "), "body");
        assertField(call("POST", "/alerts/rules/preview", developer, rule(name, "gt", 1).add("hours", 25).build().toString()), "hours");
        assertField(call("POST", "/alerts/rules", developer, rule(name, "gt", 1).add("tenantId", "not-a-uuid").build().toString()), "tenantId");
        assertField(call("GET", "/alerts?state=burning", developer, null), "state");
        assertField(call("GET", "/alerts?ruleId=7", developer, null), "ruleId");
        assertField(call("POST", "/alerts/rule-templates/import", developer, "{}"), "ids");
        assertField(call("POST", "/alerts/rule-templates/import", developer, "{\"ids\":[\"no-such-template\"]}"), "ids");

        JsonObject none = json(ok(call("GET", "/alerts/rules?name=" + name.substring(8) + "&limit=10", developer, null)).body());
        assertThat(none.getJsonNumber("total").longValue()).as("nothing was created").isZero();
    }

    @Test
    void theThirtyThreeTemplatesImportIntoATenantInOneCall() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        List<JsonObject> templates = json("{\"t\":" + ok(call("GET", "/alerts/rule-templates", admin, null)).body() + "}")
                .getJsonArray("t").getValuesAs(JsonObject.class);
        assertThat(templates).hasSize(33);
        Set<String> categories = new HashSet<>();
        templates.forEach(template -> categories.add(template.getString("category")));
        assertThat(categories).containsExactlyInAnyOrder("host", "kubernetes", "database", "cache", "load_balancer");

        TelemetryTenant tenant = TelemetryTenant.create("alert-templates");
        HttpResponse<String> imported = call("POST", "/alerts/rule-templates/import", admin,
                object().add("all", true).add("tenantId", tenant.tenantId()).build().toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        List<JsonObject> rules = json(imported.body()).getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(rules).hasSize(33).allSatisfy(rule -> assertThat(rule.getString("tenantId")).isEqualTo(tenant.tenantId()));
        JsonObject listed = json(ok(call("GET", "/alerts/rules?limit=200&tenantId=" + tenant.tenantId(), admin, null)).body());
        assertThat(listed.getJsonNumber("total").longValue()).isEqualTo(33);

        String one = templates.get(0).getString("id");
        HttpResponse<String> single = call("POST", "/alerts/rule-templates/import", admin,
                object().add("ids", Json.createArrayBuilder().add(one)).add("tenantId", tenant.tenantId()).build().toString());
        assertThat(json(single.body()).getJsonArray("items")).hasSize(1);
        for (JsonObject rule : json(ok(call("GET", "/alerts/rules?limit=200&tenantId=" + tenant.tenantId(), admin, null)).body())
                .getJsonArray("items").getValuesAs(JsonObject.class)) {
            assertThat(call("DELETE", "/alerts/rules/" + rule.getString("id"), admin, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void rulesInstancesAndHistoryOfATenantStayInvisibleToAUserWhoMayNotReadIt() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        TelemetryTenant other = TelemetryTenant.create("alert-isolation");
        IamCalls administrator = new IamCalls(admin);
        String email = uniqueEmail("alert-narrowed");
        String userId = administrator.create("/iam/users", user(email, PASSWORD)).getString("id");
        administrator.post("/iam/users/" + userId + "/activate", null);
        administrator.create("/iam/users/" + userId + "/roles", object().add("roleId", administrator.systemRole("Developer"))
                .add("workspaceId", other.workspaceId()).add("tenantId", other.tenantId()));
        TestUsers.waivePasswordChange(email);
        String narrowed = TestEnvironment.login(email, PASSWORD);

        String home = json(created(call("POST", "/alerts/rules", admin, rule("home " + UUID.randomUUID(), "gt", 1).build().toString())))
                .getString("id");
        String theirs = json(created(call("POST", "/alerts/rules", narrowed, rule("theirs " + UUID.randomUUID(), "gt", 1)
                .add("tenantId", other.tenantId()).build().toString()))).getString("id");
        String homeTenant = json(ok(call("GET", "/alerts/rules/" + home, admin, null)).body()).getString("tenantId");

        for (String path : List.of("/alerts/rules/" + home, "/alerts/rules/" + home + "/history", "/alerts/rules/" + home + "/stats",
                "/alerts/rules?tenantId=" + homeTenant, "/alerts?tenantId=" + homeTenant)) {
            assertThat(call("GET", path, narrowed, null).statusCode()).as("GET " + path).isEqualTo(404);
        }
        assertThat(call("PUT", "/alerts/rules/" + home, narrowed, rule("taken", "gt", 1).add("version", 0).build().toString()).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/alerts/rules/" + home, narrowed, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/alerts/rules/" + home + "/instances/0123456789abcdef/acknowledge", narrowed, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/alerts/rules", narrowed, rule("elsewhere", "gt", 1).add("tenantId", homeTenant).build().toString()).statusCode())
                .isEqualTo(404);

        JsonObject visible = json(ok(call("GET", "/alerts/rules?limit=200&tenantId=" + other.tenantId(), narrowed, null)).body());
        assertThat(visible.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(rule -> rule.getString("id")).containsExactly(theirs);
        assertThat(ok(call("GET", "/alerts/rules/" + theirs + "/history", narrowed, null)).statusCode()).isEqualTo(200);
        assertThat(json(ok(call("GET", "/alerts/rules/" + home, admin, null)).body()).getString("name")).startsWith("home ");

        assertThat(call("DELETE", "/alerts/rules/" + home, admin, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/alerts/rules/" + theirs, narrowed, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aViewerReadsRulesButCannotChangeThem() throws Exception {
        String developer = DemoUser.DEVELOPER.login();
        String viewer = DemoUser.VIEWER.login();
        JsonObject rule = json(created(call("POST", "/alerts/rules", developer, rule("viewed " + UUID.randomUUID(), "gt", 1).build().toString())));
        String id = rule.getString("id");
        assertThat(call("GET", "/alerts/rules/" + id, viewer, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/alerts/rules", viewer, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/alerts", viewer, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/alerts/rule-templates", viewer, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/alerts/rules", viewer, rule("by viewer", "gt", 1).build().toString()).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/alerts/rules/" + id, viewer, rule("by viewer", "gt", 1).add("version", 0).build().toString()).statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/alerts/rules/" + id, viewer, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/alerts/rule-templates/import", viewer, "{\"all\":true}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/alerts/rules/" + id + "/instances/0123456789abcdef/acknowledge", viewer, null).statusCode()).isEqualTo(403);
        assertThat(json(ok(call("GET", "/alerts/rules/" + id, developer, null)).body()).getJsonNumber("version").longValue())
                .isEqualTo(rule.getJsonNumber("version").longValue());
        assertThat(call("DELETE", "/alerts/rules/" + id, developer, null).statusCode()).isEqualTo(204);
    }

    /** A metric rule on a metric nobody sends, evaluated once a day so that the tests here see no evaluation. */
    static JsonObjectBuilder rule(String name, String operator, double threshold) {
        return object().add("name", name).add("kind", "metric")
                .add("query", object().add("metric", "alert_rules_it.unsent").add("aggregation", "avg")
                        .add("groupBy", Json.createArrayBuilder().add("service.name")))
                .add("condition", object().add("operator", operator).add("threshold", threshold).add("window", "5m"))
                .add("interval", "24h").add("severity", "high").add("labels", object().add("team", "payments"))
                .add("annotations", object().add("summary", "CPU high").add("runbookUrl", "https://runbooks.example/cpu"));
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problemField(response)).as(response.body()).isEqualTo(field);
    }
}
