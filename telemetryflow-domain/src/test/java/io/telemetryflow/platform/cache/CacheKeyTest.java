package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CacheKeyTest {

    @Test
    void storageKeyChangesWithGeneration() {
        CacheKey key = new CacheKey("services", "t1", "all");
        assertThat(key.storageKey(0)).isEqualTo("services:t1:g0:all");
        assertThat(key.storageKey(1)).isNotEqualTo(key.storageKey(0));
    }

    @Test
    void tenantCannotForgeAnotherTenantsKey() {
        // a ':' in the tenant would let "a:g0" collide with tenant "a" generation 0
        assertThatThrownBy(() -> new CacheKey("services", "a:g0", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheKey("", "t", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profilesKeepL2LongerThanL1() {
        for (CacheProfile profile : CacheProfile.values()) {
            assertThat(profile.l2Ttl()).isGreaterThan(profile.l1Ttl());
        }
        assertThat(CacheProfile.SHORT.l1Ttl().toMinutes()).isEqualTo(1);
        assertThat(CacheProfile.STATIC.l2Ttl().toHours()).isEqualTo(24);
    }
}
