package io.telemetryflow.tenancy;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/** Reads tenants in PostgreSQL. */
@Stateless
public class TenantStore {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    /**
     * Where the tenant sits, if it, its workspace and its organization are live (not soft-deleted), and whether any
     * of the three is inactive.
     */
    public TenantPlacement.Lookup lookup(UUID tenantId) {
        return em.createQuery("""
                        SELECT w.organizationId, t.workspaceId, t.id, t.active, w.active, o.active
                        FROM Tenant t, Workspace w, Organization o
                        WHERE t.id = :tenant AND w.id = t.workspaceId AND o.id = w.organizationId
                          AND t.deletedAt IS NULL AND w.deletedAt IS NULL AND o.deletedAt IS NULL""", Object[].class)
                .setParameter("tenant", tenantId)
                .getResultStream().findFirst()
                .map(row -> new TenantPlacement.Lookup(new TenantPlacement((UUID) row[0], (UUID) row[1], (UUID) row[2]),
                        !((Boolean) row[3] && (Boolean) row[4] && (Boolean) row[5])))
                .orElse(new TenantPlacement.Lookup(null, false));
    }
}
