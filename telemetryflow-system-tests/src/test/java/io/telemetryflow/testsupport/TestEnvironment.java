package io.telemetryflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * Where the services of `./telemetryflow test` are: the managed WildFly runs with port offset 100
 * (HTTP 8180, OTLP 4418, management 10090); PostgreSQL and ClickHouse URLs come from system properties.
 */
public final class TestEnvironment {

    public static final String HTTP = "http://127.0.0.1:8180";
    public static final String OTLP = "http://127.0.0.1:4418";
    public static final String MANAGEMENT = "http://127.0.0.1:10090";

    private static final long RATE_LIMIT_WINDOW_MILLIS = 60_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestEnvironment() {
    }

    /** The EAR the build produced, exactly as users deploy it. */
    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("tf.test.ear"));
        return ShrinkWrap.create(ZipImporter.class, "telemetryflow.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    /** The ingest key the server bootstrapped for the default tenant (telemetryflow.bootstrap.api-key-file). */
    public record BootstrapKey(String keyId, String secret) {
    }

    public static BootstrapKey bootstrapKey() throws IOException {
        JsonObject key = json(Files.readString(Path.of(System.getProperty("tf.test.wildfly.data"), "bootstrap-api-key.json")));
        return new BootstrapKey(key.getString("apiKeyId"), key.getString("apiKeySecret"));
    }

    /** Organization, workspace and tenant id of the bootstrap key (the default tenancy), from PostgreSQL. */
    public static String[] bootstrapKeyTenancy() throws IOException, SQLException {
        try (Connection db = postgres();
             PreparedStatement query = db.prepareStatement(
                     "SELECT organization_id, workspace_id, tenant_id FROM api_keys WHERE key_id = ?")) {
            query.setString(1, bootstrapKey().keyId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("bootstrap key not stored");
                }
                return new String[]{row.getString(1), row.getString(2), row.getString(3)};
            }
        }
    }

    /** The management API's base URL. */
    public static final String API = HTTP + "/api/v2";

    /** The demo accounts the test server seeds (telemetryflow.demo-mode=true), as in the reference's "Default Credentials". */
    public enum DemoUser {
        SUPER_ADMINISTRATOR("super.administrator@telemetryflow.id", "SuperAdmin@123456"),
        ADMINISTRATOR("admin.telemetryflow@telemetryflow.id", "Admin@123456"),
        DEVELOPER("developer.telemetryflow@telemetryflow.id", "Developer@123456"),
        VIEWER("viewer.telemetryflow@telemetryflow.id", "Viewer@123456"),
        DEMO("demo.telemetryflow@telemetryflow.id", "Demo@123456");

        public final String email;
        public final String password;

        DemoUser(String email, String password) {
            this.email = email;
            this.password = password;
        }

        /** A fresh access token for this user. */
        public String login() throws IOException, InterruptedException {
            return TestEnvironment.login(email, password);
        }
    }

    /** Signs in and returns the access token; fails the test unless the sign-in succeeds. */
    public static String login(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = call("POST", "/auth/login", null,
                Json.createObjectBuilder().add("email", email).add("password", password).build().toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + email + " failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("accessToken");
    }

    /** A management API call: {@code path} below /api/v2, an optional bearer token and JSON body. */
    public static HttpResponse<String> call(String method, String path, String bearer, String jsonBody) throws IOException, InterruptedException {
        return call(method, path, bearer, jsonBody, new String[0]);
    }

    /** A management API call with more headers, as name and value pairs. */
    public static HttpResponse<String> call(String method, String path, String bearer, String jsonBody, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An empty OTLP/protobuf trace export to {@code otlp} with the key pair; the status code. */
    public static int ingest(String otlp, String keyId, String secret) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(otlp + "/v1/traces")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf")
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An OTLP/JSON export to {@code path} on the HTTP port with the key pair. */
    public static HttpResponse<String> postOtlpJson(String path, String json, BootstrapKey key) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(HTTP + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key-ID", key.keyId()).header("X-API-Key-Secret", key.secret())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The {@code google.rpc.Status} of an OTLP error answer that must be OTLP/JSON, as for a JSON request; fails unless
     * the Content-Type says so.
     */
    public static Status otlpJsonStatus(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Status.Builder status = Status.newBuilder();
        JsonFormat.parser().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(BadRequest.getDescriptor()).build())
                .merge(new String(response.body(), StandardCharsets.UTF_8), status);
        return status.build();
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    public static Connection postgres() throws SQLException {
        return DriverManager.getConnection(System.getProperty("tf.test.pg.url"),
                System.getProperty("tf.test.pg.user"), System.getProperty("tf.test.pg.password"));
    }

    public static String clickHouseHttp() {
        return System.getProperty("tf.test.ch.url").replace("jdbc:clickhouse:", "http:");
    }

    /** Runs server-config/clickhouse/clickhouse.sh against the test ClickHouse. */
    public static void clickHouse(String command) throws IOException, InterruptedException {
        URI http = URI.create(clickHouseHttp());
        ProcessBuilder builder = new ProcessBuilder("bash", System.getProperty("tf.test.ch.script"), command)
                .redirectErrorStream(true);
        builder.environment().put("TF_CH_HOME", System.getProperty("tf.test.ch.home"));
        builder.environment().put("TF_CH_HTTP_PORT", String.valueOf(http.getPort()));
        builder.environment().put("TF_CH_TCP_PORT", System.getProperty("tf.test.ch.tcp.port"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("clickhouse.sh " + command + " failed: " + output);
        }
    }

    /** Polls ClickHouse until the query returns at least {@code lines} rows (bounded), then returns them. */
    public static String awaitRows(String query, int lines) throws Exception {
        return Await.until("rows for " + query, Duration.ofSeconds(60), () -> post(clickHouseHttp(), query), response ->
                response.statusCode() == 200 && !response.body().isBlank() && response.body().strip().split("\n").length >= lines).body();
    }

    /**
     * Waits, if need be, until the platform's rate-limit window (the wall-clock minute: RateLimiter counts fixed windows
     * of {@code millis / 60 000} on this machine's clock) has at least {@code needed} left, and returns that window's
     * number. A burst sent then is counted in one window instead of being split by a reset.
     */
    public static long rateLimitWindowWithAtLeast(Duration needed) throws InterruptedException {
        long left = RATE_LIMIT_WINDOW_MILLIS - System.currentTimeMillis() % RATE_LIMIT_WINDOW_MILLIS;
        if (left < needed.toMillis()) {
            Thread.sleep(left + 100);
        }
        return rateLimitWindow();
    }

    /** The number of the current rate-limit window. */
    public static long rateLimitWindow() {
        return System.currentTimeMillis() / RATE_LIMIT_WINDOW_MILLIS;
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The pid of the test ClickHouse launcher, to kill it the hard way. */
    public static long clickHousePid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(System.getProperty("tf.test.ch.home"), "clickhouse.pid")).strip());
    }
}
