package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IamScopeRuleTest {

    private final UUID own = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void everyRoleBelowSuperAdministratorSeesOnlyItsOwnOrganization() {
        for (SystemRole role : new SystemRole[]{SystemRole.ADMINISTRATOR, SystemRole.DEVELOPER, SystemRole.VIEWER, SystemRole.DEMO}) {
            Caller caller = Callers.of(role, own);
            assertThat(IamScopeRule.visible(caller, own)).as(role.name()).isTrue();
            assertThat(IamScopeRule.visible(caller, other)).as(role.name()).isFalse();
        }
    }

    @Test
    void superAdministratorSeesEveryOrganization() {
        assertThat(IamScopeRule.visible(Callers.of(SystemRole.SUPER_ADMINISTRATOR, own), other)).isTrue();
    }

    @Test
    void platformWideObjectsAreVisibleToEveryone() {
        assertThat(IamScopeRule.visible(Callers.of(SystemRole.VIEWER, own), null)).isTrue();
    }

    @Test
    void listsOfLesserCallersAreRestrictedToTheirOrganization() {
        Caller admin = Callers.of(SystemRole.ADMINISTRATOR, own);
        assertThat(IamScopeRule.listScope(admin, null)).isEqualTo(new IamScopeRule.ListScope(java.util.Optional.of(own), false));
        assertThat(IamScopeRule.listScope(admin, own)).isEqualTo(new IamScopeRule.ListScope(java.util.Optional.of(own), false));
    }

    @Test
    void aLesserCallerFilteringByAnotherOrganizationMatchesNothing() {
        IamScopeRule.ListScope scope = IamScopeRule.listScope(Callers.of(SystemRole.ADMINISTRATOR, own), other);
        assertThat(scope.matchesNothing()).isTrue();
        assertThat(scope.organization()).contains(own);
    }

    @Test
    void superAdministratorListsAllOrTheOrganizationAskedFor() {
        Caller superAdministrator = Callers.of(SystemRole.SUPER_ADMINISTRATOR, own);
        assertThat(IamScopeRule.listScope(superAdministrator, null).organization()).isEmpty();
        assertThat(IamScopeRule.listScope(superAdministrator, other).organization()).contains(other);
        assertThat(IamScopeRule.listScope(superAdministrator, other).matchesNothing()).isFalse();
    }
}
