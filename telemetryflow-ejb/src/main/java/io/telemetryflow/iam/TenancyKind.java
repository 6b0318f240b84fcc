package io.telemetryflow.iam;

import io.telemetryflow.iam.TenancyAdministration.NodeView;
import io.telemetryflow.iam.TenancyAdministration.TenantView;
import io.telemetryflow.tenancy.Organization;
import io.telemetryflow.tenancy.Region;
import io.telemetryflow.tenancy.Slug;
import io.telemetryflow.tenancy.TenancyLevel;
import io.telemetryflow.tenancy.TenancyNode;
import io.telemetryflow.tenancy.Tenant;
import io.telemetryflow.tenancy.Workspace;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One level of the tenancy hierarchy as {@link TenancyAdministration} sees it: the few things in which regions,
 * organizations, workspaces and tenants differ (their parent, their queries, what must be empty before a delete,
 * which permissions are checked in the node's own place), so that the five operations are written once.
 *
 * @param <E> the node's entity
 * @param <V> its representation in answers
 */
public abstract class TenancyKind<E extends TenancyNode, V> {

    /** Platform-wide; its slug is called a code and is given, never derived. Lists are ordered by code. */
    public static final TenancyKind<Region, NodeView> REGION = new TenancyKind<>(TenancyLevel.REGION, Region.class,
            "FROM Region e", "e.deletedAt IS NULL", null, null, "e.slug, e.id", "code",
            List.of(new Below("Organization", "regionId", "organizations")), Set.of(), null) {

        @Override
        UUID parentOf(Region region) {
            return null;
        }

        @Override
        UUID organizationOf(Region region, EntityManager em) {
            return null;
        }

        @Override
        UUID resolveParent(Caller caller, UUID requested, IamScope scope) {
            return null;
        }

        @Override
        Region newNode(UUID parent, Slug code, String name, String actor, Instant now) {
            return new Region(code, name, actor, now);
        }

        @Override
        NodeView view(Region region, EntityManager em) {
            return NodeView.of(region, null);
        }
    };

    /** In a region; an Administrator only ever sees their own. */
    public static final TenancyKind<Organization, NodeView> ORGANIZATION = new TenancyKind<>(TenancyLevel.ORGANIZATION,
            Organization.class, "FROM Organization e", "e.deletedAt IS NULL", "e.id", "regionId", "e.name, e.id", "slug",
            List.of(new Below("Workspace", "organizationId", "workspaces"), new Below("User", "organizationId", "users")),
            Set.of(), null) {

        @Override
        UUID parentOf(Organization organization) {
            return organization.getRegionId();
        }

        @Override
        UUID organizationOf(Organization organization, EntityManager em) {
            return organization.getId();
        }

        @Override
        UUID resolveParent(Caller caller, UUID regionId, IamScope scope) {
            return scope.reference(caller, Region.class, regionId, "regionId", "region").getId();
        }

        @Override
        Organization newNode(UUID regionId, Slug slug, String name, String actor, Instant now) {
            return new Organization(regionId, slug, name, actor, now);
        }

        @Override
        NodeView view(Organization organization, EntityManager em) {
            return NodeView.of(organization, organization.getRegionId());
        }
    };

    /**
     * In an organization, which lists filter through the caller's organization scope rather than a parent filter.
     * Readable and renamable through roles narrowed to the workspace.
     */
    public static final TenancyKind<Workspace, NodeView> WORKSPACE = new TenancyKind<>(TenancyLevel.WORKSPACE,
            Workspace.class, "FROM Workspace e", "e.deletedAt IS NULL", "e.organizationId", "organizationId", "e.name, e.id",
            "slug", List.of(new Below("Tenant", "workspaceId", "tenants"), new Below("User", "workspaceId", "users placed in it")),
            Set.of("read", "update"), "e.id IN :placeWorkspaces") {

        @Override
        UUID parentOf(Workspace workspace) {
            return workspace.getOrganizationId();
        }

        @Override
        UUID organizationOf(Workspace workspace, EntityManager em) {
            return workspace.getOrganizationId();
        }

        /** {@code organizationId}: a Super Administrator's choice (others may only name their own), or the caller's. */
        @Override
        UUID resolveParent(Caller caller, UUID organizationId, IamScope scope) {
            return organizationId == null ? caller.organizationId()
                    : scope.reference(caller, Organization.class, organizationId, "organizationId", "organization").getId();
        }

        @Override
        Workspace newNode(UUID organizationId, Slug slug, String name, String actor, Instant now) {
            return new Workspace(organizationId, slug, name, actor, now);
        }

        @Override
        NodeView view(Workspace workspace, EntityManager em) {
            return NodeView.of(workspace, workspace.getOrganizationId());
        }
    };

    /** In a workspace; every operation also through roles narrowed to its workspace or to the tenant. */
    public static final TenancyKind<Tenant, TenantView> TENANT = new TenancyKind<>(TenancyLevel.TENANT, Tenant.class,
            "FROM Tenant e, Workspace w", "w.id = e.workspaceId AND e.deletedAt IS NULL", "w.organizationId", "workspaceId",
            "e.name, e.id", "slug", List.of(new Below("User", "tenantId", "users placed in it")),
            Set.of("read", "create", "update", "delete"), "e.workspaceId IN :placeWorkspaces OR e.id IN :placeTenants") {

        @Override
        UUID parentOf(Tenant tenant) {
            return tenant.getWorkspaceId();
        }

        @Override
        UUID organizationOf(Tenant tenant, EntityManager em) {
            return em.find(Workspace.class, tenant.getWorkspaceId()).getOrganizationId();
        }

        @Override
        UUID resolveParent(Caller caller, UUID workspaceId, IamScope scope) {
            return scope.referenceIn(caller, Workspace.class, workspaceId, "workspaceId", "workspace", permission("create"))
                    .getId();
        }

        @Override
        Tenant newNode(UUID workspaceId, Slug slug, String name, String actor, Instant now) {
            return new Tenant(workspaceId, slug, name, actor, now);
        }

        @Override
        TenantView view(Tenant tenant, EntityManager em) {
            return new TenantView(tenant.getId(), tenant.getSlug().value(), tenant.getName(), tenant.isActive(),
                    tenant.getWorkspaceId(), organizationOf(tenant, em), tenant.getCreatedAt(), tenant.getCreatedBy(),
                    tenant.getUpdatedAt(), tenant.getUpdatedBy());
        }
    };

    /** Live objects of {@code entity} whose {@code attribute} names the node keep it from being deleted. */
    record Below(String entity, String attribute, String description) {
    }

    final TenancyLevel level;
    final Class<E> type;
    /** {@code region}, {@code organization}, ...: in 404s, audit actions ({@code region.create}) and 409s. */
    final String what;
    /** {@code regions}, ...: the permissions' resource and the audit resource ({@code regions/<id>}). */
    final String plural;
    final String from;
    final String where;
    /** The path lists are restricted to the caller's organization on; null: platform-wide. */
    final String organizationPath;
    /** The attribute naming the parent node; null for a region. */
    final String parentAttribute;
    final String order;
    /** The request field the slug arrives in. */
    final String slugField;
    final List<Below> below;
    /** The actions whose permission is checked in the node's own place (and may come from a role narrowed there). */
    final Set<String> inPlace;
    /** For a list by a caller holding the read permission only in some places: the condition naming those places. */
    final String placeCondition;

    private TenancyKind(TenancyLevel level, Class<E> type, String from, String where, String organizationPath,
                        String parentAttribute, String order, String slugField, List<Below> below, Set<String> inPlace,
                        String placeCondition) {
        this.level = level;
        this.type = type;
        this.what = level.name().toLowerCase(java.util.Locale.ROOT);
        this.plural = what + "s";
        this.from = from;
        this.where = where;
        this.organizationPath = organizationPath;
        this.parentAttribute = parentAttribute;
        this.order = order;
        this.slugField = slugField;
        this.below = below;
        this.inPlace = inPlace;
        this.placeCondition = placeCondition;
    }

    abstract UUID parentOf(E node);

    /** The organization the node belongs to (audit scope); null for a region. */
    abstract UUID organizationOf(E node, EntityManager em);

    /** The parent a new node goes into, from the id the request named (checked through the caller's scope). */
    abstract UUID resolveParent(Caller caller, UUID requested, IamScope scope);

    abstract E newNode(UUID parent, Slug slug, String name, String actor, Instant now);

    abstract V view(E node, EntityManager em);

    final Permission permission(String action) {
        return Permission.parse(plural + ":" + action);
    }

    /** The parameters of {@link #placeCondition} for a caller holding the read permission only in some places. */
    final Map<String, Object> placeParameters(Caller caller) {
        Places places = Places.where(caller, permission("read"));
        return placeCondition.contains(":placeTenants")
                ? Map.of("placeWorkspaces", places.workspaceParameter(), "placeTenants", places.tenantParameter())
                : Map.of("placeWorkspaces", places.workspaceParameter());
    }

    /** The level switching it on or off or deleting it announces to what depends on it; null for a region. */
    final TenancyNodeChanged.Level announced() {
        return level == TenancyLevel.REGION ? null : TenancyNodeChanged.Level.valueOf(level.name());
    }

    final String article() {
        return "aeiou".indexOf(what.charAt(0)) >= 0 ? "an" : "a";
    }
}
