package io.telemetryflow.iam;

import io.telemetryflow.platform.cache.CacheKey;
import io.telemetryflow.platform.cache.CacheProfile;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Effective access of users, cached so a permission check costs no database round trip. Anything
 * that changes a user's status, placement, roles or permissions (or a role's permissions) must call
 * {@link #forget} for every affected user: the cached entry is then dropped on every node.
 */
@ApplicationScoped
public class AccessDirectory {

    private static final String NAMESPACE = "user-access";

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    TwoLevelCache cache;

    /** The user's current access, or empty if there is no such (undeleted) user. */
    public Optional<UserAccess> find(UUID userId) {
        UserAccess access = cache.getOrCompute(new CacheKey(NAMESPACE, tenantOf(userId), userId.toString()), CacheProfile.SHORT,
                () -> load(userId).orElse(null));
        return Optional.ofNullable(access);
    }

    public void forget(UUID userId) {
        cache.invalidateTenant(tenantOf(userId));
    }

    /**
     * Reads the access straight from the database (inside the caller's transaction, if any). Roles
     * held organization-wide give permissions and role names; a role narrowed to a workspace or tenant
     * gives a {@link ScopedGrant} that holds only there (and never makes a Super Administrator).
     */
    public Optional<UserAccess> load(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null || user.isDeleted()) {
            return Optional.empty();
        }
        List<Object[]> assignments = em.createQuery(
                        "SELECT a, r FROM RoleAssignment a, Role r WHERE a.roleId = r.id AND a.userId = :user AND r.deletedAt IS NULL",
                        Object[].class)
                .setParameter("user", userId).getResultList();
        Set<String> roleNames = new HashSet<>();
        Set<Permission> permissions = new HashSet<>();
        List<ScopedGrant> scoped = new ArrayList<>();
        for (Object[] row : assignments) {
            RoleAssignment assignment = (RoleAssignment) row[0];
            Role role = (Role) row[1];
            if (assignment.getWorkspaceId() == null && assignment.getTenantId() == null) {
                roleNames.add(role.getName());
                permissions.addAll(role.getPermissions());
            } else {
                scoped.add(new ScopedGrant(workspaceOf(assignment), assignment.getTenantId(), role.getPermissions()));
            }
        }
        em.createQuery("SELECT p FROM StoredPermission p, DirectPermission d WHERE d.permissionId = p.id AND d.userId = :user",
                        StoredPermission.class)
                .setParameter("user", userId).getResultList()
                .forEach(p -> permissions.add(p.toPermission()));
        return Optional.of(new UserAccess(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                user.getOrganizationId(), user.getWorkspaceId(), user.getTenantId(), user.getStatus(), roleNames, permissions, scoped));
    }

    private UUID workspaceOf(RoleAssignment assignment) {
        if (assignment.getWorkspaceId() != null) {
            return assignment.getWorkspaceId();
        }
        return em.find(Tenant.class, assignment.getTenantId()).getWorkspaceId();
    }

    private static String tenantOf(UUID userId) {
        return "user-" + userId;
    }
}
