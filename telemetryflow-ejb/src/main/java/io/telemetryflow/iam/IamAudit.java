package io.telemetryflow.iam;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** DATA audit events for IAM changes, one call per change, recorded when the change commits. */
@ApplicationScoped
public class IamAudit {

    @Inject
    AuditTrail trail;

    /** {@code action} such as {@code user.create}; {@code resource} such as {@code users/<id>}. */
    public void changed(Caller caller, String action, String resource, UUID organizationId) {
        AuditEvent event = AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource(resource)
                .user(caller.userId(), caller.email(), null, null)
                .scope(organizationId, null, null)
                .session(caller.sessionId())
                .build();
        trail.recordOnCommit(event);
    }
}
