package io.telemetryflow.ingest.web;

import io.telemetryflow.ingest.CorsPolicy;
import io.telemetryflow.ingest.IngestResponse;
import io.telemetryflow.ingest.OtlpIngestion;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.http.ClientAddresses;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OTLP/HTTP receiver at the specification's paths and our API aliases. A servlet rather than a
 * JAX-RS resource because OTLP fixes the paths outside /api/v2 and every status, header and body
 * byte, and JAX-RS content negotiation would answer some of them (415, 406) in its own format.
 * All logic is in {@link OtlpIngestion}; this class only moves bytes and headers.
 */
@WebServlet(urlPatterns = {"/v1/traces", "/v1/metrics", "/v1/logs",
        "/api/v2/otlp/traces", "/api/v2/otlp/metrics", "/api/v2/otlp/logs"})
public class OtlpServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(OtlpServlet.class.getName());

    @Inject
    OtlpIngestion ingestion;

    @Inject
    ClientAddresses clientAddresses;

    /** Browser origins allowed to send OTLP, comma separated; none by default. */
    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.cors.allowed-origins")
    Optional<String> allowedOrigins;

    private CorsPolicy cors;

    @Override
    public void init() {
        cors = CorsPolicy.of(allowedOrigins.orElse(""));
    }

    /** CORS preflight of browser exporters: 204 with the allowed methods and headers, or 403 for other origins. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        Optional<Map<String, String>> allowed = cors.preflight(request.getHeader("Origin"));
        allowed.ifPresent(headers -> headers.forEach(response::setHeader));
        response.setStatus(allowed.isPresent() ? 204 : 403);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OtlpSignal signal = signalOf(request.getServletPath());
        cors.responseHeaders(request.getHeader("Origin")).forEach(response::setHeader);
        IngestResponse answer;
        try {
            answer = ingestion.ingest(signal, request.getContentType(), request.getHeader("Content-Encoding"),
                    request.getContentLengthLong(), clientAddresses.of(request),
                    request.getHeader("X-API-Key-ID"), request.getHeader("X-API-Key-Secret"), request.getInputStream());
        } catch (EJBException e) {
            // the broker or database failed (not the client): a retryable 503, as OTLP clients expect
            LOG.log(Level.WARNING, "OTLP " + signal + " request could not be queued", e);
            answer = IngestResponse.unavailable(request.getContentType(), 5);
        }
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        if (answer.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", answer.retryAfterSeconds().toString());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private static OtlpSignal signalOf(String path) {
        if (path.endsWith("/traces")) {
            return OtlpSignal.TRACES;
        }
        return path.endsWith("/metrics") ? OtlpSignal.METRICS : OtlpSignal.LOGS;
    }
}
