package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.ScopedGrant;
import io.telemetryflow.platform.cache.CacheSeal;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.tenancy.TenantDirectory;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TelemetryScopesTest {

    private final UUID organization = UUID.randomUUID();
    private final TenantPlacement home = new TenantPlacement(organization, UUID.randomUUID(), UUID.randomUUID());
    private final TenantPlacement sibling = new TenantPlacement(organization, UUID.randomUUID(), UUID.randomUUID());
    private final TenantPlacement foreign = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void theHomeTenantIsTheDefaultAndANamedTenantMustBeAUuid() {
        Caller viewer = caller(Set.of(Permission.LOGS_READ), List.of(), false, home.tenantId());
        assertThat(TelemetryScopes.tenantId(viewer, null)).isEqualTo(home.tenantId());
        assertThat(TelemetryScopes.tenantId(viewer, " ")).isEqualTo(home.tenantId());
        assertThat(TelemetryScopes.tenantId(viewer, sibling.tenantId().toString())).isEqualTo(sibling.tenantId());
        assertThatThrownBy(() -> TelemetryScopes.tenantId(viewer, "' OR 1=1")).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.field()).isEqualTo("tenantId"));
        Caller homeless = caller(Set.of(Permission.LOGS_READ), List.of(), false, null);
        assertThatThrownBy(() -> TelemetryScopes.tenantId(homeless, null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("no home tenant");
    }

    @Test
    void anOrganizationWideReaderReadsEveryTenantOfItsOrganizationOnly() {
        Caller viewer = caller(Set.of(Permission.LOGS_READ), List.of(), false, home.tenantId());
        assertThat(TelemetryScopes.readable(viewer, Optional.of(home), Permission.LOGS_READ)).contains(home);
        assertThat(TelemetryScopes.readable(viewer, Optional.of(sibling), Permission.LOGS_READ)).contains(sibling);
        assertThat(TelemetryScopes.readable(viewer, Optional.of(foreign), Permission.LOGS_READ)).isEmpty();
        assertThat(TelemetryScopes.readable(viewer, Optional.of(home), Permission.TRACES_READ)).isEmpty();
        assertThat(TelemetryScopes.readable(viewer, Optional.empty(), Permission.LOGS_READ)).isEmpty();
    }

    @Test
    void aNarrowedRoleReadsOnlyWhereItHolds() {
        Caller narrowed = caller(Set.of(), List.of(new ScopedGrant(sibling.workspaceId(), sibling.tenantId(),
                Set.of(Permission.METRICS_READ))), false, home.tenantId());
        assertThat(TelemetryScopes.readable(narrowed, Optional.of(sibling), Permission.METRICS_READ)).contains(sibling);
        assertThat(TelemetryScopes.readable(narrowed, Optional.of(home), Permission.METRICS_READ)).isEmpty();
        assertThat(TelemetryScopes.readable(narrowed, Optional.of(sibling), Permission.LOGS_READ)).isEmpty();
    }

    @Test
    void aSuperAdministratorReadsAnyOrganizationsTenant() {
        Caller root = caller(Set.of(), List.of(), true, home.tenantId());
        assertThat(TelemetryScopes.readable(root, Optional.of(foreign), Permission.TRACES_READ)).contains(foreign);
    }

    @Test
    void aUserOutOfRefusalsGets429BeforeAnyLookupExceptForTheHomeTenant() {
        Map<UUID, TenantPlacement> live = Map.of(home.tenantId(), home, sibling.tenantId(), sibling, foreign.tenantId(), foreign);
        AtomicInteger lookups = new AtomicInteger();
        TelemetryScopes scopes = new TelemetryScopes();
        scopes.tenants = new TenantDirectory(id -> {
            lookups.incrementAndGet();
            return new TenantPlacement.Lookup(live.get(id), false);
        }, new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 1000, System::nanoTime));
        scopes.rateLimiter = new RateLimiter(Optional::empty, Clock.fixed(Instant.parse("2026-12-06T12:00:10Z"), ZoneOffset.UTC));
        scopes.refusedTenantsPerMinute = 3;
        scopes.budget();
        Caller viewer = caller(Set.of(Permission.LOGS_READ), List.of(), false, home.tenantId());

        // another organization's tenant and made-up ids: 404 alike, each spending one refusal
        List<String> refused = List.of(foreign.tenantId().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String tenant : refused) {
            assertThatThrownBy(() -> scopes.resolve(viewer, tenant, Permission.LOGS_READ)).isInstanceOfSatisfying(Rejected.class,
                    rejected -> assertThat(rejected.reason().status()).isEqualTo(404));
        }
        assertThat(lookups).hasValue(3);
        String another = UUID.randomUUID().toString();
        assertThatThrownBy(() -> scopes.resolve(viewer, another, Permission.LOGS_READ)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason().status()).isEqualTo(429));
        assertThat(lookups).as("refused before the lookup").hasValue(3);
        assertThat(scopes.resolve(viewer, null, Permission.LOGS_READ)).as("the home tenant still answers").isEqualTo(home);
        // the live tail's periodic check of a subscribed tenant is outside the budget
        assertThat(scopes.recheck(viewer, sibling.tenantId().toString(), Permission.LOGS_READ)).isEqualTo(sibling);
        assertThatThrownBy(() -> scopes.recheck(viewer, foreign.tenantId().toString(), Permission.LOGS_READ))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason().status()).isEqualTo(404));
        Caller colleague = caller(Set.of(Permission.LOGS_READ), List.of(), false, home.tenantId());
        assertThatThrownBy(() -> scopes.resolve(colleague, another, Permission.LOGS_READ)).as("a budget per user")
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason().status()).isEqualTo(404));
    }

    private Caller caller(Set<Permission> permissions, List<ScopedGrant> grants, boolean superAdministrator, UUID tenant) {
        return new Caller(UUID.randomUUID(), "someone@example.com", organization, home.workspaceId(), tenant, Set.of("Viewer"),
                permissions, grants, superAdministrator, "sid");
    }
}
