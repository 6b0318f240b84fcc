package io.telemetryflow.tenancy;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.IamAudit;
import io.telemetryflow.iam.IamScope;
import io.telemetryflow.iam.IamScopeRule.ListScope;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.Places;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.ListQuery;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.platform.transaction.AfterCommit;
import io.telemetryflow.tenancy.TenancyNodeChanged.Change;
import io.telemetryflow.tenancy.TenancyNodeChanged.Level;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Regions, organizations, workspaces and tenants through the management API. Every object is loaded
 * through {@link IamScope}; lists are restricted to the caller's organization. Slugs are fixed at
 * creation (keys, paths and telemetry may name them); names and the active flag change (an update without {@code active} keeps it). A node is
 * soft-deleted, and only when nothing live hangs below it (409 otherwise: delete or move those first). Deleting an
 * organization, workspace or tenant, or switching one on or off, is announced as {@link TenancyNodeChanged} in the same
 * transaction (API keys scoped there are revoked or re-checked).
 */
@ApplicationScoped
@Transactional
public class TenancyAdministration {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    IamScope scope;

    @Inject
    IamAudit audit;

    @Inject
    TenantDirectory tenants;

    @Inject
    Event<TenancyNodeChanged> changes;

    @Inject
    AfterCommit afterCommit;

    private static final Permission WORKSPACES_READ = Permission.parse("workspaces:read");
    private static final Permission WORKSPACES_UPDATE = Permission.parse("workspaces:update");
    private static final Permission TENANTS_CREATE = Permission.parse("tenants:create");
    private static final Permission TENANTS_READ = Permission.parse("tenants:read");
    private static final Permission TENANTS_UPDATE = Permission.parse("tenants:update");
    private static final Permission TENANTS_DELETE = Permission.parse("tenants:delete");

    public record NodeView(UUID id, String slug, String name, boolean active, UUID parentId, Instant createdAt, String createdBy,
                           Instant updatedAt, String updatedBy) {

        static NodeView of(TenancyNode node, UUID parentId) {
            return new NodeView(node.getId(), node.getSlug().value(), node.getName(), node.isActive(), parentId, node.getCreatedAt(),
                    node.getCreatedBy(), node.getUpdatedAt(), node.getUpdatedBy());
        }
    }

    public record TenantView(UUID id, String slug, String name, boolean active, UUID workspaceId, UUID organizationId,
                             Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    }

    // --- regions ---------------------------------------------------------------------------------

    public Page<NodeView> regions(Caller caller, String text, PageRequest page) {
        return ListQuery.of(Region.class, "FROM Region e", "e.deletedAt IS NULL")
                .contains("text", text, "e.name", "e.slug")
                .page(em, page, "e.slug, e.id").map(r -> NodeView.of(r, null));
    }

    public NodeView region(Caller caller, UUID id) {
        return NodeView.of(scope.require(caller, Region.class, id, "region"), null);
    }

    public NodeView createRegion(Caller caller, String code, String name) {
        Slug slug = slug(code, "code");
        if (count("SELECT COUNT(r) FROM Region r WHERE r.slug = :slug AND r.deletedAt IS NULL", "slug", slug.value()) > 0) {
            throw Rejected.conflict("code", "a region with code '" + slug + "' exists");
        }
        Region region = new Region(slug, name, caller.actor(), Instant.now());
        em.persist(region);
        audit.changed(caller, "region.create", "regions/" + region.getId(), null);
        return NodeView.of(region, null);
    }

    public NodeView updateRegion(Caller caller, UUID id, String name, Boolean active) {
        Region region = scope.require(caller, Region.class, id, "region");
        region.change(name, active == null ? region.isActive() : active, caller.actor(), Instant.now());
        audit.changed(caller, "region.update", "regions/" + id, null);
        return NodeView.of(region, null);
    }

    public void deleteRegion(Caller caller, UUID id) {
        Region region = scope.require(caller, Region.class, id, "region");
        requireEmpty(count("SELECT COUNT(o) FROM Organization o WHERE o.regionId = :id AND o.deletedAt IS NULL", "id", id), "region", "organizations");
        region.softDelete(caller.actor(), Instant.now());
        audit.changed(caller, "region.delete", "regions/" + id, null);
    }

    // --- organizations -----------------------------------------------------------------------------

    public Page<NodeView> organizations(Caller caller, UUID regionId, String text, PageRequest page) {
        ListScope lists = scope.lists(caller, null);
        return ListQuery.of(Organization.class, "FROM Organization e", "e.deletedAt IS NULL")
                .organization("e.id", lists.organization().orElse(null))
                .equal("e.regionId", "region", regionId)
                .contains("text", text, "e.name", "e.slug")
                .page(em, page, "e.name, e.id").map(o -> NodeView.of(o, o.getRegionId()));
    }

    public NodeView organization(Caller caller, UUID id) {
        Organization organization = scope.require(caller, Organization.class, id, "organization");
        return NodeView.of(organization, organization.getRegionId());
    }

    public NodeView createOrganization(Caller caller, UUID regionId, String slugText, String name) {
        Region region = scope.reference(caller, Region.class, regionId, "regionId", "region");
        Slug slug = slugText == null ? slugOf(name) : slug(slugText, "slug");
        if (count("SELECT COUNT(o) FROM Organization o WHERE o.regionId = :parent AND o.slug = :slug AND o.deletedAt IS NULL",
                "parent", region.getId(), "slug", slug.value()) > 0) {
            throw Rejected.conflict("slug", "an organization with slug '" + slug + "' exists in this region");
        }
        Organization organization = new Organization(region.getId(), slug, name, caller.actor(), Instant.now());
        em.persist(organization);
        audit.changed(caller, "organization.create", "organizations/" + organization.getId(), organization.getId());
        return NodeView.of(organization, region.getId());
    }

    public NodeView updateOrganization(Caller caller, UUID id, String name, Boolean active) {
        Organization organization = scope.require(caller, Organization.class, id, "organization");
        boolean wasActive = organization.isActive();
        organization.change(name, active == null ? wasActive : active, caller.actor(), Instant.now());
        announceIfSwitched(caller, Level.ORGANIZATION, organization, wasActive);
        audit.changed(caller, "organization.update", "organizations/" + id, id);
        return NodeView.of(organization, organization.getRegionId());
    }

    public void deleteOrganization(Caller caller, UUID id) {
        Organization organization = scope.require(caller, Organization.class, id, "organization");
        requireEmpty(count("SELECT COUNT(w) FROM Workspace w WHERE w.organizationId = :id AND w.deletedAt IS NULL", "id", id),
                "organization", "workspaces");
        requireEmpty(count("SELECT COUNT(u) FROM User u WHERE u.organizationId = :id AND u.deletedAt IS NULL", "id", id),
                "organization", "users");
        organization.softDelete(caller.actor(), Instant.now());
        changes.fire(new TenancyNodeChanged(caller, Level.ORGANIZATION, id, Change.DELETED));
        audit.changed(caller, "organization.delete", "organizations/" + id, id);
    }

    // --- workspaces --------------------------------------------------------------------------------

    public Page<NodeView> workspaces(Caller caller, UUID organizationId, String text, PageRequest page) {
        ListScope lists = scope.lists(caller, organizationId);
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        ListQuery<Workspace> query = ListQuery.of(Workspace.class, "FROM Workspace e", "e.deletedAt IS NULL")
                .organization("e.organizationId", lists.organization().orElse(null))
                .contains("text", text, "e.name", "e.slug");
        if (!caller.has(WORKSPACES_READ)) {   // read only through roles narrowed to workspaces: those
            query.and("e.id IN :placeWorkspaces", "placeWorkspaces", Places.where(caller, WORKSPACES_READ).workspaceParameter());
        }
        return query.page(em, page, "e.name, e.id").map(w -> NodeView.of(w, w.getOrganizationId()));
    }

    public NodeView workspace(Caller caller, UUID id) {
        Workspace workspace = scope.requireIn(caller, Workspace.class, id, "workspace", WORKSPACES_READ);
        return NodeView.of(workspace, workspace.getOrganizationId());
    }

    /** In {@code organizationId} (a Super Administrator's choice; others may only name their own) or the caller's organization. */
    public NodeView createWorkspace(Caller caller, UUID organizationId, String slugText, String name) {
        UUID parent = organizationId == null ? caller.organizationId()
                : scope.reference(caller, Organization.class, organizationId, "organizationId", "organization").getId();
        Slug slug = slugText == null ? slugOf(name) : slug(slugText, "slug");
        if (count("SELECT COUNT(w) FROM Workspace w WHERE w.organizationId = :parent AND w.slug = :slug AND w.deletedAt IS NULL",
                "parent", parent, "slug", slug.value()) > 0) {
            throw Rejected.conflict("slug", "a workspace with slug '" + slug + "' exists in this organization");
        }
        Workspace workspace = new Workspace(parent, slug, name, caller.actor(), Instant.now());
        em.persist(workspace);
        audit.changed(caller, "workspace.create", "workspaces/" + workspace.getId(), parent);
        return NodeView.of(workspace, parent);
    }

    public NodeView updateWorkspace(Caller caller, UUID id, String name, Boolean active) {
        Workspace workspace = scope.requireIn(caller, Workspace.class, id, "workspace", WORKSPACES_UPDATE);
        boolean wasActive = workspace.isActive();
        workspace.change(name, active == null ? wasActive : active, caller.actor(), Instant.now());
        announceIfSwitched(caller, Level.WORKSPACE, workspace, wasActive);
        audit.changed(caller, "workspace.update", "workspaces/" + id, workspace.getOrganizationId());
        return NodeView.of(workspace, workspace.getOrganizationId());
    }

    public void deleteWorkspace(Caller caller, UUID id) {
        Workspace workspace = scope.require(caller, Workspace.class, id, "workspace");
        requireEmpty(count("SELECT COUNT(t) FROM Tenant t WHERE t.workspaceId = :id AND t.deletedAt IS NULL", "id", id),
                "workspace", "tenants");
        requireEmpty(count("SELECT COUNT(u) FROM User u WHERE u.workspaceId = :id AND u.deletedAt IS NULL", "id", id),
                "workspace", "users placed in it");
        workspace.softDelete(caller.actor(), Instant.now());
        changes.fire(new TenancyNodeChanged(caller, Level.WORKSPACE, id, Change.DELETED));
        audit.changed(caller, "workspace.delete", "workspaces/" + id, workspace.getOrganizationId());
    }

    // --- tenants -----------------------------------------------------------------------------------

    public Page<TenantView> tenants(Caller caller, UUID organizationId, UUID workspaceId, String text, PageRequest page) {
        ListScope lists = scope.lists(caller, organizationId);
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        ListQuery<Tenant> query = ListQuery.of(Tenant.class, "FROM Tenant e, Workspace w", "w.id = e.workspaceId AND e.deletedAt IS NULL")
                .organization("w.organizationId", lists.organization().orElse(null))
                .equal("e.workspaceId", "workspace", workspaceId)
                .contains("text", text, "e.name", "e.slug");
        if (!caller.has(TENANTS_READ)) {   // read only through roles narrowed to workspaces or tenants: theirs
            Places places = Places.where(caller, TENANTS_READ);
            query.and("e.workspaceId IN :placeWorkspaces OR e.id IN :placeTenants",
                    Map.of("placeWorkspaces", places.workspaceParameter(), "placeTenants", places.tenantParameter()));
        }
        Page<Tenant> found = query.page(em, page, "e.name, e.id");
        return found.map(t -> view(t, em.find(Workspace.class, t.getWorkspaceId()).getOrganizationId()));
    }

    public TenantView tenant(Caller caller, UUID id) {
        Tenant tenant = scope.requireIn(caller, Tenant.class, id, "tenant", TENANTS_READ);
        return view(tenant, em.find(Workspace.class, tenant.getWorkspaceId()).getOrganizationId());
    }

    public TenantView createTenant(Caller caller, UUID workspaceId, String slugText, String name) {
        Workspace workspace = scope.referenceIn(caller, Workspace.class, workspaceId, "workspaceId", "workspace", TENANTS_CREATE);
        Slug slug = slugText == null ? slugOf(name) : slug(slugText, "slug");
        if (count("SELECT COUNT(t) FROM Tenant t WHERE t.workspaceId = :parent AND t.slug = :slug AND t.deletedAt IS NULL",
                "parent", workspace.getId(), "slug", slug.value()) > 0) {
            throw Rejected.conflict("slug", "a tenant with slug '" + slug + "' exists in this workspace");
        }
        Tenant tenant = new Tenant(workspace.getId(), slug, name, caller.actor(), Instant.now());
        em.persist(tenant);
        tenants.forget(tenant.getId());   // "no such tenant" may be cached from telemetry that named this id early
        audit.changed(caller, "tenant.create", "tenants/" + tenant.getId(), workspace.getOrganizationId());
        return view(tenant, workspace.getOrganizationId());
    }

    public TenantView updateTenant(Caller caller, UUID id, String name, Boolean active) {
        Tenant tenant = scope.requireIn(caller, Tenant.class, id, "tenant", TENANTS_UPDATE);
        boolean wasActive = tenant.isActive();
        tenant.change(name, active == null ? wasActive : active, caller.actor(), Instant.now());
        announceIfSwitched(caller, Level.TENANT, tenant, wasActive);
        UUID organization = em.find(Workspace.class, tenant.getWorkspaceId()).getOrganizationId();
        audit.changed(caller, "tenant.update", "tenants/" + id, organization);
        return view(tenant, organization);
    }

    public void deleteTenant(Caller caller, UUID id) {
        Tenant tenant = scope.requireIn(caller, Tenant.class, id, "tenant", TENANTS_DELETE);
        requireEmpty(count("SELECT COUNT(u) FROM User u WHERE u.tenantId = :id AND u.deletedAt IS NULL", "id", id),
                "tenant", "users placed in it");
        tenant.softDelete(caller.actor(), Instant.now());
        tenants.forget(id);   // ingestion stops accepting telemetry for it
        changes.fire(new TenancyNodeChanged(caller, Level.TENANT, id, Change.DELETED));
        audit.changed(caller, "tenant.delete", "tenants/" + id, em.find(Workspace.class, tenant.getWorkspaceId()).getOrganizationId());
    }

    // --- helpers -----------------------------------------------------------------------------------

    /**
     * When the node was switched on or off: tells the keys scoped there, and drops the cached placements of the
     * tenants at or below it once the change commits, so that ingestion sees whether they may receive telemetry.
     */
    private void announceIfSwitched(Caller caller, Level level, TenancyNode node, boolean wasActive) {
        if (node.isActive() == wasActive) {
            return;
        }
        changes.fire(new TenancyNodeChanged(caller, level, node.getId(), Change.ACTIVE_CHANGED));
        List<UUID> below = switch (level) {
            case TENANT -> List.of(node.getId());
            case WORKSPACE -> em.createQuery("SELECT t.id FROM Tenant t WHERE t.workspaceId = :node", UUID.class)
                    .setParameter("node", node.getId()).getResultList();
            case ORGANIZATION -> em.createQuery("SELECT t.id FROM Tenant t, Workspace w WHERE w.id = t.workspaceId"
                    + " AND w.organizationId = :node", UUID.class).setParameter("node", node.getId()).getResultList();
        };
        afterCommit.run(() -> below.forEach(tenants::forget));
    }

    private static TenantView view(Tenant tenant, UUID organizationId) {
        return new TenantView(tenant.getId(), tenant.getSlug().value(), tenant.getName(), tenant.isActive(), tenant.getWorkspaceId(),
                organizationId, tenant.getCreatedAt(), tenant.getCreatedBy(), tenant.getUpdatedAt(), tenant.getUpdatedBy());
    }

    private static Slug slug(String text, String field) {
        try {
            return new Slug(text);
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(field, e.getMessage());
        }
    }

    private static Slug slugOf(String name) {
        try {
            return Slug.fromName(name);
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("name", e.getMessage());
        }
    }

    private static void requireEmpty(long live, String what, String below) {
        if (live > 0) {
            throw Rejected.conflict(null, "this " + what + " still has " + live + " live " + below + "; delete or move them first");
        }
    }

    private long count(String jpql, Object... namesAndValues) {
        var query = em.createQuery(jpql, Long.class);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.setParameter((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return query.getSingleResult();
    }
}
