package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-caller bound on telemetry reads (telemetryflow.query.max-concurrent-per-caller, 4 by default): with four of
 * a caller's searches under way (held open by bodies that have not finished arriving), the caller's next read is a 429
 * with Retry-After and a problem body, another caller's is answered, and once the four end the caller is served again.
 */
class ReadLimitsIT extends DeployedEar {

    private static final int PER_CALLER = 4;
    private static final String SEARCH = "/telemetry/logs/search";

    @Test
    void aCallerWithItsReadsUnderWayGetsA429AndOthersDoNot() throws Exception {
        String viewer = DemoUser.VIEWER.login();
        String developer = DemoUser.DEVELOPER.login();

        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CALLER; i++) {
                held.add(startHeldSearch(viewer));
            }
            // with four searches held, the caller's next read is refused
            HttpResponse<String> refused = TestEnvironment.call("POST", SEARCH, viewer, "{}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(TestEnvironment.json(refused.body()).getString("detail")).contains("4 telemetry queries running already");

            // another caller is not held back
            assertThat(TestEnvironment.call("POST", SEARCH, developer, "{}").statusCode()).isEqualTo(200);

            for (Socket socket : held) {
                finish(socket);
            }
            for (Socket socket : held) {
                assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // the slots come back as the held searches end (just after their answers)
        int status = 0;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); status != 200 && System.nanoTime() < deadline; ) {
            status = TestEnvironment.call("POST", SEARCH, viewer, "{}").statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    /**
     * A log search whose two-byte body has only its first byte sent: the server holds it until the second comes. An
     * earlier request of the caller gives its slot back just after its answer, so a search that is answered at once
     * (a 429 from that overlap) is replaced by another.
     */
    private static Socket startHeldSearch(String bearer) throws IOException {
        URI uri = URI.create(TestEnvironment.HTTP);
        for (int attempt = 0; attempt < 20; attempt++) {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            String head = "POST /api/v2" + SEARCH + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nAuthorization: Bearer " + bearer
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: 2\r\n\r\n{";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(500);
            try {
                int first = socket.getInputStream().read();
                socket.close();
                assertThat(first).as("a held search is answered only when refused").isNotEqualTo(-1);
            } catch (SocketTimeoutException held) {
                socket.setSoTimeout(30_000);
                return socket;
            }
        }
        throw new AssertionError("no search of the caller could be held open in 20 attempts");
    }

    private static void finish(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write('}');
        out.flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
