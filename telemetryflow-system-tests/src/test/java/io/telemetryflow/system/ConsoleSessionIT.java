package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.common.io.BaseEncoding;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The web console's cookie sessions (/auth/session/...): the refresh token only ever in an HttpOnly, SameSite=Strict
 * cookie for the session endpoints, rotation and reuse detection as in the JSON flow, sign-out clearing the cookie,
 * and the defence against cross-site requests (the X-TelemetryFlow-CSRF header, Origin, Sec-Fetch-Site) refusing
 * before anything is used up. The JSON flow for API clients stays as it was.
 */
class ConsoleSessionIT extends DeployedEar {

    private static final String CSRF = "X-TelemetryFlow-CSRF";
    private static final String OWN_ORIGIN = "http://127.0.0.1:8180";
    private static final String FOREIGN_ORIGIN = "https://evil.example.net";
    private static final long REFRESH_TTL_SECONDS = Duration.ofDays(7).toSeconds();   // telemetryflow.auth.refresh-token-ttl

    @Test
    void aConsoleSignInSetsTheRefreshTokenAsAStrictHttpOnlyCookieAndNotInTheBody() throws Exception {
        HttpResponse<String> response = sessionLogin(DemoUser.DEVELOPER.email, DemoUser.DEVELOPER.password,
                CSRF, "1", "Origin", OWN_ORIGIN, "Sec-Fetch-Site", "same-origin");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = json(response.body());
        assertThat(body.getString("tokenType")).isEqualTo("Bearer");
        assertThat(body.getString("accessToken")).isNotBlank();
        assertThat(body.getJsonNumber("expiresIn").longValue()).isPositive();
        assertThat(body.getJsonObject("user").getString("email")).isEqualTo(DemoUser.DEVELOPER.email);
        assertThat(body.containsKey("refreshToken") && !body.isNull("refreshToken")).as("a refresh token in the body").isFalse();
        assertThat(response.body()).doesNotContain("tfr_");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        SetCookie cookie = refreshCookie(response);
        assertThat(cookie.value()).startsWith("tfr_");
        assertThat(cookie.attributes()).containsEntry("path", "/api/v2/auth/session").containsEntry("samesite", "Strict")
                .containsKey("httponly").doesNotContainKey("secure").doesNotContainKey("domain");
        assertThat(Long.parseLong(cookie.attributes().get("max-age"))).isBetween(REFRESH_TTL_SECONDS - 120, REFRESH_TTL_SECONDS);
        assertThat(call("GET", "/auth/me", body.getString("accessToken"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCookieRefreshesAndRotatesAndTheUsedOneThenEndsTheSession() throws Exception {
        HttpResponse<String> signedIn = sessionLogin(DemoUser.VIEWER.email, DemoUser.VIEWER.password, CSRF, "1");
        String first = refreshCookie(signedIn).value();

        HttpResponse<String> refreshed = sessionRefresh(first, CSRF, "1", "Origin", OWN_ORIGIN, "Sec-Fetch-Site", "same-origin");
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonObject body = json(refreshed.body());
        assertThat(body.getString("accessToken")).isNotBlank();
        assertThat(body.getJsonNumber("expiresIn").longValue()).isPositive();
        assertThat(body.getJsonObject("user").getString("email")).isEqualTo(DemoUser.VIEWER.email);
        assertThat(body.getString("sessionId")).isEqualTo(json(signedIn.body()).getString("sessionId"));
        assertThat(body.containsKey("refreshToken") && !body.isNull("refreshToken")).isFalse();
        String second = refreshCookie(refreshed).value();
        assertThat(second).startsWith("tfr_").isNotEqualTo(first);
        String access = body.getString("accessToken");
        assertThat(call("GET", "/auth/me", access, null).statusCode()).isEqualTo(200);

        // the used cookie again: refused and cleared, and (reuse detection) the whole session ends with it
        HttpResponse<String> reused = sessionRefresh(first, CSRF, "1");
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(reused.body()).getString("detail")).contains("reused");
        assertCleared(reused);
        HttpResponse<String> afterReuse = sessionRefresh(second, CSRF, "1");
        assertThat(afterReuse.statusCode()).as("the newest cookie of the revoked session").isEqualTo(401);
        assertCleared(afterReuse);
        assertThat(call("GET", "/auth/me", access, null).statusCode()).as("an access token of the revoked session").isEqualTo(401);
    }

    @Test
    void aRefreshWithoutTheConsolesMarksIsRefusedAndUsesNothingUp() throws Exception {
        String cookie = refreshCookie(sessionLogin(DemoUser.DEMO.email, DemoUser.DEMO.password, CSRF, "1")).value();

        HttpResponse<String> noHeader = sessionRefresh(cookie);
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(noHeader.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(noHeader.body()).getString("detail")).contains("X-TelemetryFlow-CSRF: 1");
        assertThat(noHeader.headers().allValues("Set-Cookie")).as("the cookie is left as it is").isEmpty();
        assertThat(sessionRefresh(cookie, CSRF, "yes").statusCode()).isEqualTo(403);

        HttpResponse<String> foreign = sessionRefresh(cookie, CSRF, "1", "Origin", FOREIGN_ORIGIN);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign.body()).getString("detail")).contains("another origin").contains(FOREIGN_ORIGIN);
        assertThat(sessionRefresh(cookie, CSRF, "1", "Origin", "null").statusCode()).as("a sandboxed page").isEqualTo(403);
        assertThat(sessionRefresh(cookie, CSRF, "1", "Origin", "http://127.0.0.1:8181").statusCode()).as("another port").isEqualTo(403);
        HttpResponse<String> crossSite = sessionRefresh(cookie, CSRF, "1", "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(json(crossSite.body()).getString("detail")).contains("Sec-Fetch-Site: cross-site");
        assertThat(sessionRefresh(cookie, CSRF, "1", "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);

        // none of these used the token up: it still refreshes, once
        HttpResponse<String> genuine = sessionRefresh(cookie, CSRF, "1", "Origin", OWN_ORIGIN, "Sec-Fetch-Site", "same-origin");
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(sessionRefresh(refreshCookie(genuine).value(), CSRF, "1").statusCode()).isEqualTo(200);
    }

    @Test
    void aPageOfAnotherOriginCannotSignIn() throws Exception {
        HttpResponse<String> foreign = sessionLogin(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password,
                CSRF, "1", "Origin", FOREIGN_ORIGIN, "Sec-Fetch-Site", "cross-site");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign.body()).getString("detail")).contains(FOREIGN_ORIGIN);
        assertThat(foreign.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(foreign.body()).doesNotContain("accessToken");
        HttpResponse<String> noHeader = sessionLogin(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
        assertThat(noHeader.statusCode()).as("a form posted from anywhere cannot add the header").isEqualTo(403);
        assertThat(noHeader.headers().allValues("Set-Cookie")).isEmpty();

        assertThat(sessionLogin(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password,
                CSRF, "1", "Origin", OWN_ORIGIN, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutClearsTheCookieAndTheCookieNoLongerRefreshes() throws Exception {
        HttpResponse<String> signedIn = sessionLogin(DemoUser.VIEWER.email, DemoUser.VIEWER.password, CSRF, "1");
        String access = json(signedIn.body()).getString("accessToken");
        String cookie = refreshCookie(signedIn).value();

        assertThat(call("POST", "/auth/session/logout", access, null, "Cookie", "tf_refresh=" + cookie).statusCode())
                .as("without the header").isEqualTo(403);
        assertThat(call("POST", "/auth/session/logout", null, null, CSRF, "1", "Cookie", "tf_refresh=" + cookie).statusCode())
                .as("without an access token").isEqualTo(401);
        assertThat(call("GET", "/auth/me", access, null).statusCode()).as("neither ended the session").isEqualTo(200);

        HttpResponse<String> logout = call("POST", "/auth/session/logout", access, null, CSRF, "1", "Origin", OWN_ORIGIN,
                "Cookie", "tf_refresh=" + cookie);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertCleared(logout);
        assertThat(call("GET", "/auth/me", access, null).statusCode()).isEqualTo(401);
        HttpResponse<String> after = sessionRefresh(cookie, CSRF, "1");
        assertThat(after.statusCode()).isEqualTo(401);
        assertCleared(after);
    }

    @Test
    void aRefreshWithoutAUsableCookieIsA401ThatClearsIt() throws Exception {
        HttpResponse<String> none = call("POST", "/auth/session/refresh", null, null, CSRF, "1");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(none.body()).getString("detail")).contains("no session cookie");
        assertCleared(none);
        for (String garbage : new String[] {"tfr_garbage", "not-a-token", "tfr_" + "x".repeat(200)}) {
            HttpResponse<String> refused = sessionRefresh(garbage, CSRF, "1");
            assertThat(refused.statusCode()).as(garbage).isEqualTo(401);
            assertCleared(refused);
        }
    }

    @Test
    void theJsonSignInForApiClientsIsUnchanged() throws Exception {
        HttpResponse<String> response = call("POST", "/auth/login", null, credentials(DemoUser.DEVELOPER.email, DemoUser.DEVELOPER.password));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).getString("refreshToken")).startsWith("tfr_");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        String refreshToken = json(response.body()).getString("refreshToken");
        HttpResponse<String> refreshed = call("POST", "/auth/refresh", null,
                Json.createObjectBuilder().add("refreshToken", refreshToken).build().toString());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(json(refreshed.body()).getString("refreshToken")).startsWith("tfr_").isNotEqualTo(refreshToken);
        assertThat(refreshed.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void withMfaTheCookieComesOnlyWithTheSecondFactor() throws Exception {
        String email = "console-mfa-" + UUID.randomUUID() + "@example.com";
        String password = "Console-Passphrase-42";
        TestUsers.insertActive(email, password, "Console", "Mfa");
        List<String> recoveryCodes = enableMfa(email, password);

        HttpResponse<String> firstStep = sessionLogin(email, password, CSRF, "1");
        assertThat(firstStep.statusCode()).isEqualTo(200);
        assertThat(json(firstStep.body()).getBoolean("mfaRequired")).isTrue();
        assertThat(json(firstStep.body()).containsKey("accessToken")).isFalse();
        assertThat(firstStep.headers().allValues("Set-Cookie")).isEmpty();
        String ticket = json(firstStep.body()).getString("mfaToken");

        String secondStepBody = Json.createObjectBuilder().add("mfaToken", ticket).add("code", recoveryCodes.get(0)).build().toString();
        assertThat(call("POST", "/auth/session/validate-mfa", null, secondStepBody, "Origin", FOREIGN_ORIGIN, CSRF, "1").statusCode())
                .as("from another origin").isEqualTo(403);
        HttpResponse<String> secondStep = call("POST", "/auth/session/validate-mfa", null, secondStepBody, CSRF, "1", "Origin", OWN_ORIGIN);
        assertThat(secondStep.statusCode()).as("the refused attempt used neither ticket nor code up").isEqualTo(200);
        assertThat(json(secondStep.body()).getString("accessToken")).isNotBlank();
        assertThat(json(secondStep.body()).containsKey("refreshToken") && !json(secondStep.body()).isNull("refreshToken")).isFalse();
        SetCookie cookie = refreshCookie(secondStep);
        assertThat(cookie.attributes()).containsKey("httponly").containsEntry("samesite", "Strict");
        assertThat(sessionRefresh(cookie.value(), CSRF, "1").statusCode()).isEqualTo(200);
    }

    @Test
    void failedConsoleSignInsCountTowardsTheSameLockAsTheJsonOnes() throws Exception {
        String email = "console-lock-" + UUID.randomUUID() + "@example.com";
        String password = "Console-Passphrase-42";
        TestUsers.insertActive(email, password, "Console", "Lock");
        // the test server trusts 127.0.0.1 as a proxy: this client is an address of its own
        String client = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(call("POST", "/auth/login", null, credentials(email, "wrong-" + attempt), "X-Forwarded-For", client).statusCode())
                    .isEqualTo(401);
        }
        for (int attempt = 4; attempt <= 5; attempt++) {
            assertThat(sessionLogin(email, "wrong-" + attempt, CSRF, "1", "X-Forwarded-For", client).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = sessionLogin(email, password, CSRF, "1", "X-Forwarded-For", client);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(call("POST", "/auth/login", null, credentials(email, password), "X-Forwarded-For", client).statusCode()).isEqualTo(429);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private record SetCookie(String value, Map<String, String> attributes) {
    }

    private static HttpResponse<String> sessionLogin(String email, String password, String... headers) throws Exception {
        return call("POST", "/auth/session/login", null, credentials(email, password), headers);
    }

    private static HttpResponse<String> sessionRefresh(String cookie, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Cookie", "tf_refresh=" + cookie));
        return call("POST", "/auth/session/refresh", null, null, all.toArray(String[]::new));
    }

    private static String credentials(String email, String password) {
        return Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    }

    /** The one tf_refresh cookie the response sets; attribute names in lower case, flags with an empty value. */
    private static SetCookie refreshCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tf_refresh=")).toList();
        assertThat(cookies).as("tf_refresh cookies set").hasSize(1);
        String[] parts = cookies.get(0).split(";");
        Map<String, String> attributes = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] attribute = parts[i].strip().split("=", 2);
            attributes.put(attribute[0].toLowerCase(Locale.ROOT), attribute.length == 2 ? attribute[1] : "");
        }
        return new SetCookie(parts[0].substring("tf_refresh=".length()), attributes);
    }

    private static void assertCleared(HttpResponse<String> response) {
        SetCookie cookie = refreshCookie(response);
        assertThat(cookie.value()).isEmpty();
        assertThat(cookie.attributes()).containsEntry("max-age", "0").containsEntry("path", "/api/v2/auth/session").containsKey("httponly");
    }

    /** Turns MFA on for the user through the JSON API; its recovery codes. */
    private static List<String> enableMfa(String email, String password) throws Exception {
        String access = TestEnvironment.login(email, password);
        String secret = json(call("POST", "/auth/mfa/enroll", access, null).body()).getString("secret");
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        String code = totp.generateOneTimePasswordString(new SecretKeySpec(BaseEncoding.base32().decode(secret), "HmacSHA1"), Instant.now());
        HttpResponse<String> confirmed = call("POST", "/auth/mfa/confirm", access, Json.createObjectBuilder().add("code", code).build().toString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        return json(confirmed.body()).getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
