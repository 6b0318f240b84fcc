package io.telemetryflow.apikey;

import io.telemetryflow.iam.Permission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.benmanes.caffeine.cache.Ticker;
import io.telemetryflow.apikey.ApiKeyVerifier.StoredKey;
import io.telemetryflow.platform.cache.CacheSeal;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.FailureBudget;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2Gate;
import io.telemetryflow.platform.security.Argon2idHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeyVerifierTest {

    private static final String ADDRESS = "192.0.2.1";
    private static final int FAILURES_PER_MINUTE = 5;

    private final SecureRandom random = new SecureRandom();
    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, random);
    private final Map<ApiKeyId, StoredKey> store = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final ApiKeyVerifier verifier = new ApiKeyVerifier(id -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(store.get(id));
    }, new Argon2Gate(1, Duration.ofSeconds(2)), new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 1000, Ticker.systemTicker()),
            new FailureBudget(new RateLimiter(Optional::empty, clock), "apikey-failures", "failed API-key authentications from this address",
                    FAILURES_PER_MINUTE), clock);

    private final ApiKeyId keyId = ApiKeyId.generate(random);
    private final ApiKeySecret secret = ApiKeySecret.generate(random);
    private final ApiKeyScope scope = ApiKeyScope.tenant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void acceptsTheRightPairAndHashesOnlyOnce() {
        store(key(null, false, null, null));
        ApiKeyVerdict first = verify(keyId.value(), secret.reveal());
        ApiKeyVerdict second = verify(keyId.value(), secret.reveal());
        assertThat(first.accepted()).hasValueSatisfying(principal -> {
            assertThat(principal.scope()).isEqualTo(scope);
            assertThat(principal.has(Permission.TRACES_WRITE)).isTrue();
            assertThat(principal.has(Permission.parse("audit:read"))).isFalse();
        });
        assertThat(second).isEqualTo(first);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void rejectsWrongSecretAndCachesTheRejection() {
        store(key(null, false, null, null));
        String wrong = ApiKeySecret.generate(random).reveal();
        assertThat(verify(keyId.value(), wrong).accepted()).isEmpty();
        assertThat(verify(keyId.value(), wrong).failure()).contains("wrong secret");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void rejectsMissingMalformedAndUnknownKeysWithoutHashing() {
        assertThat(verify(null, secret.reveal()).failure()).contains("missing");
        assertThat(verify("tfk_nope", secret.reveal()).failure()).isEqualTo("malformed API key");
        assertThat(verify(keyId.value(), "not-a-secret").failure()).isEqualTo("malformed API key");
        assertThat(lookups).hasValue(0);
        assertThat(verify(keyId.value(), secret.reveal()).failure()).contains("unknown API key");
    }

    @Test
    void revocationTakesEffectOnceTheKeyIsForgotten() {
        store(key(null, false, null, null));
        assertThat(verify(keyId.value(), secret.reveal()).accepted()).isPresent();
        store(key(null, true, null, null));
        verifier.forget(keyId);
        assertThat(verify(keyId.value(), secret.reveal()).failure()).contains("revoked");
    }

    @Test
    void aKeyWhoseTenantWorkspaceOrOrganizationIsGoneOrInactiveIsRefusedOnceForgotten() {
        store(key(null, false, null, null));
        assertThat(verify(keyId.value(), secret.reveal()).accepted()).isPresent();
        store(key(null, false, false, null, null));
        verifier.forget(keyId);
        assertThat(verify(keyId.value(), secret.reveal()).failure()).contains("deleted or inactive");
        // switched on again: forgetting re-reads the scope, so the cached refusal does not outlive it
        store(key(null, false, true, null, null));
        verifier.forget(keyId);
        assertThat(verify(keyId.value(), secret.reveal()).accepted()).isPresent();
    }

    @Test
    void expiryIsCheckedEvenForCachedVerdicts() {
        store(key(clock.instant().plus(Duration.ofMinutes(1)), false, null, null));
        assertThat(verify(keyId.value(), secret.reveal()).accepted()).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(verify(keyId.value(), secret.reveal()).failure()).contains("expired");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void rotatedOutSecretWorksOnlyDuringItsGracePeriod() {
        ApiKeySecret rotated = ApiKeySecret.generate(random);
        Instant graceEnds = clock.instant().plus(Duration.ofHours(24));
        store(new StoredKey(UUID.randomUUID(), keyId, scope, List.of(Permission.TRACES_WRITE), null, false, true,
                hasher.hash(rotated.reveal()), hasher.hash(secret.reveal()), graceEnds));
        verifier.forget(keyId);

        assertThat(verify(keyId.value(), rotated.reveal()).accepted()).isPresent();
        assertThat(verify(keyId.value(), secret.reveal()).accepted())
                .hasValueSatisfying(principal -> assertThat(principal.expiresAt()).isEqualTo(graceEnds));
        clock.advance(Duration.ofHours(25));
        assertThat(verify(keyId.value(), secret.reveal()).failure()).contains("expired");
        assertThat(verify(keyId.value(), rotated.reveal()).accepted()).isPresent();
    }

    @Test
    void anAddressOutOfFailuresIsRefusedBeforeTheLookupAndTheArgon2idCheck() {
        store(key(null, false, null, null));
        assertThat(verify(keyId.value(), secret.reveal()).accepted()).as("cached from now on").isPresent();
        for (int i = 0; i < FAILURES_PER_MINUTE; i++) {
            assertThat(verify(ApiKeyId.generate(random).value(), secret.reveal()).failure()).contains("unknown API key");
        }
        assertThat(lookups).hasValue(1 + FAILURES_PER_MINUTE);

        Rejected randomId = catchThrowableOfType(() -> verify(ApiKeyId.generate(random).value(), secret.reveal()), Rejected.class);
        Rejected randomSecret = catchThrowableOfType(() -> verify(keyId.value(), ApiKeySecret.generate(random).reveal()), Rejected.class);
        assertThat(randomId.reason()).isEqualTo(Rejected.Reason.TOO_MANY_REQUESTS);
        assertThat(randomId.retryAfterSeconds()).isPositive();
        assertThat(randomSecret.reason()).isEqualTo(Rejected.Reason.TOO_MANY_REQUESTS);
        assertThat(lookups).as("neither reached the store nor Argon2id").hasValue(1 + FAILURES_PER_MINUTE);

        assertThat(verify(keyId.value(), secret.reveal()).accepted()).as("a cached right pair costs nothing").isPresent();
        assertThat(verifier.verify(ApiKeyId.generate(random).value(), secret.reveal(), "192.0.2.2").failure())
                .as("another address has its own budget").contains("unknown API key");
    }

    @Test
    void rightPairsDoNotSpendTheBudget() {
        store(key(null, false, null, null));
        for (int i = 0; i < 3 * FAILURES_PER_MINUTE; i++) {
            verifier.forget(keyId);   // each time a fresh lookup and Argon2id check
            assertThat(verify(keyId.value(), secret.reveal()).accepted()).isPresent();
        }
        assertThat(verify(ApiKeyId.generate(random).value(), secret.reveal()).failure()).contains("unknown API key");
    }

    private ApiKeyVerdict verify(String presentedKeyId, String presentedSecret) {
        return verifier.verify(presentedKeyId, presentedSecret, ADDRESS);
    }

    private StoredKey key(Instant expiresAt, boolean revoked, String previousHash, Instant previousValidUntil) {
        return key(expiresAt, revoked, true, previousHash, previousValidUntil);
    }

    private StoredKey key(Instant expiresAt, boolean revoked, boolean scopeLive, String previousHash, Instant previousValidUntil) {
        return new StoredKey(UUID.randomUUID(), keyId, scope, List.of(Permission.METRICS_WRITE, Permission.LOGS_WRITE, Permission.TRACES_WRITE),
                expiresAt, revoked, scopeLive, hasher.hash(secret.reveal()), previousHash, previousValidUntil);
    }

    private void store(StoredKey key) {
        store.put(key.keyId(), key);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
