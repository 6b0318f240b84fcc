package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.system.TestEnvironment.DemoUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-caller bound on telemetry reads (telemetryflow.query.max-concurrent-per-caller, 4 by default): with four of
 * a caller's searches under way (held open by bodies that have not finished arriving), the caller's next read is a 429
 * with Retry-After and a problem body, another caller's is answered, and once the four end the caller is served again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadLimitsIT {

    private static final int PER_CALLER = 4;
    private static final String SEARCH = "/telemetry/logs/search";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeEach
    void ready() throws Exception {
        PlatformDeploymentIT.awaitReady(Duration.ofSeconds(90));
    }

    @Test
    void aCallerWithItsReadsUnderWayGetsA429AndOthersDoNot() throws Exception {
        String viewer = DemoUser.VIEWER.login();
        String developer = DemoUser.DEVELOPER.login();
        assertThat(TestEnvironment.call("POST", SEARCH, viewer, "{}").statusCode()).isEqualTo(200);

        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CALLER; i++) {
                held.add(startSearch(viewer));
            }
            // the held searches enter the server as their headers arrive; the next one is refused once all four have
            HttpResponse<String> refused = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> next = TestEnvironment.call("POST", SEARCH, viewer, "{}");
                if (next.statusCode() == 429) {
                    refused = next;
                    break;
                }
                assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
                Thread.sleep(50);
            }
            assertThat(refused).as("a fifth concurrent read of the caller is refused").isNotNull();
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
        assertThat(TestEnvironment.call("POST", SEARCH, viewer, "{}").statusCode()).isEqualTo(200);
    }

    /** A log search whose two-byte body has only its first byte sent: the server holds it until the second comes. */
    private static Socket startSearch(String bearer) throws IOException {
        URI uri = URI.create(TestEnvironment.HTTP);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        String head = "POST /api/v2" + SEARCH + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: 2\r\n\r\n{";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
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
