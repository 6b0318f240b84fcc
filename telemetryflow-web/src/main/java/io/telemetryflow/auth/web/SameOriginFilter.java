package io.telemetryflow.auth.web;

import io.telemetryflow.platform.web.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a cross-site request to a {@link SameOriginOnly} endpoint (403, {@link SameOriginCheck}) before anything
 * else runs: before the access check and before the body is read, so a refused request changes nothing.
 */
@Provider
@SameOriginOnly
@Priority(Priorities.AUTHENTICATION)
public class SameOriginFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Context
    HttpServletRequest http;

    private SameOriginCheck check;

    @PostConstruct
    void parse() {
        check = new SameOriginCheck(publicUrl);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check.refusal(request.getHeaderString(SameOriginCheck.HEADER), request.getHeaderString("Origin"),
                        request.getHeaderString("Sec-Fetch-Site"), http.getScheme(), request.getHeaderString(HttpHeaders.HOST))
                .ifPresent(reason -> request.abortWith(Problem.of(Response.Status.FORBIDDEN, reason).toResponse()));
    }
}
