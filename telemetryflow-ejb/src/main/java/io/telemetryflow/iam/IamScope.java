package io.telemetryflow.iam;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.tenancy.AuditedEntity;
import io.telemetryflow.tenancy.Organization;
import io.telemetryflow.tenancy.Tenant;
import io.telemetryflow.tenancy.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way IAM services load an object by id: through the caller's tenant scope. A soft-deleted
 * object, or one of another organization (unless the caller is a Super Administrator), is not there.
 */
@ApplicationScoped
public class IamScope {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    public <T extends AuditedEntity> Optional<T> find(Caller caller, Class<T> type, UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        T found = em.find(type, id);
        if (found == null || found.isDeleted() || !visible(caller, found)) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** The object, or a 404 naming {@code what} and the id. */
    public <T extends AuditedEntity> T require(Caller caller, Class<T> type, UUID id, String what) {
        return find(caller, type, id).orElseThrow(() -> Rejected.notFound(what, id));
    }

    /**
     * An object named in a request body: a 400 on {@code field} when it is not there, the same answer
     * for an id of another organization as for one that never existed.
     */
    public <T extends AuditedEntity> T reference(Caller caller, Class<T> type, UUID id, String field, String what) {
        return find(caller, type, id).orElseThrow(() -> Rejected.invalid(field, what + " " + id + " not found"));
    }

    /**
     * A workspace or tenant the caller may act on with {@code needed}: in reach, and the permission held
     * organization-wide or through a role narrowed to that workspace (or tenant); otherwise a 404.
     */
    public <T extends AuditedEntity> T requireIn(Caller caller, Class<T> type, UUID id, String what, Permission needed) {
        return find(caller, type, id).filter(found -> heldFor(caller, found, needed))
                .orElseThrow(() -> Rejected.notFound(what, id));
    }

    /** As {@link #reference}, for a workspace or tenant named in a request body where {@code needed} must hold. */
    public <T extends AuditedEntity> T referenceIn(Caller caller, Class<T> type, UUID id, String field, String what, Permission needed) {
        return find(caller, type, id).filter(found -> heldFor(caller, found, needed))
                .orElseThrow(() -> Rejected.invalid(field, what + " " + id + " not found"));
    }

    private static boolean heldFor(Caller caller, AuditedEntity entity, Permission needed) {
        if (entity instanceof Workspace workspace) {
            return caller.hasIn(needed, workspace.getId(), null);
        }
        if (entity instanceof Tenant tenant) {
            return caller.hasIn(needed, tenant.getWorkspaceId(), tenant.getId());
        }
        return caller.has(needed);
    }

    /** The organization a list is restricted to; see {@link IamScopeRule#listScope}. */
    public IamScopeRule.ListScope lists(Caller caller, UUID requestedOrganization) {
        return IamScopeRule.listScope(caller, requestedOrganization);
    }

    private boolean visible(Caller caller, AuditedEntity entity) {
        if (entity instanceof Tenant tenant) {
            Workspace workspace = em.find(Workspace.class, tenant.getWorkspaceId());
            return workspace != null && !workspace.isDeleted() && caller.reaches(workspace.getOrganizationId());
        }
        return IamScopeRule.visible(caller, owner(entity));
    }

    /** The owning organization; null for platform-wide objects (regions, system roles). */
    private static UUID owner(AuditedEntity entity) {
        if (entity instanceof Organization organization) {
            return organization.getId();
        }
        if (entity instanceof Workspace workspace) {
            return workspace.getOrganizationId();
        }
        if (entity instanceof User user) {
            return user.getOrganizationId();
        }
        if (entity instanceof Group group) {
            return group.getOrganizationId();
        }
        if (entity instanceof Role role) {
            return role.getOrganizationId();
        }
        return null;
    }
}
