package io.telemetryflow.iam.web;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.http.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.logging.Logger;

/** Records refused calls (AUTHZ DENIED) in the audit trail. */
@ApplicationScoped
public class AccessDenials {

    private static final Logger LOG = Logger.getLogger(AccessDenials.class.getName());

    @Inject
    AuditTrail audit;

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    ClientAddresses clientAddresses;

    public void record(Caller caller, Permission needed, ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        LOG.fine(() -> caller.email() + " denied " + request.getMethod() + " " + path + " (needs " + needed + ")");
        audit.record(event(caller, needed, request.getMethod(), path, clientAddresses.of(servletRequest),
                request.getHeaderString(HttpHeaders.USER_AGENT)));
    }

    /** The audit row of one refusal: resource = request path, action = HTTP method and the permission it needed. */
    static AuditEvent event(Caller caller, Permission needed, String method, String path, String ipAddress, String userAgent) {
        return AuditEvent.builder(AuditEvent.Type.AUTHZ, method + " " + needed, AuditEvent.Result.DENIED)
                .resource(path)
                .error("missing permission " + needed)
                .user(caller.userId(), caller.email(), null, null)
                .scope(caller.organizationId(), caller.workspaceId(), caller.tenantId())
                .session(caller.sessionId())
                .client(ipAddress, userAgent)
                .metadata(Map.of("permission", needed.toString(), "method", method))
                .build();
    }
}
