package io.telemetryflow.telemetry;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.tenancy.TenantDirectory;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which tenant's telemetry a request reads: the tenant it names, or the caller's home tenant. The tenant must
 * be live, in the caller's organization (any, for a Super Administrator), and the caller must hold the read permission
 * there, organization-wide or through a role narrowed to its workspace or to it; otherwise the answer is the same 404
 * as for a tenant that does not exist. The placement it returns is what {@link TelemetrySql#forTenant} scopes by.
 */
@ApplicationScoped
public class TelemetryScopes {

    @Inject
    TenantDirectory tenants;

    public TenantPlacement resolve(Caller caller, String requestedTenant, Permission needed) {
        UUID tenantId = tenantId(caller, requestedTenant);
        return readable(caller, tenants.find(tenantId), needed).orElseThrow(() -> Rejected.notFound("tenant", tenantId));
    }

    static UUID tenantId(Caller caller, String requestedTenant) {
        if (requestedTenant == null || requestedTenant.isBlank()) {
            if (caller.tenantId() == null) {
                throw Rejected.invalid("tenantId", "tenantId is required: your account has no home tenant");
            }
            return caller.tenantId();
        }
        try {
            return UUID.fromString(requestedTenant.trim());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("tenantId", "tenantId must be a UUID");
        }
    }

    static Optional<TenantPlacement> readable(Caller caller, Optional<TenantPlacement> tenant, Permission needed) {
        return tenant.filter(placement -> caller.reaches(placement.organizationId())
                && (caller.superAdministrator() || caller.hasIn(needed, placement.workspaceId(), placement.tenantId())));
    }
}
