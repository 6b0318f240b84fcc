package io.telemetryflow.auth;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** AUTH audit events about a user's own credentials: MFA, password, email verification. */
@ApplicationScoped
public class AccountAudit {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /** After the change is flushed, so a change that cannot be stored is not audited as done. */
    public void succeeded(User user, String action, String sessionId) {
        em.flush();
        record(user, action, AuditEvent.Result.SUCCESS, null, sessionId);
    }

    /** Kept even though the caller's transaction then rolls back. */
    public void failed(User user, String action, String reason, String sessionId) {
        record(user, action, AuditEvent.Result.FAILURE, reason, sessionId);
    }

    private void record(User user, String action, AuditEvent.Result result, String error, String sessionId) {
        trail.record(AuditEvent.builder(AuditEvent.Type.AUTH, action, result)
                .resource("users/" + user.getId())
                .error(error)
                .user(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName())
                .scope(user.getOrganizationId(), user.getWorkspaceId(), user.getTenantId())
                .session(sessionId)
                .build());
    }
}
