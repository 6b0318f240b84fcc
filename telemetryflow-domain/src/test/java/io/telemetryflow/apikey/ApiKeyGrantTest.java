package io.telemetryflow.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.SystemRole;
import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ApiKeyGrantTest {

    private final UUID ownOrganization = UUID.randomUUID();
    private final UUID otherOrganization = UUID.randomUUID();
    private final UUID ownWorkspace = UUID.randomUUID();
    private final UUID secondOwnWorkspace = UUID.randomUUID();
    private final UUID otherWorkspace = UUID.randomUUID();
    private final UUID ownTenant = UUID.randomUUID();
    private final UUID tenantOfSecondWorkspace = UUID.randomUUID();
    private final UUID otherTenant = UUID.randomUUID();

    private final Map<UUID, UUID> workspaceOrganizations = Map.of(ownWorkspace, ownOrganization, secondOwnWorkspace, ownOrganization,
            otherWorkspace, otherOrganization);
    private final Map<UUID, UUID> tenantWorkspaces = Map.of(ownTenant, ownWorkspace, tenantOfSecondWorkspace, secondOwnWorkspace,
            otherTenant, otherWorkspace);
    private final ApiKeyGrant.Tenancy tenancy = new ApiKeyGrant.Tenancy(Set.of(ownOrganization, otherOrganization)::contains,
            w -> Optional.ofNullable(workspaceOrganizations.get(w)), t -> Optional.ofNullable(tenantWorkspaces.get(t)));

    private final Caller developer = caller(SystemRole.DEVELOPER, false);
    private final Caller superAdministrator = caller(SystemRole.SUPER_ADMINISTRATOR, true);

    @Test
    void permissionsTheCallerHoldsAreGranted() {
        assertThat(ApiKeyGrant.permissions(developer, List.of("traces:write", "metrics:write", "traces:write"), ownScope()))
                .containsExactly(Permission.TRACES_WRITE, Permission.METRICS_WRITE);
    }

    @Test
    void aPermissionTheCallerLacksIsForbiddenByName() {
        assertRejected(() -> ApiKeyGrant.permissions(developer, List.of("traces:write", "users:create"), ownScope()), Rejected.Reason.FORBIDDEN, null)
                .hasMessageContaining("users:create");
    }

    @Test
    void unknownWildcardOrMissingPermissionsAreInvalid() {
        assertRejected(() -> ApiKeyGrant.permissions(developer, List.of("traces:fly"), ownScope()), Rejected.Reason.INVALID, "permissions")
                .hasMessageContaining("traces:fly");
        assertRejected(() -> ApiKeyGrant.permissions(superAdministrator, List.of("*:*"), ownScope()), Rejected.Reason.INVALID, "permissions");
        assertRejected(() -> ApiKeyGrant.permissions(developer, List.of("not a permission"), ownScope()), Rejected.Reason.INVALID, "permissions");
        assertRejected(() -> ApiKeyGrant.permissions(developer, List.of(), ownScope()), Rejected.Reason.INVALID, "permissions");
    }

    @Test
    void rotatingNeedsEveryPermissionOfTheKey() {
        ApiKeyGrant.requireHeld(developer, List.of(Permission.LOGS_WRITE), ownScope());
        assertRejected(() -> ApiKeyGrant.requireHeld(developer, List.of(Permission.LOGS_WRITE, Permission.parse("audit:read")), ownScope()),
                Rejected.Reason.FORBIDDEN, null).hasMessageContaining("audit:read");
    }

    @Test
    void scopeDefaultsToTheCallersOrganizationAndTheTenantsWorkspace() {
        assertThat(ApiKeyGrant.scope(developer, null, null, null, tenancy)).isEqualTo(new ApiKeyScope(ownOrganization, null, null));
        assertThat(ApiKeyGrant.scope(developer, null, ownWorkspace, null, tenancy))
                .isEqualTo(new ApiKeyScope(ownOrganization, ownWorkspace, null));
        assertThat(ApiKeyGrant.scope(developer, ownOrganization, null, ownTenant, tenancy))
                .isEqualTo(ApiKeyScope.tenant(ownOrganization, ownWorkspace, ownTenant));
    }

    @Test
    void anotherOrganizationsObjectsAreNotFound() {
        assertRejected(() -> ApiKeyGrant.scope(developer, otherOrganization, null, null, tenancy), Rejected.Reason.NOT_FOUND, null);
        assertRejected(() -> ApiKeyGrant.scope(developer, null, otherWorkspace, null, tenancy), Rejected.Reason.NOT_FOUND, null);
        assertRejected(() -> ApiKeyGrant.scope(developer, null, null, otherTenant, tenancy), Rejected.Reason.NOT_FOUND, null);
        assertRejected(() -> ApiKeyGrant.scope(developer, null, UUID.randomUUID(), null, tenancy), Rejected.Reason.NOT_FOUND, null);
        assertRejected(() -> ApiKeyGrant.scope(superAdministrator, UUID.randomUUID(), null, null, tenancy), Rejected.Reason.NOT_FOUND, null);
    }

    @Test
    void partsThatDoNotNestAreInvalidOnTheirField() {
        assertRejected(() -> ApiKeyGrant.scope(developer, null, ownWorkspace, tenantOfSecondWorkspace, tenancy),
                Rejected.Reason.INVALID, "tenantId");
        assertRejected(() -> ApiKeyGrant.scope(superAdministrator, ownOrganization, otherWorkspace, null, tenancy),
                Rejected.Reason.INVALID, "workspaceId");
        assertRejected(() -> ApiKeyGrant.scope(superAdministrator, ownOrganization, null, otherTenant, tenancy),
                Rejected.Reason.INVALID, "tenantId");
    }

    @Test
    void aSuperAdministratorReachesEveryOrganization() {
        assertThat(ApiKeyGrant.scope(superAdministrator, otherOrganization, otherWorkspace, otherTenant, tenancy))
                .isEqualTo(ApiKeyScope.tenant(otherOrganization, otherWorkspace, otherTenant));
    }

    @Test
    void expiryMustLieInTheFuture() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(ApiKeyGrant.expiry(null, now)).isNull();
        assertThat(ApiKeyGrant.expiry(now.plusSeconds(1), now)).isEqualTo(now.plusSeconds(1));
        assertRejected(() -> ApiKeyGrant.expiry(now, now), Rejected.Reason.INVALID, "expiresAt");
    }

    @Test
    void statusPrefersRevocationOverExpiry() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(ApiKeyStatus.of(null, null, now)).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(ApiKeyStatus.of(null, now.plusSeconds(1), now)).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(ApiKeyStatus.of(null, now, now)).isEqualTo(ApiKeyStatus.EXPIRED);
        assertThat(ApiKeyStatus.of(now.minusSeconds(5), now.minusSeconds(1), now)).isEqualTo(ApiKeyStatus.REVOKED);
    }

    private Caller caller(SystemRole role, boolean superAdministrator) {
        return new Caller(UUID.randomUUID(), role.name().toLowerCase() + "@example.com", ownOrganization, null, null,
                Set.of(role.displayName()), role.permissions(), superAdministrator, "session");
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            ThrowingCallable call, Rejected.Reason reason, String field) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.field()).isEqualTo(field);
        });
    }

    private ApiKeyScope ownScope() {
        return new ApiKeyScope(ownOrganization, null, null);
    }

    @Test
    void aRoleNarrowedToAWorkspaceGrantsKeysThereOnly() {
        Caller scoped = new Caller(UUID.randomUUID(), "scoped@example.com", ownOrganization, null, null, Set.of(), Set.of(),
                List.of(new io.telemetryflow.iam.ScopedGrant(ownWorkspace, null, SystemRole.DEVELOPER.permissions())), false, null);
        ApiKeyScope inWorkspace = new ApiKeyScope(ownOrganization, ownWorkspace, null);
        ApiKeyScope inItsTenant = new ApiKeyScope(ownOrganization, ownWorkspace, ownTenant);
        ApiKeyScope elsewhere = new ApiKeyScope(ownOrganization, secondOwnWorkspace, null);
        Permission create = Permission.parse("api-keys:create");
        assertThat(ApiKeyGrant.permissions(scoped, List.of("traces:write"), inItsTenant)).containsExactly(Permission.TRACES_WRITE);
        assertThat(ApiKeyGrant.allowedOn(scoped, create, inWorkspace)).isTrue();
        assertThat(ApiKeyGrant.allowedOn(scoped, create, inItsTenant)).isTrue();
        assertThat(ApiKeyGrant.allowedOn(scoped, create, elsewhere)).isFalse();
        assertThat(ApiKeyGrant.allowedOn(scoped, create, ownScope())).as("organization-wide key").isFalse();
        assertRejected(() -> ApiKeyGrant.permissions(scoped, List.of("traces:write"), ownScope()), Rejected.Reason.FORBIDDEN, null);
    }
}
