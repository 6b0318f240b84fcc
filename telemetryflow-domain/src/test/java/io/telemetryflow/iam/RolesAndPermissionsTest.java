package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RolesAndPermissionsTest {

    @Test
    void theCatalogueHoldsAtLeastTheReferencesIamPermissionsAndThePlatformOnes() {
        assertThat(PermissionCatalog.IAM).hasSizeGreaterThanOrEqualTo(22).doesNotHaveDuplicates();
        assertThat(PermissionCatalog.ALL).extracting(Permission::toString)
                .contains("users:create", "users:assign-roles", "roles:read", "permissions:read", "groups:delete",
                        "metrics:write", "traces:read", "alerts:write", "dashboards:read", "api-keys:rotate", "audit:read", "signing-keys:rotate");
        assertThatThrownBy(() -> PermissionCatalog.known("users:fly")).hasMessageContaining("unknown permission");
        assertThatThrownBy(() -> PermissionCatalog.known("*:*")).hasMessageContaining("unknown permission");
    }

    @Test
    void everyRoleHoldsExactlyWhatTheRoleMatrixSays() {
        assertThat(PermissionCatalog.ALL).extracting(Permission::toString).containsExactlyInAnyOrderElementsOf(RoleMatrix.CATALOGUE);
        for (SystemRole role : SystemRole.values()) {
            assertThat(role.permissions()).as(role.displayName()).extracting(Permission::toString)
                    .containsExactlyInAnyOrderElementsOf(RoleMatrix.holds(role));
        }
    }

    @Test
    void fiveTiersEachNoMorePowerfulThanTheOneAbove() {
        assertThat(Arrays.stream(SystemRole.values()).map(SystemRole::tier)).containsExactly(1, 2, 3, 4, 5);
        assertThat(SystemRole.SUPER_ADMINISTRATOR.permissions()).containsExactlyInAnyOrderElementsOf(PermissionCatalog.ALL);
        SystemRole[] roles = SystemRole.values();
        for (int i = 1; i < roles.length; i++) {
            assertThat(roles[i - 1].permissions()).as(roles[i - 1] + " ⊇ " + roles[i]).containsAll(roles[i].permissions());
        }
        assertThat(SystemRole.ADMINISTRATOR.permissions()).extracting(Permission::toString)
                .contains("users:create", "organizations:update").doesNotContain("organizations:create", "regions:delete", "signing-keys:rotate");
        assertThat(SystemRole.VIEWER.permissions()).allMatch(p -> p.action().equals("read"));
        assertThat(SystemRole.DEMO.permissions()).extracting(Permission::toString)
                .containsExactlyInAnyOrder("metrics:read", "logs:read", "traces:read", "dashboards:read");
        assertThat(SystemRole.byDisplayName("Viewer")).contains(SystemRole.VIEWER);
    }

    @Test
    void aCallerReachesItsOwnOrganizationOnlyUnlessSuperAdministrator() {
        UUID own = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Caller admin = new Caller(UUID.randomUUID(), "a@example.com", own, null, null, Set.of("Administrator"),
                SystemRole.ADMINISTRATOR.permissions(), false, null);
        Caller root = new Caller(UUID.randomUUID(), "r@example.com", own, null, null, Set.of("Super Administrator"),
                SystemRole.SUPER_ADMINISTRATOR.permissions(), true, null);
        assertThat(admin.reaches(own)).isTrue();
        assertThat(admin.reaches(other)).isFalse();
        assertThat(root.reaches(other)).isTrue();
        assertThat(admin.has(Permission.parse("users:create"))).isTrue();
        assertThat(admin.has(Permission.parse("regions:create"))).isFalse();
    }

    @Test
    void theUserLifecycleAllowsOnlyItsTransitions() {
        assertThat(UserStatus.CREATED.canBecome(UserStatus.ACTIVE)).isTrue();
        assertThat(UserStatus.CREATED.canBecome(UserStatus.INACTIVE)).isTrue();
        assertThat(UserStatus.CREATED.canBecome(UserStatus.DELETED)).isFalse();
        assertThat(UserStatus.ACTIVE.canBecome(UserStatus.INACTIVE)).isTrue();
        assertThat(UserStatus.INACTIVE.canBecome(UserStatus.ACTIVE)).isTrue();
        assertThat(UserStatus.INACTIVE.canBecome(UserStatus.DELETED)).isTrue();
        assertThat(UserStatus.DELETED.canBecome(UserStatus.ACTIVE)).isFalse();
        assertThatThrownBy(() -> UserStatus.DELETED.transitionTo(UserStatus.ACTIVE)).hasMessage("a deleted user cannot become active");
        assertThat(Arrays.stream(UserStatus.values()).filter(UserStatus::canLogIn)).containsExactly(UserStatus.ACTIVE);
    }
}
