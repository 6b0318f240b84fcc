package io.telemetryflow.telemetry.web;

import io.telemetryflow.platform.http.ClientAddresses;
import io.telemetryflow.platform.http.ConsoleOrigins;
import io.telemetryflow.platform.web.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a live-tail handshake needs from the servlet request, before the WebSocket container takes it over (the
 * container's own filter runs after the application's, on WildFly and Payara alike):
 * <ul>
 * <li>the {@code Origin}: a page of a site other than the console's ({@link ConsoleOrigins}) gets 403 here. Not in
 * {@code Configurator.checkOrigin}: on WildFly (Undertow 2.3) a refusal there only makes the handshake not match,
 * and the request then falls through to the servlets (a 404 that does not say why);</li>
 * <li>the client's address, trusted-proxy aware ({@link ClientAddresses}), which the WebSocket API does not expose:
 * it is handed to {@link LiveTailHandshake#modifyHandshake} on this thread, where the container runs the handshake
 * before this filter returns, and from there to the socket's user properties.</li>
 * </ul>
 */
@WebFilter("/ws/telemetry")
public class LiveTailHandshakeFilter extends HttpFilter {

    private static final ThreadLocal<String> CLIENT_ADDRESS = new ThreadLocal<>();

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "telemetryflow.console.allowed-origins")
    Optional<String> allowedOrigins;

    private ConsoleOrigins origins;

    @PostConstruct
    void parse() {
        origins = ConsoleOrigins.of(publicUrl, allowedOrigins.orElse(""));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"))) {
            refuse(response);
            return;
        }
        CLIENT_ADDRESS.set(clientAddresses.of(request));
        try {
            chain.doFilter(request, response);
        } finally {
            CLIENT_ADDRESS.remove();
        }
    }

    /** The client address of the handshake this thread is running, if it passed through this filter. */
    static Optional<String> clientAddress() {
        return Optional.ofNullable(CLIENT_ADDRESS.get());
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        Problem.of(403, "this origin may not open the live tail (telemetryflow.console.allowed-origins)", null).writeTo(response);
    }
}
