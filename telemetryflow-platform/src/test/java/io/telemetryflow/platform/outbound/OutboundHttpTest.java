package io.telemetryflow.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundHttpTest {

    private static final OutboundHttp.Limits LIMITS = new OutboundHttp.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(4), 1024);
    private static final SSLSocketFactory TLS = (SSLSocketFactory) SSLSocketFactory.getDefault();

    /** Fails the test if the client ever tries to connect: refusals must come before any connection. */
    private static final OutboundHttp.Connector NEVER = (address, timeout) -> {
        throw new AssertionError("connection attempted to " + address);
    };

    private final List<ServerSocket> servers = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.1", "::1", "fd00::1", "100.100.100.200", "0.0.0.0",
            "fd00:ec2::254", "::ffff:127.0.0.1", "192.168.0.10", "100.64.1.1", "224.0.0.1"})
    void refusesForbiddenAddressesWithoutConnecting(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        OutboundHttp client = new OutboundHttp(AllowedHosts.NONE, LIMITS, host -> new InetAddress[]{address}, NEVER, TLS);
        assertThatThrownBy(() -> client.send(post("http://hooks.example.com/x")))
                .isInstanceOf(OutboundRefused.class)
                .hasMessageContaining("hooks.example.com:80 resolves to " + address.getHostAddress())
                .hasMessageContaining("refused");
    }

    @Test
    void refusesIpLiteralUrlsWithoutConnecting() {
        OutboundHttp client = new OutboundHttp(AllowedHosts.NONE, LIMITS, InetAddress::getAllByName, NEVER, TLS);
        for (String url : List.of("http://127.0.0.1:8080/", "https://[::1]/hook", "http://[fd00::1]:9000", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/", "http://2130706433/", "http://[::ffff:7f00:1]/")) {
            assertThatThrownBy(() -> client.send(post(url))).as(url).isInstanceOf(OutboundRefused.class).hasMessageContaining("refused");
        }
    }

    @Test
    void aNameResolvingToOnePrivateAddressAmongPublicOnesIsRefused() throws Exception {
        InetAddress[] answer = {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1")};
        OutboundHttp client = new OutboundHttp(AllowedHosts.NONE, LIMITS, host -> answer, NEVER, TLS);
        assertThatThrownBy(() -> client.send(post("https://rebind.example/hook")))
                .isInstanceOf(OutboundRefused.class).hasMessageContaining("127.0.0.1, a loopback address");
    }

    @Test
    void connectsToExactlyTheAddressItCheckedAndResolvesOnce() throws Exception {
        ServerSocket server = server();
        CompletableFuture<String> received = answerOnce(server, "HTTP/1.1 204 No Content\r\n\r\n");
        InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
        AtomicInteger lookups = new AtomicInteger();
        List<InetSocketAddress> connected = new ArrayList<>();
        // a rebinding DNS would answer loopback on a second lookup: there must be none
        OutboundHttp.Resolver rebinding = host -> new InetAddress[]{lookups.getAndIncrement() == 0 ? publicAddress : InetAddress.getLoopbackAddress()};
        OutboundHttp.Connector recording = (address, timeout) -> {
            connected.add(address);
            Socket socket = new Socket();
            socket.connect(server.getLocalSocketAddress(), timeout);   // stands in for the public host
            return socket;
        };
        OutboundResponse response = new OutboundHttp(AllowedHosts.NONE, LIMITS, rebinding, recording, TLS)
                .send(post("http://hooks.example.com:8080/a/b?c=d"));
        assertThat(response.status()).isEqualTo(204);
        assertThat(lookups).hasValue(1);
        assertThat(connected).containsExactly(new InetSocketAddress(publicAddress, 8080));
        assertThat(received.get(5, TimeUnit.SECONDS)).startsWith("POST /a/b?c=d HTTP/1.1\r\nHost: hooks.example.com:8080\r\n");
    }

    @Test
    void theAllowListOpensAnAddressAndPortButNoOtherPort() throws Exception {
        ServerSocket server = server();
        CompletableFuture<String> received = answerOnce(server,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nX-Seen: yes\r\n\r\nok");
        int port = server.getLocalPort();
        OutboundHttp client = new OutboundHttp(AllowedHosts.parse("127.0.0.1:" + port), LIMITS, InetAddress::getAllByName,
                (address, timeout) -> {
                    Socket socket = new Socket();
                    socket.connect(address, timeout);
                    return socket;
                }, TLS);
        OutboundResponse response = client.send(OutboundRequest.postJson(URI.create("http://127.0.0.1:" + port + "/hook"),
                "{\"text\":\"hé\"}", Map.of("X-Test", "1")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(response.header("X-SEEN")).hasValue("yes");
        String request = received.get(5, TimeUnit.SECONDS);
        assertThat(request).contains("Content-Type: application/json\r\n", "X-Test: 1\r\n", "Content-Length: 14\r\n", "Connection: close\r\n")
                .endsWith("\r\n\r\n{\"text\":\"hé\"}");

        OutboundHttp otherPort = new OutboundHttp(AllowedHosts.parse("127.0.0.1:" + port), LIMITS, InetAddress::getAllByName, NEVER, TLS);
        assertThatThrownBy(() -> otherPort.send(post("http://127.0.0.1:" + (port == 65535 ? port - 1 : port + 1) + "/")))
                .isInstanceOf(OutboundRefused.class);
        OutboundHttp byName = new OutboundHttp(AllowedHosts.parse("receiver.test"), LIMITS,
                host -> new InetAddress[]{InetAddress.getLoopbackAddress()}, NEVER, TLS);
        assertThatThrownBy(() -> byName.send(post("http://other.test/"))).isInstanceOf(OutboundRefused.class);
    }

    @Test
    void aRedirectIsAFailureNamingItsLocationAndIsNotFollowed() throws Exception {
        ServerSocket server = server();
        ServerSocket target = server();
        answerOnce(server, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + target.getLocalPort() + "/internal\r\nContent-Length: 0\r\n\r\n");
        target.setSoTimeout(300);
        OutboundHttp client = allowing(server.getLocalPort(), target.getLocalPort());
        assertThatThrownBy(() -> client.send(post("http://127.0.0.1:" + server.getLocalPort() + "/")))
                .isInstanceOf(OutboundRefused.class)
                .hasMessageContaining("302 redirecting to http://127.0.0.1:" + target.getLocalPort() + "/internal")
                .hasMessageContaining("not followed");
        assertThatThrownBy(target::accept).as("the redirect target saw no connection").isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void readsChunkedAnswersAndCapsTheBody() throws Exception {
        ServerSocket server = server();
        answerOnce(server, "HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        OutboundResponse chunked = allowing(server.getLocalPort()).send(post("http://127.0.0.1:" + server.getLocalPort() + "/"));
        assertThat(chunked.status()).isEqualTo(500);
        assertThat(chunked.bodyText()).isEqualTo("hello world");
        assertThat(chunked.truncated()).isFalse();

        ServerSocket big = server();
        answerOnce(big, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
        OutboundResponse capped = allowing(big.getLocalPort()).send(post("http://127.0.0.1:" + big.getLocalPort() + "/"));
        assertThat(capped.body()).hasSize(1024);
        assertThat(capped.truncated()).isTrue();

        ServerSocket untilClose = server();
        answerOnce(untilClose, "HTTP/1.0 100 Continue\r\n\r\nHTTP/1.0 202 Accepted\r\n\r\nqueued");
        OutboundResponse interim = allowing(untilClose.getLocalPort()).send(post("http://127.0.0.1:" + untilClose.getLocalPort() + "/"));
        assertThat(interim.status()).isEqualTo(202);
        assertThat(interim.bodyText()).isEqualTo("queued");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws Exception {
        ServerSocket server = server();
        CompletableFuture.runAsync(() -> {
            try (Socket socket = server.accept()) {
                Thread.sleep(5000);
            } catch (Exception ignored) {
                // closed by the test
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> allowing(server.getLocalPort()).send(post("http://127.0.0.1:" + server.getLocalPort() + "/")))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void refusesOtherSchemesCredentialsInTheUrlAndHeaderInjection() {
        OutboundHttp client = new OutboundHttp(AllowedHosts.NONE, LIMITS, host -> {
            throw new AssertionError("no lookup for a refused URL");
        }, NEVER, TLS);
        assertThatThrownBy(() -> client.send(post("file:///etc/passwd"))).isInstanceOf(OutboundRefused.class).hasMessageContaining("'file'");
        assertThatThrownBy(() -> client.send(post("gopher://example.com/"))).isInstanceOf(OutboundRefused.class);
        assertThatThrownBy(() -> client.send(post("http://user:pw@example.com/"))).isInstanceOf(OutboundRefused.class)
                .hasMessageContaining("user-info");
        OutboundHttp resolving = new OutboundHttp(AllowedHosts.NONE, LIMITS, host -> new InetAddress[]{InetAddress.getByName("8.8.8.8")},
                NEVER, TLS);
        assertThatThrownBy(() -> resolving.send(OutboundRequest.postJson(URI.create("http://example.com/"), "{}",
                Map.of("X-Evil", "a\r\nHost: other")))).isInstanceOf(IllegalArgumentException.class);
    }

    private OutboundHttp allowing(int... ports) {
        StringBuilder list = new StringBuilder();
        for (int port : ports) {
            list.append("127.0.0.1:").append(port).append(',');
        }
        return new OutboundHttp(AllowedHosts.parse(list.toString()), LIMITS, InetAddress::getAllByName, (address, timeout) -> {
            Socket socket = new Socket();
            socket.connect(address, timeout);
            return socket;
        }, TLS);
    }

    private ServerSocket server() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        servers.add(server);
        return server;
    }

    /** Accepts one connection, reads the request (head and Content-Length body), answers {@code response} and closes. */
    private static CompletableFuture<String> answerOnce(ServerSocket server, String response) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                String request = readRequest(socket.getInputStream());
                socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                return request;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            bytes.write(c);
        }
        String head = bytes.toString(StandardCharsets.UTF_8);
        int length = head.lines().filter(l -> l.startsWith("Content-Length: ")).mapToInt(l -> Integer.parseInt(l.substring(16).strip()))
                .findFirst().orElse(0);
        bytes.write(in.readNBytes(length));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static OutboundRequest post(String url) {
        return OutboundRequest.postJson(URI.create(url), "{}", Map.of());
    }
}
