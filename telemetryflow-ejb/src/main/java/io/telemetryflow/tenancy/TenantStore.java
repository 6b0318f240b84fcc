package io.telemetryflow.tenancy;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** Reads tenants in PostgreSQL. */
@Stateless
public class TenantStore {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    /** Where the tenant sits, if it, its workspace and its organization are live (not soft-deleted). */
    public Optional<TenantPlacement> findLive(UUID tenantId) {
        return em.createQuery("""
                        SELECT NEW io.telemetryflow.tenancy.TenantPlacement(w.organizationId, t.workspaceId, t.id)
                        FROM Tenant t, Workspace w, Organization o
                        WHERE t.id = :tenant AND w.id = t.workspaceId AND o.id = w.organizationId
                          AND t.deletedAt IS NULL AND w.deletedAt IS NULL AND o.deletedAt IS NULL""", TenantPlacement.class)
                .setParameter("tenant", tenantId)
                .getResultStream().findFirst();
    }
}
