package io.telemetryflow.auth.web;

import io.telemetryflow.auth.AccessTokenCallers;
import io.telemetryflow.auth.TokenIssuer;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.web.AccessDenials;
import io.telemetryflow.iam.web.AccessRule;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import io.telemetryflow.platform.web.Problem;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one place where the management API decides who may call what. Every resource method carries
 * exactly one rule: {@link Anonymous}, {@link Authenticated} or {@link RequiresPermission}; a method
 * without one is refused (fail closed) and fails the authorization-matrix test. The access token's
 * key ({@code kid}), signature, issuer, audience and lifetime are verified here by {@link TokenIssuer}; then
 * {@link AccessTokenCallers} checks the token and its session against the deny list (logout, revoked sessions) and
 * loads the user's current status and permissions, so a deactivated user or a revoked role stops working at once.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessControlFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AccessControlFilter.class.getName());

    /** Rules read once per resource method (they are annotations: fixed for the deployment's life). */
    private static final Map<Method, AccessRule> RULES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    CurrentAccessToken currentToken;

    @Inject
    TokenIssuer tokens;

    @Inject
    AccessTokenCallers callers;

    @Inject
    AccessDenials denials;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;   // no matching resource: the 404 mapper answers
        }
        AccessRule rule = RULES.computeIfAbsent(method, AccessRule::of);
        if (rule.anonymous()) {
            return;
        }
        if (rule.missing()) {
            LOG.severe(() -> "Endpoint " + method + " has no access rule; refusing every call");
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "this endpoint has no access rule").toResponse());
            return;
        }
        Optional<TokenIssuer.AccessToken> token = BearerToken.of(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(tokens::readAccessToken);
        Optional<Caller> caller = token.flatMap(t -> callers.caller(t.tokenId(), t.sessionId(), t.subject()));
        if (caller.isEmpty()) {
            request.abortWith(unauthorized());
            return;
        }
        Optional<Permission> needed = rule.permission();
        if (!rule.admits(caller.get())) {
            denials.record(caller.get(), needed.get(), request);
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "this needs the permission " + needed.get()).toResponse());
            return;
        }
        currentCaller.set(caller.get());
        currentToken.set(token.get());
    }

    private static Response unauthorized() {
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, "a valid access token is required (Authorization: Bearer <token>)").toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"telemetryflow\"").build();
    }
}
