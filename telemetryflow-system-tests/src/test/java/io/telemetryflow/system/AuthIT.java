package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, lockout, throttling, refresh-token rotation, logout and the access token's defences,
 * against the deployed EAR: every forged or stale token is a 401.
 */
class AuthIT extends DeployedEar {

    @Test
    void everyDemoUserSignsInWithTheRoleOfTheReference() throws Exception {
        String[] roles = {"Super Administrator", "Administrator", "Developer", "Viewer", "Demo"};
        for (DemoUser user : DemoUser.values()) {
            HttpResponse<String> me = call("GET", "/auth/me", user.login(), null);
            assertThat(me.statusCode()).isEqualTo(200);
            JsonObject profile = json(me.body());
            assertThat(profile.getString("email")).isEqualTo(user.email);
            assertThat(profile.getJsonArray("roles").getString(0)).isEqualTo(roles[user.ordinal()]);
        }
        JsonObject viewer = json(call("GET", "/auth/me", DemoUser.VIEWER.login(), null).body());
        assertThat(viewer.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).contains("metrics:read").doesNotContain("users:create", "metrics:write");
        assertThat(viewer.getBoolean("mfaEnabled")).as("the profile says whether MFA is on").isFalse();
        assertThat(viewer.containsKey("emailVerified")).isTrue();
    }

    @Test
    void theFirstSuperAdministratorHasAGeneratedPasswordInTheCredentialsFile() throws Exception {
        Path file = Path.of(System.getProperty("tf.test.wildfly.data"), "telemetryflow", "bootstrap-admin.json");
        JsonObject credentials = json(Files.readString(file));
        assertThat(credentials.getString("adminPassword")).hasSize(24);
        String token = TestEnvironment.login(credentials.getString("adminEmail"), credentials.getString("adminPassword"));
        assertThat(json(call("GET", "/auth/me", token, null).body()).getJsonArray("roles").getString(0)).isEqualTo("Super Administrator");
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);   // rw- for the server's account only
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrongPassword = login(DemoUser.DEMO.email, "not-the-password");
        HttpResponse<String> unknownEmail = login("nobody-" + UUID.randomUUID() + "@example.com", "not-the-password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(wrongPassword.body()).getString("detail")).isEqualTo(json(unknownEmail.body()).getString("detail"));
        // the demo user is not locked by one failure
        assertThat(login(DemoUser.DEMO.email, DemoUser.DEMO.password).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedSignInsAreRefusedWithTheField() throws Exception {
        HttpResponse<String> noPassword = call("POST", "/auth/login", null, "{\"email\":\"a@example.com\"}");
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(json(noPassword.body()).getString("field")).isEqualTo("password");
        assertThat(call("POST", "/auth/login", null, "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/auth/login", null, null).statusCode()).isIn(400, 415);
    }

    @Test
    void fiveFailuresFromOneAddressLockAnAccountThereKnownOrNot() throws Exception {
        String email = "lockout-" + UUID.randomUUID() + "@example.com";
        String password = "Correct-Horse-42!";
        TestUsers.insertActive(email, password, "Lock", "Out");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(email, "wrong-" + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(email, password);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(850, 900));

        String unknown = "ghost-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(unknown, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> unknownLocked = login(unknown, "wrong");
        assertThat(unknownLocked.statusCode()).isEqualTo(429);
        assertThat(json(unknownLocked.body()).getString("detail")).isEqualTo(json(locked.body()).getString("detail"));

        // the lock holds for this address only: the owner signs in from another, which ends the account's run of failures
        assertThat(rawLogin(InetAddress.getByName("127.0.0.12"), email, password, null).status()).isEqualTo(200);
        assertThat(login(email, password).statusCode()).as("still locked here").isEqualTo(429);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT failed_login_attempts, locked_until FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isZero();
                assertThat(row.getTimestamp(2)).isNull();
            }
        }
    }

    @Test
    void twentyFailuresFromManyAddressesLockAnAccountEverywhereKnownOrNot() throws Exception {
        String email = "spread-" + UUID.randomUUID() + "@example.com";
        String password = "Correct-Horse-42!";
        TestUsers.insertActive(email, password, "Lock", "Out");
        String unknown = "ghost-" + UUID.randomUUID() + "@example.com";
        for (int address = 20; address < 24; address++) {
            InetAddress source = InetAddress.getByName("127.0.0." + address);
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThat(rawLogin(source, email, "wrong-" + attempt, null).status()).isEqualTo(401);
                assertThat(rawLogin(source, unknown, "wrong-" + attempt, null).status()).isEqualTo(401);
            }
        }
        InetAddress fresh = InetAddress.getByName("127.0.0.24");
        RawResponse locked = rawLogin(fresh, email, password, null);
        assertThat(locked.status()).isEqualTo(429);
        RawResponse unknownLocked = rawLogin(fresh, unknown, "wrong", null);
        assertThat(unknownLocked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("too many failed sign-in attempts for this account");
        assertThat(unknownLocked.body()).contains("too many failed sign-in attempts for this account");
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT failed_login_attempts, locked_until FROM users WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(20);
                assertThat(row.getTimestamp(2).toInstant()).isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
            }
        }
    }

    @Test
    void xForwardedForNamesTheClientOnlyBehindATrustedProxy() throws Exception {
        // the test server trusts 127.0.0.1 as a proxy (arquillian.xml); 127.0.0.31 is an ordinary client
        String email = "proxied-" + UUID.randomUUID() + "@example.com";
        String password = "Correct-Horse-42!";
        TestUsers.insertActive(email, password, "Lock", "Out");
        InetAddress proxy = InetAddress.getByName("127.0.0.1");
        for (int attempt = 1; attempt <= 5; attempt++) {
            // what a client wrote itself stands left of what the proxy appended, and is ignored
            assertThat(rawLogin(proxy, email, "wrong", "203.0.113." + attempt + ", 198.51.100.7").status()).isEqualTo(401);
        }
        assertThat(rawLogin(proxy, email, password, "198.51.100.7").status()).as("locked for 198.51.100.7").isEqualTo(429);
        assertThat(rawLogin(proxy, email, password, "198.51.100.8").status()).as("another client behind the proxy").isEqualTo(200);
        String rows = TestEnvironment.awaitRows("SELECT ip_address, error_message FROM telemetryflow.audit_logs WHERE user_email = '" + email
                + "' AND error_message = 'wrong password; account now locked for this address' FORMAT TSV", 1);
        assertThat(rows.strip()).isEqualTo("198.51.100.7\twrong password; account now locked for this address");

        // from an address that is no trusted proxy the header is ignored: changing it does not escape the lock
        String other = "spoofer-" + UUID.randomUUID() + "@example.com";
        TestUsers.insertActive(other, password, "Lock", "Out");
        InetAddress client = InetAddress.getByName("127.0.0.31");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(rawLogin(client, other, "wrong", "198.51.100." + (100 + attempt)).status()).isEqualTo(401);
        }
        assertThat(rawLogin(client, other, password, "198.51.100.200").status()).isEqualTo(429);
    }

    @Test
    void tooManySignInsFromOneAddressAreThrottled() throws Exception {
        // the test server allows 200 per minute and address; this test signs in from its own loopback address
        InetAddress source = InetAddress.getByName("127.0.0.9");
        int throttled = 0;
        String detail = null;
        for (int i = 0; i < 450 && throttled == 0; i++) {
            RawResponse response = rawLogin(source, "flood-" + i + "-" + UUID.randomUUID() + "@example.com", "wrong", null);
            if (response.status() == 429) {
                throttled = i + 1;
                detail = response.body();
                assertThat(response.head()).containsIgnoringCase("Retry-After:");
            } else {
                assertThat(response.status()).isEqualTo(401);
            }
        }
        // fixed one-minute windows: the 201st attempt of a window is refused (later if the loop straddled two windows)
        assertThat(throttled).as("attempt that was throttled").isBetween(201, 450);
        assertThat(detail).contains("from this address");
        // other addresses are not affected
        assertThat(login(DemoUser.VIEWER.email, DemoUser.VIEWER.password).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() throws Exception {
        JsonObject first = json(login(DemoUser.DEVELOPER.email, DemoUser.DEVELOPER.password).body());
        HttpResponse<String> refreshed = refresh(first.getString("refreshToken"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonObject second = json(refreshed.body());
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        assertThat(second.getString("sessionId")).isEqualTo(first.getString("sessionId"));
        assertThat(call("GET", "/auth/me", second.getString("accessToken"), null).statusCode()).isEqualTo(200);

        // the used token again: refused, and the whole family with it
        assertThat(refresh(first.getString("refreshToken")).statusCode()).isEqualTo(401);
        assertThat(refresh(second.getString("refreshToken")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/auth/me", second.getString("accessToken"), null).statusCode()).as("access tokens of the revoked session").isEqualTo(401);
        assertThat(refresh("tfr_garbage").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutDeniesTheAccessTokenAndEndsTheSession() throws Exception {
        JsonObject session = json(login(DemoUser.VIEWER.email, DemoUser.VIEWER.password).body());
        String access = session.getString("accessToken");
        assertThat(call("GET", "/auth/me", access, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/auth/logout", access, null).statusCode()).isEqualTo(204);
        HttpResponse<String> after = call("GET", "/auth/me", access, null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(refresh(session.getString("refreshToken")).statusCode()).isEqualTo(401);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM revoked_access_tokens")) {
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void forgedAndStaleAccessTokensAreRefused() throws Exception {
        String genuine = DemoUser.ADMINISTRATOR.login();
        assertThat(call("GET", "/auth/me", genuine, null).statusCode()).isEqualTo(200);
        SignedJWT parsed = SignedJWT.parse(genuine);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        RSAKey platformKey = platformSigningKey();
        Instant now = Instant.now();

        // the platform's own key with each claim broken in turn
        JWTClaimsSet expired = new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(3600))).notBeforeTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(600))).build();
        JWTClaimsSet notYetValid = new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString())
                .notBeforeTime(Date.from(now.plusSeconds(600))).expirationTime(Date.from(now.plusSeconds(1200))).build();
        JWTClaimsSet wrongIssuer = new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString()).issuer("someone-else").build();
        JWTClaimsSet wrongAudience = new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString()).audience("another-api").build();
        JWTClaimsSet sane = new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString()).build();
        assertThat(status(sign(platformKey, sane))).as("control: a correctly signed token works").isEqualTo(200);
        assertThat(status(sign(platformKey, expired))).as("expired").isEqualTo(401);
        assertThat(status(sign(platformKey, notYetValid))).as("not yet valid").isEqualTo(401);
        assertThat(status(sign(platformKey, wrongIssuer))).as("wrong issuer").isEqualTo(401);
        assertThat(status(sign(platformKey, wrongAudience))).as("wrong audience").isEqualTo(401);

        // alg=none (no kid), and the platform's own key under no kid, an unknown kid or an unreadable header: each a 401
        // with a problem and a Bearer challenge, not an error
        assertUnauthorized(new PlainJWT(claims).serialize(), "alg none");
        assertUnauthorized(sign(platformKey, null, sane), "no kid");
        assertUnauthorized(sign(platformKey, "unknown-" + UUID.randomUUID(), sane), "unknown kid");
        String[] genuineParts = genuine.split("\\.");
        assertUnauthorized(Base64URL.encode("{\"alg\":\"RS256\",\"kid\":").toString() + "." + genuineParts[1] + "." + genuineParts[2],
                "unreadable header");
        assertUnauthorized(Base64URL.encode("{\"alg\":\"RS256\",\"kid\":{}}").toString() + "." + genuineParts[1] + "." + genuineParts[2],
                "a kid that is no string");
        // HS256 keyed with the public key (algorithm confusion)
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        confused.sign(new MACSigner(padTo32(platformKey.toRSAPublicKey().getEncoded())));
        assertThat(status(confused.serialize())).as("HS256 with the public key").isEqualTo(401);
        // another RSA key
        RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(platformKey.getKeyID()).generate();
        assertThat(status(sign(stranger, sane))).as("foreign key").isEqualTo(401);
        // tampered claims: promote the subject to another user, keep the signature
        JWTClaimsSet tampered = new JWTClaimsSet.Builder(claims).subject(UUID.randomUUID().toString())
                .claim("groups", List.of("Super Administrator")).build();
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(tampered.toString()) + "." + parts[2];
        assertThat(status(forged)).as("tampered payload").isEqualTo(401);
        // garbage and the MFA ticket audience
        assertUnauthorized("not.a.token", "garbage");
        assertThat(call("GET", "/auth/me", null, null).statusCode()).isEqualTo(401);
        // the genuine token still works
        assertThat(status(genuine)).isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static int status(String token) throws Exception {
        return call("GET", "/auth/me", token, null).statusCode();
    }

    private static HttpResponse<String> login(String email, String password) throws Exception {
        return call("POST", "/auth/login", null, Json.createObjectBuilder().add("email", email).add("password", password).build().toString());
    }

    private static HttpResponse<String> refresh(String token) throws Exception {
        return call("POST", "/auth/refresh", null, Json.createObjectBuilder().add("refreshToken", token).build().toString());
    }

    private static void assertUnauthorized(String token, String what) throws Exception {
        HttpResponse<String> response = call("GET", "/auth/me", token, null);
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        return sign(key, key.getKeyID(), claims);
    }

    private static String sign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static byte[] padTo32(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }

    /** The platform's ACTIVE private signing key, read the way a node reads it: from PostgreSQL, decrypted with the configured key. */
    private static RSAKey platformSigningKey() throws Exception {
        byte[] encryptionKey = Base64.getDecoder().decode(System.getProperty("tf.test.encryption-key"));
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT private_key_encrypted FROM signing_keys WHERE state = 'ACTIVE'")) {
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return RSAKey.parse(new String(new SecretBox(encryptionKey).decrypt(row.getString(1)), StandardCharsets.UTF_8));
            }
        }
    }

    private record RawResponse(int status, String head, String body) {
    }

    /**
     * A sign-in over a socket bound to {@code source}, so this test has a client address of its own;
     * with an {@code X-Forwarded-For} header unless {@code forwardedFor} is null.
     */
    private static RawResponse rawLogin(InetAddress source, String email, String password, String forwardedFor) throws IOException {
        String body = Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", 8180), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v2/auth/login HTTP/1.1\r\nHost: 127.0.0.1:8180\r\nContent-Type: application/json\r\n"
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, response.substring(split + 4));
        }
    }
}
