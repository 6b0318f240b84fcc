package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GrantRulesTest {

    private final UUID organization = UUID.randomUUID();
    private final Caller admin = Callers.of(SystemRole.ADMINISTRATOR, organization);
    private final Caller developer = Callers.of(SystemRole.DEVELOPER, organization);
    private final Caller superAdministrator = Callers.of(SystemRole.SUPER_ADMINISTRATOR, organization);

    @Test
    void aSubsetOfTheGrantersPermissionsIsGrantable() {
        assertThatCode(() -> GrantRules.requireHeld(developer, PermissionCatalog.named("metrics:read", "api-keys:create")))
                .doesNotThrowAnyException();
    }

    @Test
    void permissionsBeyondTheGrantersAreRefusedByName() {
        assertThatThrownBy(() -> GrantRules.requireHeld(developer, PermissionCatalog.named("metrics:read", "users:delete", "audit:read")))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(Rejected.Reason.FORBIDDEN);
                    assertThat(r.getMessage()).contains("audit:read, users:delete").doesNotContain("metrics:read");
                });
    }

    @Test
    void wildcardsHeldByTheGranterCover() {
        Caller wildcard = new Caller(UUID.randomUUID(), "w@example.com", organization, null, null, Set.of("custom"),
                Set.of(Permission.parse("metrics:*")), false, "s");
        assertThat(GrantRules.notHeld(wildcard, PermissionCatalog.named("metrics:read", "metrics:write", "logs:read")))
                .containsExactly("logs:read");
    }

    @Test
    void onlyASuperAdministratorAssignsTheSuperAdministratorRole() {
        String name = SystemRole.SUPER_ADMINISTRATOR.displayName();
        Set<Permission> permissions = SystemRole.SUPER_ADMINISTRATOR.permissions();
        assertThatThrownBy(() -> GrantRules.requireAssignable(admin, name, permissions))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Rejected.Reason.FORBIDDEN));
        assertThatCode(() -> GrantRules.requireAssignable(superAdministrator, name, permissions)).doesNotThrowAnyException();
    }

    @Test
    void anAdministratorAssignsLesserSystemRolesButNotRolesAboveItsGrant() {
        for (SystemRole role : new SystemRole[]{SystemRole.ADMINISTRATOR, SystemRole.DEVELOPER, SystemRole.VIEWER, SystemRole.DEMO}) {
            assertThatCode(() -> GrantRules.requireAssignable(admin, role.displayName(), role.permissions())).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> GrantRules.requireAssignable(developer, SystemRole.ADMINISTRATOR.displayName(),
                SystemRole.ADMINISTRATOR.permissions())).isInstanceOf(Rejected.class);
    }

    @Test
    void nobodyManagesAUserWhoHoldsMoreThanThey() {
        assertThatThrownBy(() -> GrantRules.requireOutranks(admin, Set.of(SystemRole.SUPER_ADMINISTRATOR.displayName()),
                SystemRole.SUPER_ADMINISTRATOR.permissions())).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> GrantRules.requireOutranks(developer, Set.of("Administrator"), SystemRole.ADMINISTRATOR.permissions()))
                .isInstanceOf(Rejected.class);
        assertThatCode(() -> GrantRules.requireOutranks(admin, Set.of("Developer"), SystemRole.DEVELOPER.permissions()))
                .doesNotThrowAnyException();
        assertThatCode(() -> GrantRules.requireOutranks(superAdministrator, Set.of("Super Administrator"),
                SystemRole.SUPER_ADMINISTRATOR.permissions())).doesNotThrowAnyException();
    }

    @Test
    void customRolesCannotTakeASystemRolesName() {
        assertThatThrownBy(() -> GrantRules.requireCustomRoleName("  super administrator "))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(Rejected.Reason.CONFLICT);
                    assertThat(r.field()).isEqualTo("name");
                });
        assertThatCode(() -> GrantRules.requireCustomRoleName("On-call engineer")).doesNotThrowAnyException();
    }
}
