package io.telemetryflow.platform.outbound;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP client for requests the platform sends to addresses users configure (notification channels and their
 * "send test"). It resolves the host itself, checks every address against {@link AddressPolicy} (unless the
 * operator's {@link AllowedHosts} opens it) and then connects to exactly the address it checked: there is no second
 * lookup a DNS-rebinding attacker could answer differently. TLS runs over that socket with SNI and certificate
 * checks against the host name. Redirects are never followed (a 3xx is a {@link OutboundRefused} naming the
 * Location); connect, read and total time are bounded; the response body is read up to a cap. HTTP/1.1 with
 * {@code Connection: close}: one request per connection, which is all a notification needs.
 */
public final class OutboundHttp {

    /** Resolves a host name to its addresses (the system resolver in production; a fixed answer in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Opens a TCP connection to an already checked address. */
    @FunctionalInterface
    public interface Connector {
        Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    public record Limits(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxResponseBytes) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 64 * 1024);
    }

    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

    private final AllowedHosts allowed;
    private final Limits limits;
    private final Resolver resolver;
    private final Connector connector;
    private final SSLSocketFactory tls;

    public OutboundHttp(AllowedHosts allowed, Limits limits) {
        this(allowed, limits, InetAddress::getAllByName, OutboundHttp::plainSocket, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    OutboundHttp(AllowedHosts allowed, Limits limits, Resolver resolver, Connector connector, SSLSocketFactory tls) {
        this.allowed = allowed;
        this.limits = limits;
        this.resolver = resolver;
        this.connector = connector;
        this.tls = tls;
    }

    /**
     * Sends the request and returns the answer, whatever its status except a redirect.
     *
     * @throws OutboundRefused the target or the answer is refused by policy (retrying changes nothing)
     * @throws IOException the connection failed or timed out (a later try may succeed)
     */
    public OutboundResponse send(OutboundRequest request) throws IOException {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        Target target = Target.of(request);
        byte[] head = head(request, target);
        List<InetAddress> addresses = checkedAddresses(target);
        try (Socket socket = open(target, addresses, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(request.body());
            out.flush();
            OutboundResponse response = new ResponseReader(new DeadlineInput(socket, deadline, limits.readTimeout()), limits.maxResponseBytes())
                    .read(request.method());
            if (response.status() >= 300 && response.status() < 400 && response.status() != 304) {
                String location = response.header("location").map(OutboundHttp::shorten).orElse("(no Location header)");
                throw new OutboundRefused(target.display() + " answered " + response.status() + " redirecting to " + location
                        + "; redirects are not followed");
            }
            return response;
        }
    }

    /** Every address the host resolves to, each allowed; any refused one refuses the request. */
    private List<InetAddress> checkedAddresses(Target target) throws IOException {
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve " + target.host());
        }
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException("cannot resolve " + target.host());
        }
        boolean nameAllowed = allowed.allowsName(target.host(), target.port());
        List<InetAddress> addresses = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (!nameAllowed && !allowed.allowsAddress(address, target.port())) {
                var refusal = AddressPolicy.refusal(address);
                if (refusal.isPresent()) {
                    throw new OutboundRefused(target.display() + " resolves to " + address.getHostAddress() + ", " + refusal.get()
                            + ": refused (telemetryflow.outbound.allowed-hosts can open a host)");
                }
            }
            addresses.add(address);
        }
        return addresses;
    }

    private Socket open(Target target, List<InetAddress> addresses, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int timeout = (int) Math.max(1, Math.min(limits.connectTimeout().toMillis(), remainingMillis(deadline)));
            Socket socket = null;
            try {
                socket = connector.connect(new InetSocketAddress(address, target.port()), timeout);
                return target.https() ? secure(socket, target, deadline) : socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new IOException("cannot connect to " + target.display() + ": " + (last == null ? "no address" : last.getMessage()), last);
    }

    private Socket secure(Socket plain, Target target, long deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.literal()) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) Math.max(1, Math.min(limits.readTimeout().toMillis(), remainingMillis(deadline))));
        socket.startHandshake();
        return socket;
    }

    private static byte[] head(OutboundRequest request, Target target) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(target.requestTarget()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.hostHeader()).append("\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header name not allowed: " + name);
            }
            if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + name + " has a line break");
            }
            userAgent |= name.equalsIgnoreCase("user-agent");
            head.append(name).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!userAgent) {
            head.append("User-Agent: TelemetryFlow\r\n");
        }
        head.append("Content-Length: ").append(request.body().length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Socket plainSocket(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket socket = new Socket(Proxy.NO_PROXY);   // a configured SOCKS proxy would resolve and connect on its own
        try {
            socket.connect(address, timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is given up anyway
            }
        }
    }

    static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The parts of the request URL the client acts on. */
    record Target(boolean https, String host, int port, boolean literal, String requestTarget) {

        static Target of(OutboundRequest request) throws OutboundRefused {
            if (!METHODS.contains(request.method())) {
                throw new IllegalArgumentException("method not supported: " + request.method());
            }
            URI uri = request.uri();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new OutboundRefused("only http and https URLs can be called, not '" + scheme + "'");
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new OutboundRefused("the URL has no host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new OutboundRefused("credentials in the URL are not sent; the URL must not have a user-info part");
            }
            boolean literal = host.startsWith("[");
            String bare = AllowedHosts.normalize(literal ? host.substring(1, host.length() - 1) : host);
            literal |= bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean https = scheme.equals("https");
            int port = uri.getPort() < 0 ? (https ? 443 : 80) : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Target(https, bare, port, literal, path + query);
        }

        String hostHeader() {
            String name = host.contains(":") ? "[" + host + "]" : host;
            return port == (https ? 443 : 80) ? name : name + ":" + port;
        }

        /** Host and port only: the rest of a URL may be a secret. */
        String display() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Bounds every read by the read timeout and by what is left of the total time. */
    private static final class DeadlineInput extends FilterInputStream {

        private final Socket socket;
        private final long deadline;
        private final Duration readTimeout;

        DeadlineInput(Socket socket, long deadline, Duration readTimeout) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
            this.readTimeout = readTimeout;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return super.read(buffer, offset, length);
        }

        private void arm() throws IOException {
            long left = remainingMillis(deadline);
            if (left <= 0) {
                throw new SocketTimeoutException("the receiver took longer than the total timeout");
            }
            socket.setSoTimeout((int) Math.min(readTimeout.toMillis(), left));
        }
    }

    /** Reads one HTTP/1.x response: status line, headers, and the body (Content-Length, chunked or to the end). */
    private static final class ResponseReader {

        private final InputStream in;
        private final int cap;
        private int headerBytes;

        ResponseReader(InputStream in, int cap) {
            this.in = new java.io.BufferedInputStream(in);
            this.cap = cap;
        }

        OutboundResponse read(String method) throws IOException {
            while (true) {
                int status = statusLine(line(true));
                Map<String, List<String>> headers = headers();
                if (status >= 100 && status < 200) {
                    continue;   // an interim answer (100 Continue, 103 Early Hints): the real one follows
                }
                if (method.equals("HEAD") || status == 204 || status == 304) {
                    return new OutboundResponse(status, headers, new byte[0], false);
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                boolean truncated;
                String encoding = first(headers, "transfer-encoding");
                String length = first(headers, "content-length");
                if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                    truncated = chunked(body);
                } else if (length != null) {
                    truncated = copy(body, parseLength(length));
                } else {
                    truncated = copy(body, Long.MAX_VALUE);
                }
                return new OutboundResponse(status, headers, body.toByteArray(), truncated);
            }
        }

        private int statusLine(String line) throws IOException {
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("the receiver did not answer HTTP/1.x: " + shorten(line));
            }
            return Integer.parseInt(parts[1]);
        }

        private Map<String, List<String>> headers() throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(true); !line.isEmpty(); line = line(true)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed response header: " + shorten(line));
                }
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            return headers;
        }

        /** Copies up to {@code length} bytes but no more than the cap; whether the body went beyond the cap. */
        private boolean copy(ByteArrayOutputStream body, long length) throws IOException {
            byte[] buffer = new byte[8192];
            long left = length;
            while (left > 0) {
                int room = cap - body.size();
                if (room <= 0) {
                    return true;
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(left, room)));
                if (n < 0) {
                    return false;
                }
                body.write(buffer, 0, n);
                left -= n;
            }
            return false;
        }

        private boolean chunked(ByteArrayOutputStream body) throws IOException {
            while (true) {
                String size = line(false);
                int semicolon = size.indexOf(';');
                long chunk;
                try {
                    chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + shorten(size));
                }
                if (chunk == 0) {
                    return false;   // trailers are not read: the connection closes anyway
                }
                if (copy(body, chunk) || body.size() >= cap) {
                    return true;
                }
                line(false);   // the CRLF after the chunk
            }
        }

        /** One line; the lines of the answer's head count together against the head limit, a chunk line alone. */
        private String line(boolean head) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("the receiver closed the connection mid-answer");
                }
                if ((head ? ++headerBytes : line.size()) > MAX_HEADER_BYTES) {
                    throw new IOException("the receiver's answer has a head or chunk line longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        private static String first(Map<String, List<String>> headers, String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        private static long parseLength(String text) throws IOException {
            try {
                long length = Long.parseLong(text.strip());
                if (length >= 0) {
                    return length;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IOException("malformed Content-Length: " + shorten(text));
        }
    }
}
