package io.telemetryflow.telemetry;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.FailureBudget;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.tenancy.TenantDirectory;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which tenant's telemetry a request reads: the tenant it names, or the caller's home tenant. The tenant must
 * be live, in the caller's organization (any, for a Super Administrator), and the caller must hold the read permission
 * there, organization-wide or through a role narrowed to its workspace or to it; otherwise the answer is the same 404
 * as for a tenant that does not exist. The placement it returns is what {@link TelemetrySql#forTenant} scopes by.
 *
 * <p>Each such 404 spends one of the user's {@code telemetryflow.query.refused-tenants-per-user-per-minute} (60, across
 * the cluster); a user with none left gets 429 for any tenant but their home tenant, before the lookup, so a loop of
 * made-up tenant ids costs PostgreSQL at most that many lookups a minute.
 */
@ApplicationScoped
public class TelemetryScopes {

    @Inject
    TenantDirectory tenants;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "telemetryflow.query.refused-tenants-per-user-per-minute", defaultValue = "60")
    long refusedTenantsPerMinute;

    private FailureBudget refusals;

    @PostConstruct
    void budget() {
        refusals = new FailureBudget(rateLimiter, "tenant-refusals", "reads of tenants you may not read or that do not exist",
                refusedTenantsPerMinute);
    }

    public TenantPlacement resolve(Caller caller, String requestedTenant, Permission needed) {
        UUID tenantId = tenantId(caller, requestedTenant);
        String user = caller.userId().toString();
        if (!tenantId.equals(caller.tenantId())) {
            refusals.requireLeft(user);
        }
        Optional<TenantPlacement> readable = readable(caller, tenants.find(tenantId), needed);
        if (readable.isEmpty()) {
            refusals.spend(user);
        }
        return readable.orElseThrow(() -> Rejected.notFound("tenant", tenantId));
    }

    /**
     * As {@link #resolve}, outside the budget of refusals: for the live tail's periodic check of tenants already
     * subscribed to, which the caller cannot drive faster, and which a user who spent the budget elsewhere must pass.
     */
    public TenantPlacement recheck(Caller caller, String requestedTenant, Permission needed) {
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
