package io.telemetryflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.FailureCount;
import io.telemetryflow.iam.LockoutPolicy;
import io.telemetryflow.platform.cache.HazelcastMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The node-local counts a node keeps when the cluster cache is not running. */
class LoginFailureCountsTest {

    private final LockoutPolicy perAddress = LockoutPolicy.fixed(5, Duration.ofMinutes(15), Duration.ofDays(1));
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    private final LoginFailureCounts counts = counts(t0);

    @Test
    void failuresAreCountedPerEmailAndAddress() {
        String here = LoginFailureCounts.fromAddress("digest", "198.51.100.1");
        String there = LoginFailureCounts.fromAddress("digest", "198.51.100.2");
        for (int i = 0; i < 5; i++) {
            fail(here);
        }
        assertThat(counts.get(here).isLockedAt(t0)).isTrue();
        assertThat(counts.get(there)).isEqualTo(FailureCount.NONE);
        assertThat(counts.get(LoginFailureCounts.ofUnknownAccount("digest"))).isEqualTo(FailureCount.NONE);
        counts.clear(here);
        assertThat(counts.get(here).failures()).isZero();
    }

    @Test
    void aCountIsGoneAfterItsRetention() {
        String key = LoginFailureCounts.fromAddress("digest", "198.51.100.1");
        fail(key);
        counts.clock = Clock.fixed(t0.plus(Duration.ofDays(1)).minusMillis(1), ZoneOffset.UTC);
        assertThat(counts.get(key).failures()).isEqualTo(1);
        counts.clock = Clock.fixed(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        assertThat(counts.get(key)).isEqualTo(FailureCount.NONE);
    }

    private void fail(String key) {
        counts.update(key, count -> perAddress.afterFailure(count, t0), perAddress.retention());
    }

    private static LoginFailureCounts counts(Instant now) {
        LoginFailureCounts counts = new LoginFailureCounts();
        counts.hazelcast = new HazelcastMember();
        counts.clock = Clock.fixed(now, ZoneOffset.UTC);
        return counts;
    }
}
