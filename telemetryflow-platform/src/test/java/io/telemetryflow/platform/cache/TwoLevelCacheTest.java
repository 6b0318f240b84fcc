package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What ids a client makes up can cost one node (L1 alone; the cluster tier is in TwoLevelCacheIT): the generation
 * table and the negative answers are bounded and expire, and a forgotten generation revives nothing.
 */
class TwoLevelCacheTest {

    private static final int L1_MAX = 10;

    private final AtomicLong nanos = new AtomicLong();
    private final TwoLevelCache cache = new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), L1_MAX, nanos::get);
    private final AtomicInteger computations = new AtomicInteger();

    @Test
    void randomTenantIdsDoNotGrowTheGenerationTable() {
        for (int i = 0; i < 10_000; i++) {
            cache.get(new CacheKey("apikey-verdict", "tfk_" + UUID.randomUUID(), "digest"), CacheProfile.SHORT);
        }
        cache.cleanUp();
        assertThat(cache.generationsHeld()).isLessThanOrEqualTo(L1_MAX * (CacheProfile.values().length + 2));
    }

    @Test
    void answersInL1AreBoundedByTheirSizeNotTheirNumber() {
        TwoLevelCache bounded = new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 1000, 100_000, nanos::get);
        String tenKiB = "a".repeat(5 * 1024);   // 10 KiB at two bytes a character
        for (int i = 0; i < 100; i++) {
            bounded.put(new CacheKey("logs", "t1", "q" + i), tenKiB, Duration.ofMinutes(1));
        }
        bounded.cleanUp();
        assertThat(bounded.answerBytesHeld()).isBetween(50_000L, 100_000L);

        CacheKey huge = new CacheKey("logs", "t1", "huge");
        bounded.put(huge, "b".repeat(60_000), Duration.ofMinutes(1));   // 120 kB: more than the whole bound
        bounded.cleanUp();
        assertThat(bounded.<String>get(huge)).isEmpty();
        assertThat(bounded.answerBytesHeld()).isLessThanOrEqualTo(100_000L);
    }

    @Test
    void idleGenerationsAreForgotten() {
        cache.get(new CacheKey("services", "t1", "checkout"), CacheProfile.SHORT);
        assertThat(cache.generationsHeld()).isEqualTo(1);
        advance(TwoLevelCache.GENERATION_IDLE.plusSeconds(1));
        cache.cleanUp();
        assertThat(cache.generationsHeld()).isZero();
    }

    @Test
    void aGenerationForgottenWhileIdleRevivesNoOlderEntry() {
        CacheKey key = new CacheKey("services", "t1", "checkout");
        cache.put(key, "before the change", CacheProfile.STATIC);   // an hour in L1
        cache.invalidateTenant("t1");
        advance(TwoLevelCache.GENERATION_IDLE.plusSeconds(1));        // t1's generation is forgotten, the entry is not
        cache.cleanUp();

        assertThat(cache.get(key, CacheProfile.STATIC)).isEmpty();
        cache.put(key, "after the change", CacheProfile.STATIC);
        assertThat(cache.<String>get(key, CacheProfile.STATIC)).contains("after the change");
    }

    @Test
    void aGenerationEvictedByAFloodOfRandomTenantsRevivesNoOlderEntry() {
        CacheKey key = new CacheKey("tenant-placement", "t1", "live");
        cache.put(key, "before the change", CacheProfile.STATIC);
        cache.invalidateTenant("t1");
        for (int i = 0; i < 10_000; i++) {
            cache.get(new CacheKey("tenant-placement", UUID.randomUUID().toString(), "live"), CacheProfile.SHORT);
        }
        cache.cleanUp();

        assertThat(cache.get(key, CacheProfile.STATIC)).isEmpty();
    }

    @Test
    void invalidatingAForgottenTenantRevivesNoOlderEntry() {
        CacheKey key = new CacheKey("services", "t1", "checkout");
        cache.invalidateTenant("t1");
        cache.put(key, "between two changes", CacheProfile.STATIC);
        cache.invalidateTenant("t1");
        advance(TwoLevelCache.GENERATION_IDLE.plusSeconds(1));
        cache.cleanUp();

        cache.invalidateTenant("t1");
        assertThat(cache.get(key, CacheProfile.STATIC)).isEmpty();
    }

    @Test
    void anUnchangedTenantKeepsItsEntriesWhenItsGenerationIsForgotten() {
        CacheKey key = new CacheKey("services", "t1", "checkout");
        cache.put(key, "current", CacheProfile.STATIC);
        advance(TwoLevelCache.GENERATION_IDLE.plusSeconds(1));
        cache.cleanUp();
        assertThat(cache.<String>get(key, CacheProfile.STATIC)).contains("current");
    }

    @Test
    void aNegativeAnswerIsKeptBrieflyThenComputedAgain() {
        CacheKey key = new CacheKey("apikey-verdict", "tfk_unknown", "digest");
        // STATIC would keep a value an hour in L1: a negative one it keeps NEGATIVE_TTL
        assertThat(cache.getOrCompute(key, CacheProfile.STATIC, this::noSuchKey, answer -> true)).isEqualTo("no such key");
        assertThat(cache.getOrCompute(key, CacheProfile.STATIC, this::noSuchKey, answer -> true)).isEqualTo("no such key");
        assertThat(computations).hasValue(1);

        advance(TwoLevelCache.NEGATIVE_TTL.plusSeconds(1));
        cache.getOrCompute(key, CacheProfile.STATIC, this::noSuchKey, answer -> true);
        assertThat(computations).hasValue(2);
    }

    @Test
    void negativeAnswersAreBounded() {
        for (int i = 0; i < 1_000; i++) {
            CacheProfile profile = CacheProfile.values()[i % CacheProfile.values().length];
            cache.getOrCompute(new CacheKey("apikey-verdict", "tfk_" + i, "digest"), profile, this::noSuchKey, answer -> true);
        }
        cache.cleanUp();
        assertThat(cache.statistics().l1Entries()).as("one bound for all of them, whatever their profile").isLessThanOrEqualTo(L1_MAX);
    }

    @Test
    void invalidatingATenantDropsItsNegativeAnswer() {
        CacheKey key = new CacheKey("tenant-placement", "t1", "live");
        cache.getOrCompute(key, CacheProfile.SHORT, this::noSuchKey, answer -> true);
        cache.invalidateTenant("t1");   // e.g. the tenant was created after telemetry named it
        cache.getOrCompute(key, CacheProfile.SHORT, this::noSuchKey, answer -> true);
        assertThat(computations).hasValue(2);
    }

    private String noSuchKey() {
        computations.incrementAndGet();
        return "no such key";
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
