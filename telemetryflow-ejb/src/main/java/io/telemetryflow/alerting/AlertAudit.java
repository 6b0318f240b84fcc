package io.telemetryflow.alerting;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** DATA audit events of alerting changes (rules, acknowledgements), recorded when the change commits. */
@ApplicationScoped
public class AlertAudit {

    @Inject
    AuditTrail trail;

    void changed(Caller caller, String action, String resource, TenantPlacement tenant, Map<String, String> metadata) {
        trail.recordOnCommit(AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource(resource)
                .user(caller.userId(), caller.email(), null, null)
                .scope(tenant.organizationId(), tenant.workspaceId(), tenant.tenantId())
                .session(caller.sessionId())
                .metadata(metadata)
                .build());
    }
}
