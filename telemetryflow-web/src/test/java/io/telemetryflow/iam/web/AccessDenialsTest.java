package io.telemetryflow.iam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessDenialsTest {

    @Test
    void aRefusalIsAnAuthzDeniedEventWithWhoWhereAndWhatWasMissing() {
        UUID user = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Caller viewer = new Caller(user, "viewer@telemetryflow.id", organization, workspace, tenant, Set.of("Viewer"),
                Set.of(Permission.parse("metrics:read")), false, "sid-7");

        AuditEvent event = AccessDenials.event(viewer, Permission.parse("audit:read"), "GET", "/api/v2/audit/logs", "10.1.2.3", "curl/8");

        assertThat(event.type()).isEqualTo(AuditEvent.Type.AUTHZ);
        assertThat(event.result()).isEqualTo(AuditEvent.Result.DENIED);
        assertThat(event.action()).isEqualTo("GET audit:read");
        assertThat(event.resource()).isEqualTo("/api/v2/audit/logs");
        assertThat(event.userId()).isEqualTo(user.toString());
        assertThat(event.userEmail()).isEqualTo("viewer@telemetryflow.id");
        assertThat(event.organizationId()).isEqualTo(organization.toString());
        assertThat(event.workspaceId()).isEqualTo(workspace.toString());
        assertThat(event.tenantId()).isEqualTo(tenant.toString());
        assertThat(event.sessionId()).isEqualTo("sid-7");
        assertThat(event.ipAddress()).isEqualTo("10.1.2.3");
        assertThat(event.userAgent()).isEqualTo("curl/8");
        assertThat(event.errorMessage()).contains("audit:read");
        assertThat(event.metadata()).containsEntry("permission", "audit:read").containsEntry("method", "GET");
    }
}
