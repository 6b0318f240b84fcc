package io.telemetryflow.iam;

import io.telemetryflow.iam.IamScopeRule.ListScope;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.ListQuery;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.tenancy.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The permission catalogue and roles through the management API. Everyone with roles:read sees the
 * five system roles and the custom roles of their organization. System roles are read-only (409).
 * A custom role holds only permissions its creator or editor holds; changing its permissions takes
 * effect for every user holding it at their next request. A role still assigned to users cannot be
 * deleted (409 naming how many): remove the assignments first, so nobody loses access by surprise.
 */
@ApplicationScoped
@Transactional
public class RoleAdministration {

    /** Custom roles sit below Super Administrator; 4 (Viewer's tier) unless the creator says otherwise. */
    public static final int DEFAULT_CUSTOM_TIER = 4;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    IamScope scope;

    @Inject
    IamAudit audit;

    @Inject
    AccessChanges changes;

    public record PermissionView(String name, String resource, String action, String description) {
    }

    public record RoleView(UUID id, String name, String description, int tier, boolean system, UUID organizationId,
                           List<String> permissions, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static RoleView of(Role role) {
            return new RoleView(role.getId(), role.getName(), role.getDescription(), role.getTier(), role.isSystemRole(),
                    role.getOrganizationId(), role.getPermissions().stream().map(Permission::toString).sorted().toList(),
                    role.getCreatedAt(), role.getCreatedBy(), role.getUpdatedAt(), role.getUpdatedBy());
        }
    }

    public record RoleDefinition(String name, String description, Integer tier, List<String> permissions) {
    }

    public Page<PermissionView> permissions(Caller caller, String resource, PageRequest page) {
        return ListQuery.of(StoredPermission.class, "FROM StoredPermission e", "1 = 1")
                .equal("e.resource", "resource", resource)
                .page(em, page, "e.name")
                .map(p -> new PermissionView(p.getName(), p.toPermission().resource(), p.toPermission().action(), p.getDescription()));
    }

    /** System roles and the custom roles of the list scope's organization (a Super Administrator without a filter: all). */
    public Page<RoleView> roles(Caller caller, UUID organizationId, Boolean system, String text, PageRequest page) {
        ListScope lists = scope.lists(caller, organizationId);
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        ListQuery<Role> query = ListQuery.of(Role.class, "FROM Role e", "e.deletedAt IS NULL");
        lists.organization().ifPresent(org -> query.and("e.systemRole = TRUE OR e.organizationId = :scopeOrganization", "scopeOrganization", org));
        return query.equal("e.systemRole", "system", system)
                .contains("text", text, "e.name")
                .page(em, page, "e.tier, e.name, e.id").map(RoleView::of);
    }

    public RoleView role(Caller caller, UUID id) {
        return RoleView.of(scope.require(caller, Role.class, id, "role"));
    }

    /** In {@code organizationId} (a Super Administrator's choice; others may only name their own) or the caller's organization. */
    public RoleView create(Caller caller, UUID organizationId, RoleDefinition definition) {
        UUID organization = organizationId == null ? caller.organizationId()
                : scope.reference(caller, Organization.class, organizationId, "organizationId", "organization").getId();
        GrantRules.requireCustomRoleName(definition.name());
        Set<StoredPermission> permissions = storedPermissions(definition.permissions());
        GrantRules.requireHeld(caller, asPermissions(permissions));
        requireUnusedName(organization, definition.name(), null);
        int tier = definition.tier() == null ? DEFAULT_CUSTOM_TIER : definition.tier();
        Role role = Role.custom(organization, definition.name().strip(), description(definition), tier, permissions,
                caller.actor(), Instant.now());
        em.persist(role);
        audit.changed(caller, "role.create", "roles/" + role.getId(), organization);
        return RoleView.of(role);
    }

    public RoleView update(Caller caller, UUID id, RoleDefinition definition) {
        Role role = custom(caller, id);
        GrantRules.requireCustomRoleName(definition.name());
        Set<StoredPermission> permissions = storedPermissions(definition.permissions());
        Set<Permission> touched = new HashSet<>(role.getPermissions());
        touched.addAll(asPermissions(permissions));
        GrantRules.requireHeld(caller, touched);   // neither add nor take away what the editor does not hold
        requireUnusedName(role.getOrganizationId(), definition.name(), id);
        role.redefine(definition.name().strip(), description(definition), permissions, caller.actor(), Instant.now());
        changes.forget(holders(id));
        audit.changed(caller, "role.update", "roles/" + id, role.getOrganizationId());
        return RoleView.of(role);
    }

    public void delete(Caller caller, UUID id) {
        Role role = custom(caller, id);
        int holders = holders(id).size();
        if (holders > 0) {
            throw Rejected.conflict(null, "role '" + role.getName() + "' is assigned to " + holders + " user(s); remove those assignments first");
        }
        role.softDelete(caller.actor(), Instant.now());
        audit.changed(caller, "role.delete", "roles/" + id, role.getOrganizationId());
    }

    private Role custom(Caller caller, UUID id) {
        Role role = scope.require(caller, Role.class, id, "role");
        if (role.isSystemRole()) {
            throw Rejected.conflict(null, "'" + role.getName() + "' is a system role and cannot be changed or deleted");
        }
        return role;
    }

    private List<UUID> holders(UUID roleId) {
        return em.createQuery("SELECT DISTINCT a.userId FROM RoleAssignment a, User u WHERE a.roleId = :role AND u.id = a.userId "
                + "AND u.deletedAt IS NULL", UUID.class).setParameter("role", roleId).getResultList();
    }

    private void requireUnusedName(UUID organization, String name, UUID except) {
        long taken = em.createQuery("SELECT COUNT(r) FROM Role r WHERE r.organizationId = :org AND LOWER(r.name) = :name "
                        + "AND r.deletedAt IS NULL AND r.id <> :except", Long.class)
                .setParameter("org", organization).setParameter("name", name.strip().toLowerCase(java.util.Locale.ROOT))
                .setParameter("except", except == null ? new UUID(0, 0) : except)
                .getSingleResult();
        if (taken > 0) {
            throw Rejected.conflict("name", "a role named '" + name.strip() + "' exists in this organization");
        }
    }

    private Set<StoredPermission> storedPermissions(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            try {
                wanted.add(PermissionCatalog.known(name).toString());
            } catch (IllegalArgumentException e) {
                throw Rejected.invalid("permissions", e.getMessage());
            }
        }
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<StoredPermission> found = em.createQuery("SELECT p FROM StoredPermission p WHERE p.name IN :names", StoredPermission.class)
                .setParameter("names", wanted).getResultList();
        if (found.size() != wanted.size()) {
            found.forEach(p -> wanted.remove(p.getName()));
            throw Rejected.invalid("permissions", "not in the stored catalogue: " + String.join(", ", wanted));
        }
        return new HashSet<>(found);
    }

    private static Set<Permission> asPermissions(Set<StoredPermission> stored) {
        Set<Permission> permissions = new HashSet<>();
        stored.forEach(p -> permissions.add(p.toPermission()));
        return permissions;
    }

    private static String description(RoleDefinition definition) {
        return definition.description() == null ? "" : definition.description();
    }
}
