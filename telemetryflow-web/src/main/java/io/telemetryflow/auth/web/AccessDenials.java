package io.telemetryflow.auth.web;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.logging.Logger;

/** Records refused calls (AUTHZ DENIED) in the audit trail. */
@ApplicationScoped
public class AccessDenials {

    private static final Logger LOG = Logger.getLogger(AccessDenials.class.getName());

    public void record(Caller caller, Permission needed, ContainerRequestContext request) {
        LOG.fine(() -> caller.email() + " denied " + request.getMethod() + " " + request.getUriInfo().getPath() + " (needs " + needed + ")");
    }
}
