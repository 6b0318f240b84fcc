package io.telemetryflow.iam;

import io.telemetryflow.iam.IamScopeRule.ListScope;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.ListQuery;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.tenancy.Organization;
import io.telemetryflow.tenancy.Tenant;
import io.telemetryflow.tenancy.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Users through the management API: create or invite, change names and placement, the lifecycle
 * (Created → Active ⇄ Inactive → Deleted), role assignments and direct permissions.
 * A new user is always CREATED, with or without a password, and signs in once activated; without a
 * password (an invitation) the account has no usable password until one is set through password reset.
 * A password given here is known to the administrator, so its user must choose their own at the first
 * sign-in (LoginService).
 * Every change to a user's status, placement, roles or permissions drops the cached access
 * ({@link AccessChanges#forget}), so it applies from the user's next request.
 */
@ApplicationScoped
@Transactional
public class UserAdministration {

    /** Stored for an invited user: no Argon2id hash has this form, so no password matches it. */
    static final String NO_PASSWORD = "!invited";

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    IamScope scope;

    @Inject
    IamAudit audit;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    Event<UserInvited> invitations;

    @Inject
    AccessDirectory access;

    @Inject
    AccessChanges changes;

    public record NewUser(String email, String firstName, String lastName, String password, UUID organizationId, UUID workspaceId,
                          UUID tenantId) {
    }

    public record UserFilter(UUID organizationId, UUID workspaceId, UserStatus status, String email, String name) {
    }

    public record AssignmentView(UUID id, UUID roleId, String roleName, UUID organizationId, UUID workspaceId, UUID tenantId,
                                 Instant assignedAt) {
    }

    public record UserView(UUID id, String email, String firstName, String lastName, UUID organizationId, UUID workspaceId,
                           UUID tenantId, UserStatus status, boolean emailVerified, boolean mfaEnabled,
                           boolean passwordChangeRequired, Instant lastLoginAt,
                           Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                           List<AssignmentView> roles, List<String> permissions) {
    }

    public Page<UserView> users(Caller caller, UserFilter filter, PageRequest page) {
        ListScope lists = scope.lists(caller, filter.organizationId());
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        Page<User> found = ListQuery.of(User.class, "FROM User e", "e.deletedAt IS NULL")
                .organization("e.organizationId", lists.organization().orElse(null))
                .equal("e.workspaceId", "workspace", filter.workspaceId())
                .equal("e.status", "status", filter.status())
                .contains("email", filter.email(), "e.email")
                .contains("name", filter.name(), "e.firstName", "e.lastName")
                .page(em, page, "e.email, e.id");
        List<UserView> views = views(found.items());
        return new Page<>(views, found.total(), found.limit(), found.offset());
    }

    public UserView user(Caller caller, UUID id) {
        return view(scope.require(caller, User.class, id, "user"));
    }

    public UserView create(Caller caller, NewUser command) {
        UUID organization = command.organizationId() == null ? caller.organizationId()
                : scope.reference(caller, Organization.class, command.organizationId(), "organizationId", "organization").getId();
        Placement placement = placement(caller, organization, command.workspaceId(), command.tenantId());
        String email = User.normalizeEmail(command.email());
        requireUnusedEmail(email);
        String hash = command.password() == null ? NO_PASSWORD : hash(command.password(), command.email());
        User user = new User(email, hash, command.firstName(), command.lastName(), organization, placement.workspaceId(),
                placement.tenantId(), UserStatus.CREATED, caller.actor(), Instant.now());
        if (command.password() != null) {
            user.requirePasswordChange();
        }
        em.persist(user);
        if (command.password() == null) {
            invitations.fire(new UserInvited(email));
        }
        audit.changed(caller, "user.create", "users/" + user.getId(), organization);
        return view(user);
    }

    public UserView update(Caller caller, UUID id, String firstName, String lastName, UUID workspaceId, UUID tenantId) {
        User user = manageable(caller, id);
        Placement placement = placement(caller, user.getOrganizationId(), workspaceId, tenantId);
        Instant now = Instant.now();
        user.rename(firstName, lastName, caller.actor(), now);
        user.placeIn(placement.workspaceId(), placement.tenantId(), caller.actor(), now);
        changes.forget(id);
        audit.changed(caller, "user.update", "users/" + id, user.getOrganizationId());
        return view(user);
    }

    public UserView activate(Caller caller, UUID id) {
        return changeStatus(caller, id, UserStatus.ACTIVE);
    }

    public UserView deactivate(Caller caller, UUID id) {
        return changeStatus(caller, id, UserStatus.INACTIVE);
    }

    public void delete(Caller caller, UUID id) {
        changeStatus(caller, id, UserStatus.DELETED);
    }

    private UserView changeStatus(Caller caller, UUID id, UserStatus next) {
        User user = scope.require(caller, User.class, id, "user");
        UserLifecycle.requireNotSelf(caller, id, next);
        requireOutranks(caller, user);
        UserLifecycle.requireTransition(user.getStatus(), next);
        Instant now = Instant.now();
        switch (next) {
            case ACTIVE -> user.activate(caller.actor(), now);
            case INACTIVE -> user.deactivate(caller.actor(), now);
            case DELETED -> user.delete(caller.actor(), now);
            default -> throw new IllegalArgumentException("no API transition to " + next);
        }
        changes.forget(id);
        audit.changed(caller, "user." + switch (next) {
            case ACTIVE -> "activate";
            case INACTIVE -> "deactivate";
            default -> "delete";
        }, "users/" + id, user.getOrganizationId());
        return view(user);
    }

    // --- roles and direct permissions ------------------------------------------------------------------

    /**
     * Assigns a role in the user's organization, optionally narrowed to a workspace or tenant there. The
     * role must be a system role or one of that organization's custom roles, and within the caller's grant.
     */
    public AssignmentView assignRole(Caller caller, UUID userId, UUID roleId, UUID workspaceId, UUID tenantId) {
        User user = manageable(caller, userId);
        Role role = scope.reference(caller, Role.class, roleId, "roleId", "role");
        if (!role.isSystemRole() && !role.getOrganizationId().equals(user.getOrganizationId())) {
            throw Rejected.invalid("roleId", "role " + roleId + " belongs to another organization than the user");
        }
        GrantRules.requireAssignable(caller, role.getName(), role.getPermissions());
        Placement placement = placement(caller, user.getOrganizationId(), workspaceId, tenantId);
        boolean held = assignments(userId).stream().anyMatch(a -> a.getRoleId().equals(roleId)
                && Objects.equals(a.getWorkspaceId(), placement.workspaceId()) && Objects.equals(a.getTenantId(), placement.tenantId()));
        if (held) {
            throw Rejected.conflict("roleId", "the user already holds this role in this scope");
        }
        RoleAssignment assignment = new RoleAssignment(userId, roleId, user.getOrganizationId(), placement.workspaceId(),
                placement.tenantId(), caller.actor(), Instant.now());
        em.persist(assignment);
        changes.forget(userId);
        audit.changed(caller, "user.role.assign", "users/" + userId + "/roles/" + assignment.getId(), user.getOrganizationId());
        return view(assignment, role.getName());
    }

    public void removeRole(Caller caller, UUID userId, UUID assignmentId) {
        User user = manageable(caller, userId);
        RoleAssignment assignment = em.find(RoleAssignment.class, assignmentId);
        if (assignment == null || !assignment.getUserId().equals(userId)) {
            throw Rejected.notFound("role assignment", assignmentId);
        }
        Role role = em.find(Role.class, assignment.getRoleId());
        GrantRules.requireAssignable(caller, role.getName(), role.getPermissions());
        em.remove(assignment);
        changes.forget(userId);
        audit.changed(caller, "user.role.remove", "users/" + userId + "/roles/" + assignmentId, user.getOrganizationId());
    }

    public List<String> grantPermission(Caller caller, UUID userId, String name) {
        User user = manageable(caller, userId);
        StoredPermission permission = storedPermission(name);
        GrantRules.requireHeld(caller, List.of(permission.toPermission()));
        if (directPermissions(userId).contains(permission.getName())) {
            throw Rejected.conflict("permission", "the user already holds " + permission.getName() + " directly");
        }
        em.persist(new DirectPermission(userId, permission.getId(), caller.actor(), Instant.now()));
        changes.forget(userId);
        audit.changed(caller, "user.permission.grant", "users/" + userId + "/permissions/" + permission.getName(), user.getOrganizationId());
        return directPermissions(userId);
    }

    public void revokePermission(Caller caller, UUID userId, String name) {
        User user = manageable(caller, userId);
        StoredPermission permission = storedPermission(name);
        GrantRules.requireHeld(caller, List.of(permission.toPermission()));
        int removed = em.createQuery("DELETE FROM DirectPermission d WHERE d.userId = :user AND d.permissionId = :permission")
                .setParameter("user", userId).setParameter("permission", permission.getId()).executeUpdate();
        if (removed == 0) {
            throw Rejected.notFound("direct permission", permission.getName());
        }
        changes.forget(userId);
        audit.changed(caller, "user.permission.revoke", "users/" + userId + "/permissions/" + permission.getName(), user.getOrganizationId());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** A user in the caller's scope whom the caller outranks (404 / 403 otherwise). */
    private User manageable(Caller caller, UUID id) {
        User user = scope.require(caller, User.class, id, "user");
        requireOutranks(caller, user);
        return user;
    }

    private void requireOutranks(Caller caller, User user) {
        access.load(user.getId()).ifPresent(target -> GrantRules.requireOutranks(caller, target.roles(), target.permissions()));
    }

    private record Placement(UUID workspaceId, UUID tenantId) {
    }

    /** A workspace and tenant inside {@code organization}; a tenant alone implies its workspace. */
    private Placement placement(Caller caller, UUID organization, UUID workspaceId, UUID tenantId) {
        UUID workspace = workspaceId;
        if (tenantId != null) {
            Tenant tenant = scope.reference(caller, Tenant.class, tenantId, "tenantId", "tenant");
            if (workspace != null && !workspace.equals(tenant.getWorkspaceId())) {
                throw Rejected.invalid("tenantId", "tenant " + tenantId + " is not in workspace " + workspace);
            }
            workspace = tenant.getWorkspaceId();
        }
        if (workspace != null) {
            Workspace found = scope.reference(caller, Workspace.class, workspace, "workspaceId", "workspace");
            if (!found.getOrganizationId().equals(organization)) {
                throw Rejected.invalid(tenantId != null ? "tenantId" : "workspaceId", "the placement is not in the user's organization");
            }
        }
        return new Placement(workspace, tenantId);
    }

    private void requireUnusedEmail(String email) {
        long taken = em.createQuery("SELECT COUNT(u) FROM User u WHERE LOWER(u.email) = :email AND u.deletedAt IS NULL", Long.class)
                .setParameter("email", email).getSingleResult();
        if (taken > 0) {
            throw Rejected.conflict("email", "a user with this email exists");
        }
    }

    private String hash(String password, String email) {
        passwordPolicy.require(password, email, "password");
        return hasher.hash(password);
    }

    private StoredPermission storedPermission(String name) {
        Permission permission;
        try {
            permission = PermissionCatalog.known(name);
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("permission", e.getMessage());
        }
        return em.createQuery("SELECT p FROM StoredPermission p WHERE p.name = :name", StoredPermission.class)
                .setParameter("name", permission.toString()).getResultStream().findFirst()
                .orElseThrow(() -> Rejected.invalid("permission", "permission " + name + " is not in the stored catalogue"));
    }

    private List<RoleAssignment> assignments(UUID userId) {
        return em.createQuery("SELECT a FROM RoleAssignment a WHERE a.userId = :user", RoleAssignment.class)
                .setParameter("user", userId).getResultList();
    }

    private List<String> directPermissions(UUID userId) {
        return em.createQuery("SELECT p.name FROM StoredPermission p, DirectPermission d WHERE d.permissionId = p.id AND d.userId = :user "
                        + "ORDER BY p.name", String.class)
                .setParameter("user", userId).getResultList();
    }

    private UserView view(User user) {
        return views(List.of(user)).get(0);
    }

    /** Views with roles and direct permissions, read in two queries for the whole page. */
    private List<UserView> views(List<User> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = users.stream().map(User::getId).toList();
        Map<UUID, List<AssignmentView>> roles = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT a, r.name FROM RoleAssignment a, Role r WHERE r.id = a.roleId AND a.userId IN :ids",
                Object[].class).setParameter("ids", ids).getResultList()) {
            RoleAssignment assignment = (RoleAssignment) row[0];
            roles.computeIfAbsent(assignment.getUserId(), k -> new ArrayList<>()).add(view(assignment, (String) row[1]));
        }
        Map<UUID, List<String>> permissions = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT d.userId, p.name FROM DirectPermission d, StoredPermission p "
                + "WHERE p.id = d.permissionId AND d.userId IN :ids", Object[].class).setParameter("ids", ids).getResultList()) {
            permissions.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return users.stream().map(u -> new UserView(u.getId(), u.getEmail(), u.getFirstName(), u.getLastName(), u.getOrganizationId(),
                u.getWorkspaceId(), u.getTenantId(), u.getStatus(), u.isEmailVerified(), u.isMfaEnabled(), u.isPasswordChangeRequired(), u.getLastLoginAt().orElse(null),
                u.getCreatedAt(), u.getCreatedBy(), u.getUpdatedAt(), u.getUpdatedBy(),
                roles.getOrDefault(u.getId(), List.of()).stream().sorted(Comparator.comparing(AssignmentView::roleName)).toList(),
                permissions.getOrDefault(u.getId(), List.of()).stream().sorted().toList())).toList();
    }

    private static AssignmentView view(RoleAssignment assignment, String roleName) {
        return new AssignmentView(assignment.getId(), assignment.getRoleId(), roleName, assignment.getOrganizationId(),
                assignment.getWorkspaceId(), assignment.getTenantId(), assignment.getAssignedAt());
    }
}
