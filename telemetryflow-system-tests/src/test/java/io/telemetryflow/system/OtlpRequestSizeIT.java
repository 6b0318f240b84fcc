package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.telemetryflow.testsupport.Readiness;
import io.telemetryflow.testsupport.TestEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OTLP body limit (telemetryflow.ingest.max-body-bytes, 20 MiB by default, counted after decompression) is the only
 * size limit an OTLP client meets: just under and at it the request is processed, one byte over it the answer is a 413
 * with a {@code google.rpc.Status} in the request's encoding, on both listeners and the API alias, plain, gzip and
 * chunked. Before, the web listeners' own 10 MiB limit answered first with an empty 400, which exporters treat as
 * permanent. The bodies are valid requests that hold no items (JSON padded with white space, protobuf padded with an
 * unknown field), so nothing is stored. Every other OTLP error is encoded like its request too (401, 403, 400 and 415
 * here; 503 in IngestionBacklogIT, and the 429 and 503 bodies of both encodings in IngestResponseTest).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OtlpRequestSizeIT {

    private static final int LIMIT = 20 * 1024 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    enum Encoding {
        PROTOBUF("application/x-protobuf"), JSON("application/json");

        final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    enum Transfer { CONTENT_LENGTH, CHUNKED, GZIP }

    private static final Map<Encoding, Map<Integer, byte[]>> BODIES = new EnumMap<>(Encoding.class);
    private static TestEnvironment.BootstrapKey key;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeAll
    static void bodies() throws Exception {
        Readiness.awaitReady(Duration.ofSeconds(90));
        key = TestEnvironment.bootstrapKey();
        for (Encoding encoding : Encoding.values()) {
            Map<Integer, byte[]> bySize = new HashMap<>();
            for (int size : new int[] {LIMIT - 1, LIMIT, LIMIT + 1}) {
                bySize.put(size, encoding == Encoding.JSON ? paddedJson(size) : paddedProtobuf(size));
            }
            BODIES.put(encoding, bySize);
        }
    }

    @Test
    void theOtlpLimitIsTheOnlyLimit() throws Exception {
        for (String url : List.of(TestEnvironment.HTTP + "/v1/logs", TestEnvironment.OTLP + "/v1/logs", TestEnvironment.HTTP + "/api/v2/otlp/logs")) {
            for (Encoding encoding : Encoding.values()) {
                for (Transfer transfer : Transfer.values()) {
                    String combination = url + " " + encoding + " " + transfer;
                    for (int size : new int[] {LIMIT - 1, LIMIT}) {
                        HttpResponse<byte[]> accepted = send(url, encoding, transfer, BODIES.get(encoding).get(size));
                        assertThat(accepted.statusCode()).as("%s, %d bytes", combination, size).isEqualTo(200);
                        assertThat(accepted.headers().firstValue("Content-Type")).as(combination).hasValue(encoding.mediaType);
                        ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
                        if (encoding == Encoding.JSON) {
                            JsonFormat.parser().merge(new String(accepted.body(), StandardCharsets.UTF_8), answer);
                        } else {
                            answer.mergeFrom(accepted.body());
                        }
                        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).as(combination).isZero();
                    }
                    HttpResponse<byte[]> refused = send(url, encoding, transfer, BODIES.get(encoding).get(LIMIT + 1));
                    assertThat(refused.statusCode()).as(combination).isEqualTo(413);
                    assertThat(status(encoding, refused).getMessage()).as(combination).contains("larger than " + LIMIT + " bytes");
                }
            }
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnsweredBeforeTheBodyIsSent() throws Exception {
        for (String host : List.of(TestEnvironment.HTTP, TestEnvironment.OTLP)) {
            URI uri = URI.create(host);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(10_000);
                String head = "POST /v1/logs HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nContent-Type: application/json\r\n"
                        + "X-API-Key-ID: " + key.keyId() + "\r\nX-API-Key-Secret: " + key.secret() + "\r\n"
                        + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // not one byte of the body is sent: the answer comes from the declared length alone
                String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(response).as(host).isEqualTo("HTTP/1.1 413");
            }
        }
    }

    @Test
    void everyOtlpErrorIsEncodedLikeItsRequest() throws Exception {
        // a key that may write traces only: refused (403) on /v1/logs
        HttpResponse<String> created = TestEnvironment.call("POST", "/api-keys", TestEnvironment.DemoUser.DEVELOPER.login(),
                Json.createObjectBuilder().add("name", "traces-only-" + UUID.randomUUID())
                        .add("permissions", Json.createArrayBuilder().add("traces:write")).build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject tracesOnly = TestEnvironment.json(created.body());
        for (Encoding encoding : Encoding.values()) {
            byte[] empty = encoding == Encoding.JSON ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            HttpResponse<byte[]> unauthorized = post(encoding.mediaType, null, empty, key.keyId(), "tfs_" + "a".repeat(52));
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(status(encoding, unauthorized).getMessage()).contains("API key");

            HttpResponse<byte[]> forbidden = post(encoding.mediaType, null, empty,
                    tracesOnly.getJsonObject("apiKey").getString("keyId"), tracesOnly.getString("secret"));
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(status(encoding, forbidden).getMessage()).contains("logs:write");

            HttpResponse<byte[]> badEncoding = post(encoding.mediaType, "deflate", empty, key.keyId(), key.secret());
            assertThat(badEncoding.statusCode()).isEqualTo(415);
            assertThat(status(encoding, badEncoding).getMessage()).contains("deflate");

            byte[] garbage = encoding == Encoding.JSON ? "{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8) : new byte[] {0x0a, 0x7f, 0x01};
            HttpResponse<byte[]> bad = post(encoding.mediaType, null, garbage, key.keyId(), key.secret());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(status(encoding, bad).getMessage()).startsWith("invalid OTLP");
        }
        // a media type the server does not understand is answered in protobuf, the specification's default
        HttpResponse<byte[]> unknown = post("text/plain", null, "hello".getBytes(StandardCharsets.UTF_8), key.keyId(), key.secret());
        assertThat(unknown.statusCode()).isEqualTo(415);
        assertThat(status(Encoding.PROTOBUF, unknown).getMessage()).contains("text/plain");
    }

    @Test
    void theRestApiKeepsALimitOfItsOwn() throws Exception {
        byte[] large = ("{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[] {false, true}) {
            HttpRequest.BodyPublisher body = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))
                    : HttpRequest.BodyPublishers.ofByteArray(large);
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(TestEnvironment.API + "/auth/login"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("chunked: %s", chunked).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(TestEnvironment.json(response.body()).getString("detail")).contains("larger than 1048576 bytes");
        }
        // a small chunked body still reaches the resource, read from memory
        byte[] small = "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> login = CLIENT.send(HttpRequest.newBuilder(URI.create(TestEnvironment.API + "/auth/login"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<byte[]> send(String url, Encoding encoding, Transfer transfer, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", encoding.mediaType)
                .header("X-API-Key-ID", key.keyId()).header("X-API-Key-Secret", key.secret());
        switch (transfer) {
            case CONTENT_LENGTH -> request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
            case CHUNKED -> request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
            case GZIP -> request.header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(String contentType, String contentEncoding, byte[] body, String id, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEnvironment.OTLP + "/v1/logs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("X-API-Key-ID", id).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The response's google.rpc.Status, decoded as {@code encoding}: fails unless the body and Content-Type are that. */
    private static Status status(Encoding encoding, HttpResponse<byte[]> response) throws IOException {
        if (encoding == Encoding.JSON) {
            return TestEnvironment.otlpJsonStatus(response);
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue(encoding.mediaType);
        return Status.parseFrom(response.body());
    }

    /** An empty OTLP/JSON request of exactly {@code size} bytes: an object padded with white space. */
    private static byte[] paddedJson(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }

    /** An ExportLogsServiceRequest of exactly {@code size} bytes holding only an unknown field 15 (bytes), which parsers skip. */
    private static byte[] paddedProtobuf(int size) {
        int length = size - 1 - 4; // a one-byte tag, a four-byte length: right for payloads of 2 to 256 MiB
        assertThat(length).isBetween(1 << 21, (1 << 28) - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write((15 << 3) | 2);
        for (int value = length, i = 0; i < 4; i++, value >>>= 7) {
            out.write(i < 3 ? (value & 0x7f) | 0x80 : value & 0x7f);
        }
        out.writeBytes(new byte[length]);
        assertThat(out.size()).isEqualTo(size);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed); InputStream in = new ByteArrayInputStream(body)) {
            in.transferTo(gzip);
        }
        return compressed.toByteArray();
    }
}
