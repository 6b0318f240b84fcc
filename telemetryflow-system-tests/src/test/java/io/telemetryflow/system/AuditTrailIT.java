package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.AuditRows;
import io.telemetryflow.testsupport.ClickHouseOutage;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail end to end: a refused call becomes an AUTHZ DENIED row (through the audit-events queue into
 * ClickHouse) that the organization's Administrator reads from GET /api/v2/audit/logs; the endpoint itself needs
 * audit:read, validates its filters, and never shows one organization's rows to another's Administrator.
 */
class AuditTrailIT extends DeployedEar {

    @Test
    void aRefusedCallIsAuditedWithTheUserOrganizationTypeAndResult() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        String viewer = DemoUser.VIEWER.login();
        JsonObject viewerProfile = json(call("GET", "/auth/me", viewer, null).body());

        // a Viewer may not read the audit trail: 403, and that refusal is itself audited
        HttpResponse<String> refused = call("GET", "/audit/logs", viewer, null);
        assertThat(refused.statusCode()).isEqualTo(403);

        String admin = DemoUser.ADMINISTRATOR.login();
        JsonObject row = AuditRows.awaitNewest(admin, "/audit/logs?eventType=AUTHZ&result=DENIED&userId=" + viewerProfile.getString("id")
                + "&from=" + since);
        assertThat(row.getString("userId")).isEqualTo(viewerProfile.getString("id"));
        assertThat(row.getString("userEmail")).isEqualTo(DemoUser.VIEWER.email);
        assertThat(row.getString("organizationId")).isEqualTo(viewerProfile.getString("organizationId"));
        assertThat(row.getString("eventType")).isEqualTo("AUTHZ");
        assertThat(row.getString("result")).isEqualTo("DENIED");
        assertThat(row.getString("resource")).isEqualTo("/api/v2/audit/logs");
        assertThat(row.getString("action")).isEqualTo("GET audit:read");
        assertThat(row.getString("ipAddress")).isNotEmpty();
        assertThat(row.getString("userAgent")).isNotEmpty();
        assertThat(Instant.parse(row.getString("timestamp"))).isAfterOrEqualTo(since);
    }

    @Test
    void theEndpointNeedsAuditReadAndValidatesItsFilters() throws Exception {
        assertThat(call("GET", "/audit/logs", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/audit/logs", DemoUser.DEMO.login(), null).statusCode()).isEqualTo(403);

        String admin = DemoUser.ADMINISTRATOR.login();
        HttpResponse<String> page = call("GET", "/audit/logs", admin, null);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonObject body = json(page.body());
        assertThat(body.getInt("limit")).isEqualTo(100);
        assertThat(body.getJsonNumber("offset").longValue()).isZero();
        assertThat(body.containsKey("items")).isTrue();
        assertThat(body.containsKey("hasMore")).isTrue();

        for (String[] bad : new String[][] {{"eventType", "LOGIN"}, {"result", "MAYBE"}, {"from", "yesterday"}, {"userId", "42"},
                {"limit", "5000"}, {"offset", "-1"}, {"from", "1850-01-01T00:00:00Z"}, {"to", "+1000000000-01-01T00:00:00Z"},
                {"to", "-1000000000-01-01T00:00:00Z"}}) {
            HttpResponse<String> refused = call("GET", "/audit/logs?" + bad[0] + "=" + encode(bad[1]), admin, null);
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(bad[0]).hasValue("application/problem+json");
            assertThat(json(refused.body()).getString("field")).isEqualTo(bad[0]);
        }
    }

    @Test
    void anAdministratorNeverSeesAnotherOrganizationsRows() throws Exception {
        String otherOrganization = UUID.randomUUID().toString();
        String action = "it.other-" + UUID.randomUUID();
        // a row of another organization, stored directly (no API creates organizations yet)
        HttpResponse<String> insert = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "INSERT INTO telemetryflow.audit_logs (id, timestamp, event_type, action, resource, result, organization_id, user_id)"
                        + " VALUES (generateUUIDv4(), now64(3), 'DATA', '" + action + "', '/api/v2/iam/users', 'SUCCESS', '"
                        + otherOrganization + "', '" + UUID.randomUUID() + "')");
        assertThat(insert.statusCode()).as(insert.body()).isEqualTo(200);

        String superAdmin = DemoUser.SUPER_ADMINISTRATOR.login();
        JsonObject seen = AuditRows.awaitNewest(superAdmin, "/audit/logs?organizationId=" + otherOrganization + "&action=" + encode(action));
        assertThat(seen.getString("organizationId")).isEqualTo(otherOrganization);

        String admin = DemoUser.ADMINISTRATOR.login();
        assertThat(items(admin, "/audit/logs?action=" + encode(action))).as("by filter").isZero();
        assertThat(items(admin, "/audit/logs?organizationId=" + otherOrganization)).as("naming the organization").isZero();
        assertThat(items(admin, "/audit/logs?limit=1000")).as("unfiltered page").isLessThan(1000);
        for (var row : json(call("GET", "/audit/logs?limit=1000", admin, null).body()).getJsonArray("items")) {
            assertThat(row.asJsonObject().getString("organizationId")).isNotEqualTo(otherOrganization).isNotEmpty();
        }
    }

    @Test
    void theSuperAdministratorSeesThePlatformStart() throws Exception {
        JsonObject started = AuditRows.awaitNewest(DemoUser.SUPER_ADMINISTRATOR.login(),
                "/audit/logs?eventType=SYSTEM&action=platform.started&from=" + Instant.now().minus(Duration.ofHours(1)));
        assertThat(started.getString("result")).isEqualTo("SUCCESS");
        assertThat(started.getJsonObject("metadata").getString("node")).isNotEmpty();
    }

    @Test
    void signInsRefreshesAndSignOutsAreAuditedWithUserAndResult() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        HttpResponse<String> wrong = call("POST", "/auth/login", null,
                "{\"email\":\"" + DemoUser.DEVELOPER.email + "\",\"password\":\"not-it\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonObject session = json(call("POST", "/auth/login", null,
                "{\"email\":\"" + DemoUser.DEVELOPER.email + "\",\"password\":\"" + DemoUser.DEVELOPER.password + "\"}").body());
        String userId = session.getJsonObject("user").getString("id");
        String organization = session.getJsonObject("user").getString("organizationId");
        JsonObject refreshed = json(call("POST", "/auth/refresh", null,
                "{\"refreshToken\":\"" + session.getString("refreshToken") + "\"}").body());
        assertThat(call("POST", "/auth/logout", refreshed.getString("accessToken"), null).statusCode()).isEqualTo(204);

        String admin = DemoUser.ADMINISTRATOR.login();
        String mine = "&userId=" + userId + "&from=" + since;
        JsonObject failure = AuditRows.awaitNewest(admin, "/audit/logs?eventType=AUTH&action=auth.login&result=FAILURE" + mine);
        assertThat(failure.getString("errorMessage")).isEqualTo("wrong password");
        assertThat(failure.getString("organizationId")).isEqualTo(organization);
        JsonObject success = AuditRows.awaitNewest(admin, "/audit/logs?eventType=AUTH&action=auth.login&result=SUCCESS" + mine);
        assertThat(success.getString("userEmail")).isEqualTo(DemoUser.DEVELOPER.email);
        assertThat(success.getString("sessionId")).isEqualTo(session.getString("sessionId"));
        assertThat(AuditRows.awaitNewest(admin, "/audit/logs?eventType=AUTH&action=auth.refresh&result=SUCCESS" + mine).getString("sessionId"))
                .isEqualTo(session.getString("sessionId"));
        assertThat(AuditRows.awaitNewest(admin, "/audit/logs?eventType=AUTH&action=auth.logout&result=SUCCESS" + mine).getString("userId"))
                .isEqualTo(userId);
    }

    @Test
    void anIamChangeIsAuditedAsData() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        String admin = DemoUser.ADMINISTRATOR.login();
        String email = "audited-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = call("POST", "/iam/users", admin,
                "{\"email\":\"" + email + "\",\"firstName\":\"Audit\",\"lastName\":\"Ed\",\"password\":\"Very-Long-Passw0rd!\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String userId = json(created.body()).getString("id");
        JsonObject row = AuditRows.awaitNewest(admin, "/audit/logs?eventType=DATA&result=SUCCESS&resource=" + encode("users/" + userId) + "&from=" + since);
        assertThat(row.getString("userEmail")).isEqualTo(DemoUser.ADMINISTRATOR.email);
        assertThat(row.getString("action")).contains("user");
        // a refused change is not reported as done
        HttpResponse<String> duplicate = call("POST", "/iam/users", admin,
                "{\"email\":\"" + email + "\",\"firstName\":\"Audit\",\"lastName\":\"Ed\",\"password\":\"Very-Long-Passw0rd!\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        new ServerBacklog(management.getControllerClient()).awaitAuditAfterMarker();
        assertThat(items(admin, "/audit/logs?eventType=DATA&resource=" + encode("users/") + "&action=" + encode(row.getString("action"))
                + "&from=" + since)).isEqualTo(1);
    }

    @Test
    void eventsRecordedWhileClickHouseIsDownAreStoredWhenItReturnsAndReadsMeanwhileAre503() throws Exception {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        try (ClickHouseOutage outage = ClickHouseOutage.begin()) {
            // a refused sign-in is audited at once; the event waits in the audit-events queue
            HttpResponse<String> refused = call("POST", "/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"not-it\"}");
            assertThat(refused.statusCode()).isEqualTo(401);
            // reading the trail meanwhile: 503 with Retry-After, not a 500 or an empty page
            HttpResponse<String> read = call("GET", "/audit/logs", DemoUser.ADMINISTRATOR.login(), null);
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.headers().firstValue("Retry-After")).isPresent();
            // a store attempt failed and re-queued the event for later: the outage path is taken, not just waited out
            new ServerBacklog(management.getControllerClient()).awaitRequeuedAfterFailedStore("audit-events");
        }
        String rows = TestEnvironment.awaitRows("SELECT event_type, action, result, user_email FROM telemetryflow.audit_logs"
                + " WHERE user_email = '" + email + "' FORMAT TSV", 1);
        assertThat(rows.strip()).isEqualTo("AUTH\tauth.login\tFAILURE\t" + email);
    }

    private static int items(String token, String path) throws Exception {
        HttpResponse<String> response = call("GET", path, token, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json(response.body()).getJsonArray("items").size();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
