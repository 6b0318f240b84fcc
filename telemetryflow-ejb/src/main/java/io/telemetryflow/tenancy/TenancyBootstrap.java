package io.telemetryflow.tenancy;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes sure the default region, organization, workspace and production tenant exist. Safe when
 * several nodes start together: a transaction-scoped advisory lock lets one create and the others
 * find what it created.
 */
@Stateless
public class TenancyBootstrap {

    /** "tfboot" in ASCII. */
    private static final long LOCK_KEY = 0x7466_626f_6f74L;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    public DefaultTenancyIds ensureDefaults() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)::text").setParameter(1, LOCK_KEY).getSingleResult();
        Instant now = Instant.now();
        String actor = DefaultTenancy.SYSTEM_ACTOR;
        Region region = findOrCreate(
                () -> single(em.createQuery("SELECT r FROM Region r WHERE r.slug = :code AND r.deletedAt IS NULL", Region.class)
                        .setParameter("code", DefaultTenancy.REGION_CODE)),
                () -> new Region(new Slug(DefaultTenancy.REGION_CODE), DefaultTenancy.REGION_NAME, actor, now));
        Organization organization = findOrCreate(
                () -> single(em.createQuery("SELECT o FROM Organization o WHERE o.regionId = :parent AND o.slug = :slug AND o.deletedAt IS NULL", Organization.class)
                        .setParameter("parent", region.getId()).setParameter("slug", DefaultTenancy.ORGANIZATION_SLUG.value())),
                () -> new Organization(region.getId(), DefaultTenancy.ORGANIZATION_SLUG, DefaultTenancy.ORGANIZATION_NAME, actor, now));
        Workspace workspace = findOrCreate(
                () -> single(em.createQuery("SELECT w FROM Workspace w WHERE w.organizationId = :parent AND w.slug = :slug AND w.deletedAt IS NULL", Workspace.class)
                        .setParameter("parent", organization.getId()).setParameter("slug", DefaultTenancy.WORKSPACE_SLUG.value())),
                () -> new Workspace(organization.getId(), DefaultTenancy.WORKSPACE_SLUG, DefaultTenancy.WORKSPACE_NAME, actor, now));
        Tenant tenant = findOrCreate(
                () -> single(em.createQuery("SELECT t FROM Tenant t WHERE t.workspaceId = :parent AND t.slug = :slug AND t.deletedAt IS NULL", Tenant.class)
                        .setParameter("parent", workspace.getId()).setParameter("slug", DefaultTenancy.TENANT_SLUG.value())),
                () -> new Tenant(workspace.getId(), DefaultTenancy.TENANT_SLUG, DefaultTenancy.TENANT_NAME, actor, now));
        return new DefaultTenancyIds(region.getId(), organization.getId(), workspace.getId(), tenant.getId());
    }

    private <T> T findOrCreate(Supplier<Optional<T>> find, Supplier<T> create) {
        return find.get().orElseGet(() -> {
            T created = create.get();
            em.persist(created);
            return created;
        });
    }

    private static <T> Optional<T> single(jakarta.persistence.TypedQuery<T> query) {
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    public record DefaultTenancyIds(UUID regionId, UUID organizationId, UUID workspaceId, UUID tenantId) {
    }
}
