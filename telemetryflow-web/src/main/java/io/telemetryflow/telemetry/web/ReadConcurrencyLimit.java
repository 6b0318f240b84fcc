package io.telemetryflow.telemetry.web;

import io.telemetryflow.auth.TokenIssuer;
import io.telemetryflow.auth.web.BearerToken;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.web.Problem;
import io.telemetryflow.telemetry.ReadAdmission;
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
 * How many telemetry and audit reads one signed-in caller may have under way at once on this node
 * ({@code telemetryflow.query.max-concurrent-per-caller}); one more is a 429 with Retry-After before any work. The tenant's
 * bound on ClickHouse queries is the other half ({@code TelemetryQueries}). The caller is the subject of a valid access
 * token (checked here too, because this filter runs before the JAX-RS one that signs the caller in; a forged subject
 * must not use up someone else's slots). A request without one passes on, to be refused by the endpoint.
 */
@WebFilter({"/api/v2/telemetry/*", "/api/v2/audit/*"})
public class ReadConcurrencyLimit extends HttpFilter {

    @Inject
    @ConfigProperty(name = "telemetryflow.query.max-concurrent-per-caller")
    int perCaller;

    @Inject
    TokenIssuer tokens;

    private ReadAdmission callers;

    @PostConstruct
    void createAdmission() {
        callers = new ReadAdmission(perCaller, "you have");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> caller = BearerToken.of(request.getHeader("Authorization")).flatMap(tokens::readAccessToken)
                .map(TokenIssuer.AccessToken::subject);
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ReadAdmission.Slot slot;
        try {
            slot = callers.enter(caller.get());
        } catch (Rejected refused) {
            response.setHeader("Retry-After", Integer.toString(refused.retryAfterSeconds()));
            Problem.of(refused.reason().status(), refused.getMessage(), null).writeTo(response);
            return;
        }
        try (slot) {
            chain.doFilter(request, response);
        }
    }
}
