package io.telemetryflow.iam;

import io.telemetryflow.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * DATA audit events for IAM changes, one call per change. The event is complete here; handing it to
 * the audit trail (io.telemetryflow.audit.AuditTrail, another branch) replaces the log line below.
 */
@ApplicationScoped
public class IamAudit {

    private static final Logger LOG = Logger.getLogger(IamAudit.class.getName());

    /** {@code action} such as {@code user.create}; {@code resource} such as {@code users/<id>}. */
    public void changed(Caller caller, String action, String resource, UUID organizationId) {
        AuditEvent event = AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource(resource)
                .user(caller.userId(), caller.email(), null, null)
                .scope(organizationId, null, null)
                .session(caller.sessionId())
                .build();
        LOG.fine(() -> "audit " + event.action() + " " + event.resource() + " by " + caller.email());
    }
}
