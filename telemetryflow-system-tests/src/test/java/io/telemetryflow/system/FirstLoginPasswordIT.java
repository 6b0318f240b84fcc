package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.telemetryflow.testsupport.AuditRows;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import io.telemetryflow.testsupport.Totp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first sign-in of a user an administrator created with a password (which the administrator knows): the right
 * password answers a password-change ticket and no session; the user's own password, completed with the ticket,
 * answers the session. The ticket works once; the policy applies; MFA comes first; invited users and users who reset
 * their password are not asked. Each test signs in from an address of its own (the test server trusts 127.0.0.1 as a
 * proxy), so its attempts neither meet nor feed another test's throttling.
 */
class FirstLoginPasswordIT extends DeployedEar {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3125, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final String INITIAL = "Admin-Chosen-Passphrase-31";
    private static final String OWN = "My-Own-Passphrase-2026";
    private static final String CSRF = "X-TelemetryFlow-CSRF";
    private static final Pattern RESET_LINK = Pattern.compile("http://127\\.0\\.0\\.1:8180/reset-password\\?token=([A-Za-z0-9_-]{43})");

    private final String client = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);

    @Test
    void aPasswordAnAdministratorChoseIsReplacedBeforeTheFirstSessionAndTheTicketWorksOnce() throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String email = IamCalls.uniqueEmail("first-login");
        JsonObject created = admin.create("/iam/users", IamCalls.user(email, INITIAL));
        assertThat(created.getBoolean("passwordChangeRequired")).isTrue();
        String id = created.getString("id");
        assertThat(admin.post("/iam/users/" + id + "/activate", null).statusCode()).isEqualTo(200);

        JsonObject challenge = ok(login(email, INITIAL));
        assertThat(challenge.getBoolean("passwordChangeRequired")).isTrue();
        assertThat(challenge.getJsonNumber("passwordChangeTokenExpiresIn").longValue()).isBetween(540L, 600L);
        assertThat(challenge.keySet()).as("no session, no tokens, nothing else")
                .containsExactlyInAnyOrder("passwordChangeRequired", "passwordChangeToken", "passwordChangeTokenExpiresIn");
        String ticket = challenge.getString("passwordChangeToken");
        assertThat(call("GET", "/auth/me", ticket, null).statusCode()).as("the ticket is no access token").isEqualTo(401);
        assertThat(call("POST", "/auth/validate-mfa", null, Json.createObjectBuilder().add("mfaToken", ticket).add("code", "123456")
                .build().toString()).statusCode()).as("nor an MFA ticket").isEqualTo(401);

        HttpResponse<String> weak = complete(ticket, "Password123!");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(IamCalls.problemField(weak)).isEqualTo("newPassword");
        assertThat(json(weak.body()).getString("detail")).contains("commonly used");
        HttpResponse<String> same = complete(ticket, INITIAL);
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(IamCalls.problemField(same)).isEqualTo("newPassword");
        assertThat(json(same.body()).getString("detail")).contains("must differ");
        assertThat(complete("not.a.ticket", OWN).statusCode()).isEqualTo(401);
        assertThat(complete(TestEnvironment.login(DemoUser.VIEWER.email, DemoUser.VIEWER.password), OWN).statusCode())
                .as("an access token is no ticket").isEqualTo(401);
        assertThat(call("POST", "/auth/complete-password-change", null, "{}").statusCode()).isEqualTo(400);

        HttpResponse<String> completed = complete(ticket, OWN);
        JsonObject session = ok(completed);
        assertThat(session.getString("tokenType")).isEqualTo("Bearer");
        assertThat(session.getString("refreshToken")).startsWith("tfr_");
        assertThat(session.getJsonObject("user").getString("email")).isEqualTo(email);
        assertThat(session.containsKey("passwordChangeRequired")).isFalse();
        assertThat(call("GET", "/auth/me", session.getString("accessToken"), null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/auth/refresh", null, Json.createObjectBuilder().add("refreshToken", session.getString("refreshToken"))
                .build().toString()).statusCode()).isEqualTo(200);

        assertThat(complete(ticket, "Yet-Another-Passphrase-9").statusCode()).as("the ticket is used up").isEqualTo(401);
        assertThat(login(email, INITIAL).statusCode()).as("the administrator's password").isEqualTo(401);
        JsonObject direct = ok(login(email, OWN));
        assertThat(direct.getString("accessToken")).isNotBlank();
        assertThat(direct.containsKey("passwordChangeRequired")).isFalse();
        assertThat(json(admin.get("/iam/users/" + id).body()).getBoolean("passwordChangeRequired")).isFalse();
        assertThat(passwordChangeRequired(email)).isFalse();

        String adminToken = DemoUser.ADMINISTRATOR.login();
        String audit = "/audit/logs?eventType=AUTH&userId=" + id + "&action=auth.password-change&result=";
        assertThat(AuditRows.awaitNewest(adminToken, audit + "SUCCESS").getString("sessionId")).isEqualTo(session.getString("sessionId"));
        assertThat(AuditRows.awaitNewest(adminToken, audit + "FAILURE").getString("userEmail")).isEqualTo(email);
    }

    @Test
    void aWrongPasswordRevealsNothingAndStillCountsTowardsTheLock() throws Exception {
        String email = createdByAdministrator("first-login-lock");
        HttpResponse<String> wrong = login(email, "not-the-password");
        HttpResponse<String> unknown = login("nobody-" + email, "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong.body()).getString("detail")).isEqualTo(json(unknown.body()).getString("detail"));
        assertThat(wrong.body()).doesNotContain("passwordChange");
        for (int attempt = 2; attempt <= 5; attempt++) {
            assertThat(login(email, "wrong-" + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(email, INITIAL);
        assertThat(locked.statusCode()).as("locked, even with the right password").isEqualTo(429);
        assertThat(locked.body()).doesNotContain("passwordChange");
    }

    @Test
    void withMfaTheCodeComesFirstAndThenTheOwnPassword() throws Exception {
        String email = IamCalls.uniqueEmail("first-login-mfa");
        TestUsers.insertActive(email, INITIAL, "First", "Mfa");
        List<String> recoveryCodes = enableMfa(email);
        requirePasswordChange(email);

        JsonObject first = ok(login(email, INITIAL));
        assertThat(first.getBoolean("mfaRequired")).isTrue();
        assertThat(first.keySet()).doesNotContain("passwordChangeRequired", "passwordChangeToken", "accessToken");
        String mfaTicket = first.getString("mfaToken");
        assertThat(complete(mfaTicket, OWN).statusCode()).as("an MFA ticket is no password-change ticket").isEqualTo(401);

        JsonObject second = ok(validateMfa(mfaTicket, recoveryCodes.get(0)));
        assertThat(second.getBoolean("passwordChangeRequired")).isTrue();
        assertThat(second.keySet()).doesNotContain("accessToken", "refreshToken", "mfaRequired");
        assertThat(validateMfa(mfaTicket, recoveryCodes.get(1)).statusCode()).as("the MFA ticket is used up").isEqualTo(401);

        JsonObject session = ok(complete(second.getString("passwordChangeToken"), OWN));
        assertThat(call("GET", "/auth/me", session.getString("accessToken"), null).statusCode()).isEqualTo(200);
        JsonObject next = ok(login(email, OWN));
        assertThat(next.getBoolean("mfaRequired")).as("MFA stays on").isTrue();
        assertThat(ok(validateMfa(next.getString("mfaToken"), recoveryCodes.get(1))).getString("accessToken")).isNotBlank();
    }

    @Test
    void theConsoleGetsTheCookieOnlyWithTheOwnPassword() throws Exception {
        String email = createdByAdministrator("first-login-console");
        HttpResponse<String> first = call("POST", "/auth/session/login", null, credentials(email, INITIAL), CSRF, "1",
                "X-Forwarded-For", client);
        JsonObject challenge = ok(first);
        assertThat(challenge.getBoolean("passwordChangeRequired")).isTrue();
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        String body = Json.createObjectBuilder().add("passwordChangeToken", challenge.getString("passwordChangeToken"))
                .add("newPassword", OWN).build().toString();

        assertThat(call("POST", "/auth/session/complete-password-change", null, body, "X-Forwarded-For", client).statusCode())
                .as("without the console's header").isEqualTo(403);
        HttpResponse<String> completed = call("POST", "/auth/session/complete-password-change", null, body, CSRF, "1",
                "X-Forwarded-For", client);
        JsonObject session = ok(completed);
        assertThat(session.getString("accessToken")).isNotBlank();
        assertThat(session.containsKey("refreshToken")).as("the refresh token is the cookie").isFalse();
        assertThat(completed.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(completed.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie ->
                assertThat(cookie).startsWith("tf_refresh=tfr_").contains("HttpOnly", "SameSite=Strict", "Path=/api/v2/auth/session"));
    }

    @Test
    void usersWhoChoseTheirPasswordThroughAMailedLinkAreNotAsked() throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String invited = IamCalls.uniqueEmail("first-login-invited");
        JsonObject invitation = admin.create("/iam/users", IamCalls.user(invited, null));
        assertThat(invitation.getBoolean("passwordChangeRequired")).isFalse();
        assertThat(resetPassword(linkToken(awaitMailTo(invited)), OWN).statusCode()).isEqualTo(204);
        assertThat(admin.post("/iam/users/" + invitation.getString("id") + "/activate", null).statusCode()).isEqualTo(200);
        assertThat(ok(login(invited, OWN)).getString("accessToken")).as("the invited user").isNotBlank();

        // a user created with a password who resets it chose it too
        SMTP.purgeEmailFromAllMailboxes();
        String reset = createdByAdministrator("first-login-reset");
        assertThat(call("POST", "/auth/forgot-password", null, Json.createObjectBuilder().add("email", reset).build().toString())
                .statusCode()).isEqualTo(202);
        assertThat(resetPassword(linkToken(awaitMailTo(reset)), OWN).statusCode()).isEqualTo(204);
        assertThat(passwordChangeRequired(reset)).isFalse();
        assertThat(ok(login(reset, OWN)).getString("accessToken")).as("the user who reset the password").isNotBlank();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** An active user the demo Administrator created with {@link #INITIAL}. */
    private static String createdByAdministrator(String prefix) throws Exception {
        IamCalls admin = new IamCalls(DemoUser.ADMINISTRATOR.login());
        String email = IamCalls.uniqueEmail(prefix);
        String id = admin.create("/iam/users", IamCalls.user(email, INITIAL)).getString("id");
        assertThat(admin.post("/iam/users/" + id + "/activate", null).statusCode()).isEqualTo(200);
        return email;
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        return call("POST", "/auth/login", null, credentials(email, password), "X-Forwarded-For", client);
    }

    private HttpResponse<String> complete(String ticket, String newPassword) throws Exception {
        return call("POST", "/auth/complete-password-change", null, Json.createObjectBuilder().add("passwordChangeToken", ticket)
                .add("newPassword", newPassword).build().toString(), "X-Forwarded-For", client);
    }

    private HttpResponse<String> validateMfa(String ticket, String code) throws Exception {
        return call("POST", "/auth/validate-mfa", null, Json.createObjectBuilder().add("mfaToken", ticket).add("code", code).build()
                .toString(), "X-Forwarded-For", client);
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static String credentials(String email, String password) {
        return Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    }

    /** Turns MFA on for the user through the API; its recovery codes. */
    private static List<String> enableMfa(String email) throws Exception {
        String access = TestEnvironment.login(email, INITIAL);
        String secret = json(call("POST", "/auth/mfa/enroll", access, null).body()).getString("secret");
        HttpResponse<String> confirmed = call("POST", "/auth/mfa/confirm", access,
                Json.createObjectBuilder().add("code", Totp.at(secret, Instant.now())).build().toString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        return json(confirmed.body()).getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** As if an administrator had chosen the user's password (the API sets it only on creation, before MFA could be on). */
    private static void requirePasswordChange(String email) throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement update = db.prepareStatement("UPDATE users SET password_change_required = true WHERE email = ?")) {
            update.setString(1, email);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static boolean passwordChangeRequired(String email) throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT password_change_required FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBoolean(1);
            }
        }
    }

    private static HttpResponse<String> resetPassword(String token, String newPassword) throws Exception {
        return call("POST", "/auth/reset-password", null,
                Json.createObjectBuilder().add("token", token).add("newPassword", newPassword).build().toString());
    }

    private static MimeMessage awaitMailTo(String email) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), 1)).as("a mail arrives").isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(email);
        return mail;
    }

    private static String linkToken(MimeMessage mail) throws Exception {
        String text = (String) mail.getContent();
        Matcher matcher = RESET_LINK.matcher(text);
        assertThat(matcher.find()).as("link in: " + text).isTrue();
        return matcher.group(1);
    }
}
