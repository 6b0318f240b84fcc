package io.telemetryflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.cache.CacheSeal;
import io.telemetryflow.platform.cache.TwoLevelCache;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

    private final Map<UUID, TenantPlacement> store = new HashMap<>();
    private final Set<UUID> inactive = new HashSet<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final TwoLevelCache cache = new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 1000, nanos::get);
    private final TenantDirectory directory = new TenantDirectory(id -> {
        lookups.incrementAndGet();
        return new TenantPlacement.Lookup(store.get(id), inactive.contains(id));
    }, cache);

    private final TenantPlacement tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void findsALiveTenantOnceThenFromTheCache() {
        store.put(tenant.tenantId(), tenant);
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void remembersThatATenantIsUnknown() {
        UUID unknown = UUID.randomUUID();
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anUnknownTenantIsRememberedOnlyBriefly() {
        UUID unknown = UUID.randomUUID();
        assertThat(directory.find(unknown)).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(lookups).as("half a minute later it is looked up again").hasValue(2);
    }

    @Test
    void aKnownTenantIsRememberedForTheProfilesLifetime() {
        store.put(tenant.tenantId(), tenant);
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void invalidatingTheTenantDropsItsAnswer() {
        assertThat(directory.find(tenant.tenantId())).isEmpty();
        store.put(tenant.tenantId(), tenant);
        cache.invalidateTenant(tenant.tenantId().toString());
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anInactiveTenantStaysReadableButTakesNoTelemetryUntilForgottenWhenActiveAgain() {
        store.put(tenant.tenantId(), tenant);
        inactive.add(tenant.tenantId());
        assertThat(directory.find(tenant.tenantId())).contains(tenant);
        assertThat(directory.findActive(tenant.tenantId())).isEmpty();
        inactive.remove(tenant.tenantId());
        assertThat(directory.findActive(tenant.tenantId())).as("cached until forgotten").isEmpty();
        directory.forget(tenant.tenantId());
        assertThat(directory.findActive(tenant.tenantId())).contains(tenant);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anUnknownTenantIsNeitherFoundNorActive() {
        UUID unknown = UUID.randomUUID();
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(directory.findActive(unknown)).isEmpty();
    }
}
