package io.telemetryflow.iam;

import io.telemetryflow.iam.IamScopeRule.ListScope;
import io.telemetryflow.iam.TenancyNodeChanged.Change;
import io.telemetryflow.iam.TenancyNodeChanged.Level;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.ListQuery;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.platform.transaction.AfterCommit;
import io.telemetryflow.tenancy.Slug;
import io.telemetryflow.tenancy.TenancyNode;
import io.telemetryflow.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Regions, organizations, workspaces and tenants through the management API: the same five operations for every
 * level, told apart by a {@link TenancyKind}. It lives in IAM, above the tenancy model, because every call is
 * authorised and audited here. Every object is loaded
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

    /**
     * A page of the level's live nodes, restricted to the caller's organization ({@code organizationId}: a Super
     * Administrator's filter) and, for a caller holding the read permission only through roles narrowed to some
     * workspaces or tenants, to those; {@code parentId} filters by parent (regions of organizations, workspaces of
     * tenants); {@code text} matches name or slug.
     */
    public <E extends TenancyNode, V> Page<V> list(Caller caller, TenancyKind<E, V> kind, UUID organizationId, UUID parentId,
                                                   String text, PageRequest page) {
        ListScope lists = scope.lists(caller, organizationId);
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        ListQuery<E> query = ListQuery.of(kind.type, kind.from, kind.where).contains("text", text, "e.name", "e.slug");
        if (kind.organizationPath != null) {
            query.organization(kind.organizationPath, lists.organization().orElse(null));
        }
        if (kind.parentAttribute != null) {
            query.equal("e." + kind.parentAttribute, kind.level.parent().name().toLowerCase(Locale.ROOT), parentId);
        }
        if (kind.placeCondition != null && !caller.has(kind.permission("read"))) {
            query.and(kind.placeCondition, kind.placeParameters(caller));
        }
        return query.page(em, page, kind.order).map(node -> kind.view(node, em));
    }

    public <E extends TenancyNode, V> V get(Caller caller, TenancyKind<E, V> kind, UUID id) {
        return kind.view(load(caller, kind, id, "read"), em);
    }

    /** In {@code parentId} (for a workspace: optional, see {@link TenancyKind#WORKSPACE}); a slug left out is derived from the name. */
    public <E extends TenancyNode, V> V create(Caller caller, TenancyKind<E, V> kind, UUID parentId, String slugText, String name) {
        UUID parent = kind.resolveParent(caller, parentId, scope);
        Slug slug = slugText == null ? slugOf(name) : slug(slugText, kind.slugField);
        String live = "SELECT COUNT(e) FROM " + kind.type.getSimpleName() + " e WHERE e.slug = :slug AND e.deletedAt IS NULL";
        long siblings = parent == null ? count(live, "slug", slug.value())
                : count(live + " AND e." + kind.parentAttribute + " = :parent", "slug", slug.value(), "parent", parent);
        if (siblings > 0) {
            throw Rejected.conflict(kind.slugField, kind.article() + " " + kind.what + " with " + kind.slugField + " '" + slug + "' exists"
                    + (parent == null ? "" : " in this " + kind.level.parent().name().toLowerCase(Locale.ROOT)));
        }
        E node = kind.newNode(parent, slug, name, caller.actor(), Instant.now());
        em.persist(node);
        if (kind == TenancyKind.TENANT) {
            tenants.forget(node.getId());   // "no such tenant" may be cached from telemetry that named this id early
        }
        audit.changed(caller, kind.what + ".create", kind.plural + "/" + node.getId(), kind.organizationOf(node, em));
        return kind.view(node, em);
    }

    /** Renames the node and switches it on or off ({@code active} left out keeps it). */
    public <E extends TenancyNode, V> V update(Caller caller, TenancyKind<E, V> kind, UUID id, String name, Boolean active) {
        E node = load(caller, kind, id, "update");
        boolean wasActive = node.isActive();
        node.change(name, active == null ? wasActive : active, caller.actor(), Instant.now());
        announceIfSwitched(caller, kind, node, wasActive);
        audit.changed(caller, kind.what + ".update", kind.plural + "/" + id, kind.organizationOf(node, em));
        return kind.view(node, em);
    }

    /** Soft-deletes the node when nothing live hangs below it. */
    public <E extends TenancyNode> void delete(Caller caller, TenancyKind<E, ?> kind, UUID id) {
        E node = load(caller, kind, id, "delete");
        for (TenancyKind.Below below : kind.below) {
            requireEmpty(count("SELECT COUNT(b) FROM " + below.entity() + " b WHERE b." + below.attribute() + " = :id AND b.deletedAt IS NULL",
                    "id", id), kind.what, below.description());
        }
        node.softDelete(caller.actor(), Instant.now());
        if (kind == TenancyKind.TENANT) {
            tenants.forget(id);   // ingestion stops accepting telemetry for it
        }
        if (kind.announced() != null) {
            changes.fire(new TenancyNodeChanged(caller, kind.announced(), id, Change.DELETED));
        }
        audit.changed(caller, kind.what + ".delete", kind.plural + "/" + id, kind.organizationOf(node, em));
    }

    // --- helpers -----------------------------------------------------------------------------------

    /**
     * The node, loaded through the caller's scope; for the level's actions checked in place, the permission must hold
     * organization-wide or through a role narrowed to the node's place. Otherwise a 404.
     */
    private <E extends TenancyNode> E load(Caller caller, TenancyKind<E, ?> kind, UUID id, String action) {
        return kind.inPlace.contains(action) ? scope.requireIn(caller, kind.type, id, kind.what, kind.permission(action))
                : scope.require(caller, kind.type, id, kind.what);
    }

    /**
     * When the node was switched on or off: tells the keys scoped there, and drops the cached placements of the
     * tenants at or below it once the change commits, so that ingestion sees whether they may receive telemetry.
     */
    private void announceIfSwitched(Caller caller, TenancyKind<?, ?> kind, TenancyNode node, boolean wasActive) {
        Level level = kind.announced();
        if (level == null || node.isActive() == wasActive) {
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
