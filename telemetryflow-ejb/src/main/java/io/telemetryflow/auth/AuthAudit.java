package io.telemetryflow.auth;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.User;
import io.telemetryflow.iam.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * AUTH events of sign-in, refresh, MFA and sign-out. They describe attempts, so they are recorded at
 * once, whether or not the request's transaction commits.
 */
@ApplicationScoped
public class AuthAudit {

    @Inject
    AuditTrail trail;

    public void succeeded(String action, UserAccess user, LoginService.Client client, UUID sessionId) {
        trail.record(event(action, AuditEvent.Result.SUCCESS, client)
                .user(user.userId(), user.email(), user.firstName(), user.lastName())
                .scope(user.organizationId(), user.workspaceId(), user.tenantId())
                .session(sessionId == null ? null : sessionId.toString())
                .build());
    }

    /** A refused attempt; {@code user} is null when the email has no account (the presented email is kept). */
    public void failed(String action, String presentedEmail, User user, String reason, LoginService.Client client) {
        AuditEvent.Builder event = event(action, AuditEvent.Result.FAILURE, client).error(reason);
        if (user != null) {
            event.user(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName())
                    .scope(user.getOrganizationId(), user.getWorkspaceId(), user.getTenantId());
        } else {
            event.user(null, presentedEmail, null, null);
        }
        trail.record(event.build());
    }

    private static AuditEvent.Builder event(String action, AuditEvent.Result result, LoginService.Client client) {
        return AuditEvent.builder(AuditEvent.Type.AUTH, action, result)
                .resource("auth")
                .client(client.ipAddress(), client.userAgent())
                .metadata(Map.of());
    }
}
