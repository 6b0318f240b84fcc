package io.telemetryflow.iam;

import io.telemetryflow.tenancy.NullableUuid;
import io.telemetryflow.tenancy.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A named set of permissions. The five system roles are seeded and cannot be changed; custom roles
 * belong to one organization and are created by its administrators.
 */
@Entity
@Table(name = "roles")
public class Role extends AuditedEntity {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private int tier;

    @Column(name = "system_role", nullable = false, updatable = false)
    private boolean systemRole;

    @Column(name = "organization_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID organizationId;

    @ManyToMany
    @JoinTable(name = "role_permissions",
            joinColumns = @JoinColumn(name = "role_id"),
            inverseJoinColumns = @JoinColumn(name = "permission_id"))
    private Set<StoredPermission> permissions = new HashSet<>();

    protected Role() {
    }

    private Role(String name, String description, int tier, boolean systemRole, UUID organizationId,
                 Set<StoredPermission> permissions, String actor, Instant now) {
        super(actor, now);
        this.name = name;
        this.description = description;
        this.tier = tier;
        this.systemRole = systemRole;
        this.organizationId = organizationId;
        this.permissions = new HashSet<>(permissions);
    }

    public static Role system(SystemRole role, Set<StoredPermission> permissions, String actor, Instant now) {
        return new Role(role.displayName(), role.description(), role.tier(), true, null, permissions, actor, now);
    }

    public static Role custom(UUID organizationId, String name, String description, int tier, Set<StoredPermission> permissions,
                              String actor, Instant now) {
        return new Role(name, description, tier, false, organizationId, permissions, actor, now);
    }

    /** Changes a custom role; system roles are fixed. */
    public void redefine(String name, String description, Set<StoredPermission> permissions, String actor, Instant now) {
        if (systemRole) {
            throw new IllegalStateException("system role '" + this.name + "' cannot be changed");
        }
        this.name = name;
        this.description = description;
        this.permissions = new HashSet<>(permissions);
        touched(actor, now);
    }

    /** System roles get their catalogue permissions re-applied at start-up, so a new permission reaches them. */
    void resetSystemPermissions(Set<StoredPermission> permissions) {
        this.permissions = new HashSet<>(permissions);
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public int getTier() {
        return tier;
    }

    public boolean isSystemRole() {
        return systemRole;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public Set<Permission> getPermissions() {
        return permissions.stream().map(StoredPermission::toPermission).collect(Collectors.toUnmodifiableSet());
    }
}
