package io.telemetryflow.system;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * An OTLP/HTTP metrics receiver on 127.0.0.1:14318 for the whole test run (opened before Arquillian starts WildFly,
 * closed after it stops): the test server exports the platform's own metrics there every second (arquillian.xml),
 * and {@link #latest()} answers the last export. Registered in META-INF/services.
 */
public class SelfMetricsReceiver implements LauncherSessionListener {

    static final int PORT = 14318;
    private static final AtomicReference<ExportMetricsServiceRequest> LATEST = new AtomicReference<>();
    private static final AtomicLong EXPORTS = new AtomicLong();
    private static HttpServer server;

    static Optional<ExportMetricsServiceRequest> latest() {
        return Optional.ofNullable(LATEST.get());
    }

    /** How many exports have arrived so far. */
    static long exports() {
        return EXPORTS.get();
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + PORT + " for the platform's metrics", e);
        }
        server.createContext("/v1/metrics", exchange -> {
            try (InputStream raw = exchange.getRequestBody();
                 InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                         ? new GZIPInputStream(raw) : raw) {
                LATEST.set(ExportMetricsServiceRequest.parseFrom(body.readNBytes(16 * 1024 * 1024)));
                EXPORTS.incrementAndGet();
                byte[] response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
                exchange.getResponseBody().write(response);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop(0);
        }
    }
}
