package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.telemetryflow.testsupport.AuditRows;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import io.telemetryflow.testsupport.Totp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MFA with an authenticator's codes (enrol, confirm, sign-in, replay, recovery codes, throttling,
 * disabling), password change, forgot/reset through a real SMTP server (GreenMail in this JVM, which the
 * test server mails to: arquillian.xml) and email verification. Each test has users of its own, since
 * code guesses are limited per user and minute.
 */
class MfaAndPasswordIT extends DeployedEar {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3125, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final String PASSWORD = "Initial-Passphrase-42";
    private static final String NEW_PASSWORD = "Brand-New-Passphrase-7";
    private static final Pattern RESET_LINK = Pattern.compile("http://127\\.0\\.0\\.1:8180/reset-password\\?token=([A-Za-z0-9_-]{43})");
    private static final Pattern VERIFY_LINK = Pattern.compile("http://127\\.0\\.0\\.1:8180/verify-email\\?token=([A-Za-z0-9_-]{43})");

    // --- MFA ---------------------------------------------------------------------------------------------

    @Test
    void enrolConfirmAndSignInWithACodeThatWorksOnlyOnce() throws Exception {
        String email = newUser("mfa");
        String access = TestEnvironment.login(email, PASSWORD);

        HttpResponse<String> enrolled = call("POST", "/auth/mfa/enroll", access, null);
        assertThat(enrolled.statusCode()).isEqualTo(200);
        String secret = json(enrolled.body()).getString("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(json(enrolled.body()).getString("otpauthUri")).isEqualTo("otpauth://totp/TelemetryFlow:" + email.replace("@", "%40")
                + "?secret=" + secret + "&issuer=TelemetryFlow&algorithm=SHA1&digits=6&period=30");
        // not on until confirmed: sign-in still needs no code
        assertThat(login(email, PASSWORD).containsKey("accessToken")).isTrue();

        HttpResponse<String> wrong = call("POST", "/auth/mfa/confirm", access, code("000000"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong.body()).getString("field")).isEqualTo("code");
        assertThat(call("POST", "/auth/mfa/confirm", access, "{}").statusCode()).isEqualTo(400);

        Instant now = Instant.now();
        HttpResponse<String> confirmed = call("POST", "/auth/mfa/confirm", access, code(Totp.at(secret, now)));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(recoveryCodes(confirmed)).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        assertThat(json(call("GET", "/auth/me", access, null).body()).getBoolean("mfaEnabled")).as("the profile knows").isTrue();
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT mfa_enabled, mfa_secret_encrypted FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).isTrue();
                assertThat(row.getString(2)).startsWith("v1:").doesNotContain(secret);
            }
        }
        assertThat(call("POST", "/auth/mfa/enroll", access, null).statusCode()).as("already on").isEqualTo(409);

        JsonObject challenge = login(email, PASSWORD);
        assertThat(challenge.getBoolean("mfaRequired")).isTrue();
        assertThat(challenge.containsKey("accessToken")).isFalse();
        String ticket = challenge.getString("mfaToken");
        assertThat(challenge.getJsonNumber("mfaTokenExpiresIn").longValue()).isBetween(240L, 300L);
        // the confirming code's step is used up; the next step's code is accepted (one step of tolerance)
        String next = Totp.at(secret, now.plusSeconds(30));
        HttpResponse<String> signedIn = validateMfa(ticket, next);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/auth/me", json(signedIn.body()).getString("accessToken"), null).statusCode()).isEqualTo(200);

        // the same code again, with a fresh ticket: a replay
        HttpResponse<String> replay = validateMfa(login(email, PASSWORD).getString("mfaToken"), next);
        assertThat(replay.statusCode()).isEqualTo(401);
        // a ticket completes one sign-in only; forged tickets and access tokens are no tickets
        assertThat(validateMfa(ticket, Totp.at(secret, now.plusSeconds(60))).statusCode()).isEqualTo(401);
        assertThat(validateMfa("not.a.ticket", next).statusCode()).isEqualTo(401);
        assertThat(validateMfa(access, next).statusCode()).isEqualTo(401);
        // an MFA ticket is not an access token
        assertThat(call("GET", "/auth/me", ticket, null).statusCode()).isEqualTo(401);
    }

    @Test
    void recoveryCodesSignInOnceEach() throws Exception {
        String email = newUser("recovery");
        Mfa mfa = enableMfa(email);

        HttpResponse<String> first = validateMfa(login(email, PASSWORD).getString("mfaToken"), mfa.recoveryCodes().get(0));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first.body()).getString("accessToken")).isNotBlank();
        assertThat(validateMfa(login(email, PASSWORD).getString("mfaToken"), mfa.recoveryCodes().get(0)).statusCode())
                .as("a used recovery code").isEqualTo(401);
        // typed without the hyphen, in capitals
        String typed = mfa.recoveryCodes().get(1).replace("-", "").toUpperCase();
        assertThat(validateMfa(login(email, PASSWORD).getString("mfaToken"), typed).statusCode()).isEqualTo(200);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("""
                     SELECT count(*) FILTER (WHERE used_at IS NOT NULL), count(*), min(code_hash) FROM mfa_recovery_codes
                     WHERE user_id = (SELECT id FROM users WHERE email = ?)""")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(2);
                assertThat(row.getInt(2)).isEqualTo(10);
                assertThat(row.getString(3)).startsWith("$argon2id$");
            }
        }
    }

    @Test
    void codeGuessesAreLimitedPerUser() throws Exception {
        String email = newUser("guess");
        enableMfa(email);   // one code tried
        String ticket = login(email, PASSWORD).getString("mfaToken");
        HttpResponse<String> last = null;
        int attempts = 0;
        // 5 a minute: the fifth guess after the confirmation is refused (later if the loop straddles a minute)
        while (attempts < 12) {
            attempts++;
            last = validateMfa(ticket, "000000");
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(401);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(attempts).isBetween(5, 11);
        // a loop straddling a minute may reach the five-wrong-codes lock (15 minutes) before the per-minute limit
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 900));
    }

    @Test
    void fiveWrongCodesInARowLockMfaVerificationRecoveryCodesIncluded() throws Exception {
        String email = newUser("mfa-lock");
        Mfa mfa = enableMfa(email);
        // three wrong codes earlier (only five guesses a minute are allowed, so the run is set up in the database)
        setMfaFailures(email, 3, null);
        String ticket = login(email, PASSWORD).getString("mfaToken");
        assertThat(validateMfa(ticket, "aaaaa-bbbbb").statusCode()).as("a wrong recovery code counts").isEqualTo(401);
        assertThat(validateMfa(ticket, "000000").statusCode()).as("the fifth wrong code").isEqualTo(401);

        String next = Totp.at(mfa.secret(), Instant.now().plusSeconds(30));
        HttpResponse<String> locked = validateMfa(ticket, next);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json(locked.body()).getString("detail")).contains("MFA verification is locked");
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(850, 900));
        assertThat(validateMfa(ticket, mfa.recoveryCodes().get(0)).statusCode()).as("a right recovery code too").isEqualTo(429);
        String rows = TestEnvironment.awaitRows("SELECT action, error_message FROM telemetryflow.audit_logs WHERE user_email = '" + email
                + "' AND result = 'FAILURE' AND action = 'auth.mfa' ORDER BY timestamp FORMAT TSV", 4);
        assertThat(rows.strip().split("\n")).containsExactly("auth.mfa\twrong code", "auth.mfa\twrong code; MFA now locked",
                "auth.mfa\tMFA locked", "auth.mfa\tMFA locked");

        // once the lock has run out (moved into the past here) the right code works and the count starts again
        setMfaFailures(email, 5, Instant.now().minusSeconds(1));
        assertThat(validateMfa(ticket, next).statusCode()).isEqualTo(200);
        assertThat(userColumn(email, "mfa_failed_attempts", Integer.class)).isZero();
    }

    @Test
    void disablingNeedsThePasswordOrACode() throws Exception {
        String email = newUser("disable");
        Mfa mfa = enableMfa(email);
        String access = json(validateMfa(login(email, PASSWORD).getString("mfaToken"), mfa.recoveryCodes().get(0)).body()).getString("accessToken");

        HttpResponse<String> wrong = call("POST", "/auth/mfa/disable", access, Json.createObjectBuilder().add("password", "not-it").build().toString());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong.body()).getString("field")).isEqualTo("password");
        assertThat(call("POST", "/auth/mfa/disable", access, "{}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/auth/mfa/disable", null, "{}").statusCode()).as("anonymous").isEqualTo(401);

        assertThat(call("POST", "/auth/mfa/disable", access, Json.createObjectBuilder().add("password", PASSWORD).build().toString())
                .statusCode()).isEqualTo(204);
        assertThat(login(email, PASSWORD).containsKey("accessToken")).as("signs in without a code again").isTrue();
        String userId = json(call("GET", "/auth/me", access, null).body()).getString("id");
        for (String[] audited : new String[][] {{"mfa.enroll", "SUCCESS"}, {"mfa.confirm", "SUCCESS"}, {"mfa.recovery-code.use", "SUCCESS"},
                {"mfa.disable", "FAILURE"}, {"mfa.disable", "SUCCESS"}}) {
            assertThat(awaitAudit(userId, audited[0], audited[1]).getString("userEmail")).as(audited[0]).isEqualTo(email);
        }
        assertThat(call("POST", "/auth/mfa/disable", access, Json.createObjectBuilder().add("password", PASSWORD).build().toString())
                .statusCode()).as("already off").isEqualTo(409);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = ?)")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isZero();
            }
        }
    }

    // --- passwords --------------------------------------------------------------------------------------------

    @Test
    void changingThePasswordEndsTheOtherSessions() throws Exception {
        String email = newUser("change");
        JsonObject kept = login(email, PASSWORD);
        JsonObject other = login(email, PASSWORD);
        String access = kept.getString("accessToken");

        HttpResponse<String> wrongCurrent = changePassword(access, "not-the-password", NEW_PASSWORD);
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(json(wrongCurrent.body()).getString("field")).isEqualTo("currentPassword");
        HttpResponse<String> weak = changePassword(access, PASSWORD, "Password123!");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(json(weak.body()).getString("field")).isEqualTo("newPassword");
        assertThat(json(weak.body()).getString("detail")).contains("commonly used");
        assertThat(changePassword(null, PASSWORD, NEW_PASSWORD).statusCode()).isEqualTo(401);

        assertThat(changePassword(access, PASSWORD, NEW_PASSWORD).statusCode()).isEqualTo(204);
        assertThat(refresh(other.getString("refreshToken")).statusCode()).as("the other session").isEqualTo(401);
        assertThat(refresh(kept.getString("refreshToken")).statusCode()).as("the changing session").isEqualTo(200);
        assertThat(call("GET", "/auth/me", other.getString("accessToken"), null).statusCode()).as("the other session's access token").isEqualTo(401);
        assertThat(call("GET", "/auth/me", access, null).statusCode()).as("the changing session's access token").isEqualTo(200);
        assertThat(loginStatus(email, PASSWORD)).isEqualTo(401);
        assertThat(loginStatus(email, NEW_PASSWORD)).isEqualTo(200);

        String userId = json(call("GET", "/auth/me", access, null).body()).getString("id");
        JsonObject changed = awaitAudit(userId, "password.change", "SUCCESS");
        assertThat(changed.getString("userEmail")).isEqualTo(email);
        assertThat(changed.getString("eventType")).isEqualTo("AUTH");
        assertThat(changed.getString("organizationId")).isNotEmpty();
        assertThat(changed.getString("sessionId")).isEqualTo(kept.getString("sessionId"));
        assertThat(awaitAudit(userId, "password.change", "FAILURE").getString("errorMessage")).isEqualTo("wrong current password");
    }

    @Test
    void anInvitedUserChoosesAPasswordThroughTheMailedLinkAndSignsInOnceActivated() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        String email = "invited-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> invited = call("POST", "/iam/users", admin, Json.createObjectBuilder()
                .add("email", email).add("firstName", "Invited").add("lastName", "User").build().toString());
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        MimeMessage mail = awaitMailTo(email);
        assertThat(mail.getSubject()).isEqualTo("You are invited to TelemetryFlow");
        assertThat(resetPassword(linkToken(mail, RESET_LINK), NEW_PASSWORD).statusCode()).isEqualTo(204);
        assertThat(loginStatus(email, NEW_PASSWORD)).as("not activated yet").isEqualTo(403);
        String id = json(invited.body()).getString("id");
        assertThat(call("POST", "/iam/users/" + id + "/activate", admin, null).statusCode()).isEqualTo(200);
        assertThat(loginStatus(email, NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void forgotPasswordAnswersAlikeAndMailsOnlyExistingAccountsASingleUseLink() throws Exception {
        String email = newUser("forgot");
        JsonObject session = login(email, PASSWORD);

        HttpResponse<String> unknown = forgotPassword("nobody-" + UUID.randomUUID() + "@example.com");
        HttpResponse<String> known = forgotPassword(email);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());
        assertThat(forgotPassword("not an email").statusCode()).isEqualTo(400);

        String token = linkToken(awaitMailTo(email), RESET_LINK);
        // the known address's mail (asked for second) is here; the lookups and mails run on the default executor, in any
        // order, so a mail for the unknown address would be here too once that executor is idle
        new ServerBacklog(management.getControllerClient()).awaitDefaultExecutorIdle();
        assertThat(SMTP.getReceivedMessages()).as("no mail for the unknown address").hasSize(1);

        HttpResponse<String> weak = resetPassword(token, "short");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(json(weak.body()).getString("field")).isEqualTo("newPassword");
        assertThat(resetPassword(token, NEW_PASSWORD).statusCode()).as("the refused attempt did not use the token").isEqualTo(204);
        HttpResponse<String> again = resetPassword(token, "Yet-Another-Passphrase-9");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again.body()).getString("field")).isEqualTo("token");
        assertThat(resetPassword("x".repeat(43), NEW_PASSWORD).statusCode()).isEqualTo(400);

        assertThat(loginStatus(email, PASSWORD)).isEqualTo(401);
        assertThat(loginStatus(email, NEW_PASSWORD)).isEqualTo(200);
        assertThat(refresh(session.getString("refreshToken")).statusCode()).as("sessions end on reset").isEqualTo(401);
    }

    @Test
    void anExpiredResetLinkIsRefusedAndANewerOneStillWorks() throws Exception {
        String email = newUser("expired");
        assertThat(forgotPassword(email).statusCode()).isEqualTo(202);
        String stale = linkToken(awaitMailTo(email), RESET_LINK);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("""
                     SELECT extract(epoch FROM expires_at - created_at), token_hash FROM user_tokens
                     WHERE user_id = (SELECT id FROM users WHERE email = ?) AND purpose = 'PASSWORD_RESET'""");
             PreparedStatement update = db.prepareStatement("""
                     UPDATE user_tokens SET expires_at = now() - interval '1 minute'
                     WHERE user_id = (SELECT id FROM users WHERE email = ?) AND purpose = 'PASSWORD_RESET'""")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getDouble(1)).as("valid for 30 minutes").isEqualTo(1800.0);
                assertThat(row.getString(2)).as("stored as SHA-256, not in the clear").hasSize(64).isNotEqualTo(stale);
            }
            update.setString(1, email);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        HttpResponse<String> expired = resetPassword(stale, NEW_PASSWORD);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(json(expired.body()).getString("field")).isEqualTo("token");
        assertThat(loginStatus(email, PASSWORD)).isEqualTo(200);

        SMTP.purgeEmailFromAllMailboxes();
        assertThat(forgotPassword(email).statusCode()).isEqualTo(202);
        assertThat(resetPassword(linkToken(awaitMailTo(email), RESET_LINK), NEW_PASSWORD).statusCode()).isEqualTo(204);
    }

    @Test
    void aPasswordResetDoesNotTurnOffMfa() throws Exception {
        String email = newUser("reset-mfa");
        enableMfa(email);
        assertThat(forgotPassword(email).statusCode()).isEqualTo(202);
        assertThat(resetPassword(linkToken(awaitMailTo(email), RESET_LINK), NEW_PASSWORD).statusCode()).isEqualTo(204);
        JsonObject challenge = login(email, NEW_PASSWORD);
        assertThat(challenge.getBoolean("mfaRequired")).isTrue();
        assertThat(challenge.containsKey("accessToken")).isFalse();
    }

    @Test
    void theVerificationLinkConfirmsTheEmailAddressOnce() throws Exception {
        String email = newUser("verify");
        String access = TestEnvironment.login(email, PASSWORD);
        assertThat(emailVerified(email)).isFalse();
        assertThat(call("POST", "/auth/send-verification", null, null).statusCode()).isEqualTo(401);

        assertThat(call("POST", "/auth/send-verification", access, null).statusCode()).isEqualTo(202);
        MimeMessage mail = awaitMailTo(email);
        assertThat(mail.getSubject()).contains("Confirm your email");
        String token = linkToken(mail, VERIFY_LINK);

        assertThat(call("POST", "/auth/verify-email", null, tokenBody(token)).statusCode()).isEqualTo(204);
        assertThat(emailVerified(email)).isTrue();
        HttpResponse<String> again = call("POST", "/auth/verify-email", null, tokenBody(token));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again.body()).getString("field")).isEqualTo("token");
        assertThat(call("POST", "/auth/send-verification", access, null).statusCode()).as("already verified").isEqualTo(409);
        // a verification token is no reset token
        assertThat(resetPassword(token, NEW_PASSWORD).statusCode()).isEqualTo(400);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private record Mfa(String secret, List<String> recoveryCodes) {
    }

    /** Polls the audit API as the default organization's Administrator until the user's AUTH event appears. */
    private static JsonObject awaitAudit(String userId, String action, String result) throws Exception {
        return AuditRows.awaitNewest(TestEnvironment.DemoUser.ADMINISTRATOR.login(),
                "/audit/logs?eventType=AUTH&userId=" + userId + "&action=" + action + "&result=" + result);
    }

    /** Enrols and confirms MFA for the user (one code tried). */
    private static Mfa enableMfa(String email) throws Exception {
        String access = TestEnvironment.login(email, PASSWORD);
        String secret = json(call("POST", "/auth/mfa/enroll", access, null).body()).getString("secret");
        HttpResponse<String> confirmed = call("POST", "/auth/mfa/confirm", access, code(Totp.at(secret, Instant.now())));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        return new Mfa(secret, recoveryCodes(confirmed));
    }

    private static List<String> recoveryCodes(HttpResponse<String> confirmed) {
        return json(confirmed.body()).getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** A fresh active user in the default organization with {@link #PASSWORD}. */
    private static String newUser(String prefix) throws Exception {
        String email = prefix + "-" + UUID.randomUUID() + "@example.com";
        TestUsers.insertActive(email, PASSWORD, "Mfa", "Tester");
        return email;
    }

    /** Sets a user's run of wrong MFA codes, as if they had been tried just now; {@code lockedUntil} may be null. */
    private static void setMfaFailures(String email, int failures, Instant lockedUntil) throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE users SET mfa_failed_attempts = ?, mfa_last_failed_at = now(), mfa_locked_until = ? WHERE email = ?")) {
            update.setInt(1, failures);
            update.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            update.setString(3, email);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** One column of the user's row; {@code column} is one of this test's constants. */
    private static <T> T userColumn(String email, String column, Class<T> type) throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT " + column + " FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getObject(1, type);
            }
        }
    }

    private static boolean emailVerified(String email) throws Exception {
        return userColumn(email, "email_verified", Boolean.class);
    }

    private static MimeMessage awaitMailTo(String email) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), 1)).as("a mail arrives").isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(email);
        return mail;
    }

    private static String linkToken(MimeMessage mail, Pattern link) throws Exception {
        String text = (String) mail.getContent();
        Matcher matcher = link.matcher(text);
        assertThat(matcher.find()).as("link in: " + text).isTrue();
        return matcher.group(1);
    }

    private static JsonObject login(String email, String password) throws Exception {
        HttpResponse<String> response = call("POST", "/auth/login", null, credentials(email, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static int loginStatus(String email, String password) throws Exception {
        return call("POST", "/auth/login", null, credentials(email, password)).statusCode();
    }

    private static String credentials(String email, String password) {
        return Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    }

    private static HttpResponse<String> validateMfa(String ticket, String code) throws Exception {
        return call("POST", "/auth/validate-mfa", null, Json.createObjectBuilder().add("mfaToken", ticket).add("code", code).build().toString());
    }

    private static HttpResponse<String> refresh(String token) throws Exception {
        return call("POST", "/auth/refresh", null, Json.createObjectBuilder().add("refreshToken", token).build().toString());
    }

    private static HttpResponse<String> changePassword(String access, String current, String next) throws Exception {
        return call("POST", "/auth/change-password", access,
                Json.createObjectBuilder().add("currentPassword", current).add("newPassword", next).build().toString());
    }

    private static HttpResponse<String> forgotPassword(String email) throws Exception {
        return call("POST", "/auth/forgot-password", null, Json.createObjectBuilder().add("email", email).build().toString());
    }

    private static HttpResponse<String> resetPassword(String token, String newPassword) throws Exception {
        return call("POST", "/auth/reset-password", null,
                Json.createObjectBuilder().add("token", token).add("newPassword", newPassword).build().toString());
    }

    private static String code(String code) {
        return Json.createObjectBuilder().add("code", code).build().toString();
    }

    private static String tokenBody(String token) {
        return Json.createObjectBuilder().add("token", token).build().toString();
    }
}
