package io.telemetryflow.platform.cache;

import static io.telemetryflow.platform.cache.HazelcastTestCluster.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two-level cache over real embedded Hazelcast members on a cluster of the test's own. */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a member that never forms a cluster
class TwoLevelCacheIT {

    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);

    private final HazelcastTestCluster cluster = new HazelcastTestCluster();

    @AfterEach
    void stopMembers() {
        cluster.close();
    }

    @Test
    void readsHitL1ThenL2ClusterWideThenMissAndAreCountedExactly() {
        HazelcastInstance memberA = cluster.startMember();
        HazelcastInstance memberB = cluster.startMember();
        TwoLevelCache nodeA = cacheOn(memberA);
        TwoLevelCache nodeB = cacheOn(memberB);
        CacheKey key = new CacheKey("services", "t1", "checkout");

        nodeA.put(key, "v1", CacheProfile.SHORT);

        assertThat(nodeA.<String>get(key, CacheProfile.SHORT)).contains("v1");    // L1 of the writer
        assertThat(nodeB.<String>get(key, CacheProfile.SHORT)).contains("v1");    // L2: B never saw the put
        assertThat(nodeB.<String>get(key, CacheProfile.SHORT)).contains("v1");    // B's L1, refilled from L2
        assertThat(nodeB.get(new CacheKey("services", "t1", "absent"), CacheProfile.SHORT)).isEmpty();

        // mode, l1Hits, l2Hits, misses, puts, invalidations, l2Failures, l1Entries
        assertThat(nodeA.statistics()).isEqualTo(new CacheStatistics(CacheMode.L1_AND_L2, 1, 0, 0, 1, 0, 0, 1));
        assertThat(nodeB.statistics()).isEqualTo(new CacheStatistics(CacheMode.L1_AND_L2, 1, 1, 1, 0, 0, 0, 1));
        assertThat(nodeB.statistics().hitRate()).isEqualTo(2.0 / 3);
    }

    @Test
    void anEntryWithItsOwnLifetimeExpiresOnTimeInL1AndIsRefilledFromL2WithTheOriginalDeadline() {
        HazelcastInstance memberA = cluster.startMember();
        HazelcastInstance memberB = cluster.startMember();
        AtomicLong nanosA = new AtomicLong();
        AtomicLong nanosB = new AtomicLong();
        TwoLevelCache nodeA = new TwoLevelCache(() -> Optional.of(memberA), new CacheSeal(new byte[32]), 100, nanosA::get);
        TwoLevelCache nodeB = new TwoLevelCache(() -> Optional.of(memberB), new CacheSeal(new byte[32]), 100, nanosB::get);
        CacheKey key = new CacheKey("logs", "t1/live", "q1");

        nodeA.put(key, "answer", Duration.ofSeconds(60));
        assertThat(nodeA.<String>get(key)).contains("answer");
        assertThat(nodeB.<String>get(key)).contains("answer");        // from L2, into B's L1
        assertThat(nodeB.statistics().l2Hits()).isEqualTo(1);

        nanosA.addAndGet(Duration.ofSeconds(61).toNanos());
        nanosB.addAndGet(Duration.ofSeconds(61).toNanos());
        // both L1 copies are past the entry's own 60 s, whatever the profiles say; L2 still holds it (real clock)
        assertThat(nodeA.<String>get(key)).contains("answer");
        assertThat(nodeA.statistics().l2Hits()).isEqualTo(1);

        nodeA.invalidateTenant("t1/live");
        awaitTrue(PROPAGATION_BOUND, () -> nodeB.get(key).isEmpty());
        assertThat(nodeA.<String>get(key)).isEmpty();
        assertThat(nodeA.get(new CacheKey("logs", "t1/past", "q1"))).isEmpty();
    }

    @Test
    void expiredL1EntryIsServedFromL2AndRefilled() {
        HazelcastInstance member = cluster.startMember();
        AtomicLong nanos = new AtomicLong();
        TwoLevelCache cache = new TwoLevelCache(() -> Optional.of(member), new CacheSeal(new byte[32]), 100, nanos::get);
        CacheKey key = new CacheKey("services", "t1", "checkout");
        cache.put(key, "v1", CacheProfile.SHORT);

        nanos.addAndGet(CacheProfile.SHORT.l1Ttl().toNanos() / 2);
        assertThat(cache.<String>get(key, CacheProfile.SHORT)).contains("v1");
        assertThat(cache.statistics().l1Hits()).isEqualTo(1);
        assertThat(cache.statistics().l2Hits()).isZero();

        // past the L1 TTL (measured from the write) but far within the L2 TTL
        nanos.addAndGet(CacheProfile.SHORT.l1Ttl().toNanos());
        assertThat(cache.<String>get(key, CacheProfile.SHORT)).contains("v1");
        assertThat(cache.statistics().l1Hits()).isEqualTo(1);
        assertThat(cache.statistics().l2Hits()).isEqualTo(1);

        // the L2 hit put the value back into L1
        assertThat(cache.<String>get(key, CacheProfile.SHORT)).contains("v1");
        assertThat(cache.statistics().l1Hits()).isEqualTo(2);
        assertThat(cache.statistics().misses()).isZero();
    }

    @Test
    void l2EntriesCarryTheProfilesL2Ttl() {
        HazelcastInstance member = cluster.startMember();
        TwoLevelCache cache = cacheOn(member);
        IMap<String, Object> entries = member.getMap(TwoLevelCache.ENTRIES_MAP);

        for (CacheProfile profile : CacheProfile.values()) {
            CacheKey key = new CacheKey("services", "t1", profile.name());
            cache.put(key, "value", profile);

            EntryView<String, Object> entry = entries.getEntryView(key.storageKey(cache.generation("t1")));
            assertThat(entry).as(profile.name()).isNotNull();
            assertThat(entry.getTtl()).as(profile.name()).isEqualTo(profile.l2Ttl().toMillis());
        }
    }

    @Test
    void getOrComputeComputesOnceAndDoesNotCacheNull() {
        TwoLevelCache cache = cacheOn(cluster.startMember());
        CacheKey key = new CacheKey("services", "t1", "computed");
        AtomicInteger computations = new AtomicInteger();
        Supplier<String> compute = () -> "value-" + computations.incrementAndGet();

        assertThat(cache.getOrCompute(key, CacheProfile.MEDIUM, compute)).isEqualTo("value-1");
        assertThat(cache.getOrCompute(key, CacheProfile.MEDIUM, compute)).isEqualTo("value-1");
        assertThat(computations).hasValue(1);

        CacheKey nothing = new CacheKey("services", "t1", "nothing");
        AtomicInteger nullComputations = new AtomicInteger();
        Supplier<String> computeNull = () -> {
            nullComputations.incrementAndGet();
            return null;
        };
        assertThat(cache.getOrCompute(nothing, CacheProfile.MEDIUM, computeNull)).isNull();
        assertThat(cache.getOrCompute(nothing, CacheProfile.MEDIUM, computeNull)).isNull();
        assertThat(nullComputations).hasValue(2);
        assertThat(cache.get(nothing, CacheProfile.MEDIUM)).isEmpty();
        assertThat(cache.statistics().puts()).isEqualTo(1);
    }

    @Test
    void concurrentMissesOfOneKeyComputeOnceAndAFailureReachesEveryWaiter() throws Exception {
        TwoLevelCache cache = cacheOn(cluster.startMember());
        CacheKey key = new CacheKey("apikey-verdict", "t1", "slow");
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Supplier<String> slow = () -> {
            computations.incrementAndGet();
            awaitQuietly(release);
            return "verdict";
        };
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> cache.getOrCompute(key, CacheProfile.SHORT, slow)));
            }
            // the seven others wait for the first one's computation: none can compute after it
            awaitTrue(PROPAGATION_BOUND, () -> joiningAComputation(threads) == 7);
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("verdict");
            }
            assertThat(computations).hasValue(1);

            CacheKey failing = new CacheKey("apikey-verdict", "t1", "failing");
            CountDownLatch failNow = new CountDownLatch(1);
            Supplier<String> fails = () -> {
                awaitQuietly(failNow);
                throw new IllegalStateException("store down");
            };
            List<Future<String>> failures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                failures.add(callers.submit(() -> cache.getOrCompute(failing, CacheProfile.SHORT, fails)));
            }
            awaitTrue(PROPAGATION_BOUND, () -> joiningAComputation(threads) == 3);
            failNow.countDown();
            for (Future<String> failure : failures) {
                assertThatThrownBy(() -> failure.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("store down");
            }
            assertThat(cache.getOrCompute(failing, CacheProfile.SHORT, () -> "recovered")).as("a failure is not cached").isEqualTo("recovered");
        } finally {
            callers.shutdownNow();
        }
    }

    /** How many of the threads wait in getOrCompute for another caller's computation of the same key. */
    private static long joiningAComputation(List<Thread> threads) {
        return threads.stream().filter(thread -> {
            StackTraceElement[] stack = thread.getStackTrace();
            for (int i = 1; i < stack.length; i++) {
                if (stack[i].getClassName().equals(TwoLevelCache.class.getName()) && stack[i].getMethodName().equals("getOrCompute")) {
                    return stack[i - 1].getClassName().equals(CompletableFuture.class.getName()) && stack[i - 1].getMethodName().equals("join");
                }
            }
            return false;
        }).count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void invalidatingATenantOnOneNodeHidesItsEntriesOnTheOtherAndSparesOtherTenants() {
        TwoLevelCache nodeA = cacheOn(cluster.startMember());
        TwoLevelCache nodeB = cacheOn(cluster.startMember());
        CacheKey t1 = new CacheKey("services", "t1", "checkout");
        CacheKey t2 = new CacheKey("services", "t2", "checkout");
        nodeA.put(t1, "t1-old", CacheProfile.LONG);
        nodeA.put(t2, "t2-value", CacheProfile.LONG);
        // B now holds both in its own L1 too: the copies invalidation must also reach
        assertThat(nodeB.<String>get(t1, CacheProfile.LONG)).contains("t1-old");
        assertThat(nodeB.<String>get(t2, CacheProfile.LONG)).contains("t2-value");

        assertThat(nodeA.invalidateTenant("t1")).isEqualTo(1);

        assertThat(nodeA.get(t1, CacheProfile.LONG)).isEmpty();
        // the new generation reaches B through an entry listener, asynchronously
        awaitTrue(PROPAGATION_BOUND, () -> nodeB.get(t1, CacheProfile.LONG).isEmpty());
        assertThat(nodeB.generation("t1")).isEqualTo(1);
        assertThat(nodeB.<String>get(t2, CacheProfile.LONG)).contains("t2-value");
        assertThat(nodeA.<String>get(t2, CacheProfile.LONG)).contains("t2-value");

        // the tenant's new entries are shared as before
        nodeA.put(t1, "t1-new", CacheProfile.LONG);
        assertThat(nodeB.<String>get(t1, CacheProfile.LONG)).contains("t1-new");
        // and a second invalidation from the other node moves the generation on for both
        assertThat(nodeB.invalidateTenant("t1")).isEqualTo(2);
        awaitTrue(PROPAGATION_BOUND, () -> nodeA.get(t1, CacheProfile.LONG).isEmpty());
    }

    @Test
    void invalidationsHeardFromTheClusterRaiseOnlyTenantsThisNodeHolds() {
        HazelcastInstance memberA = cluster.startMember();
        TwoLevelCache nodeA = cacheOn(memberA);
        TwoLevelCache nodeB = cacheOn(cluster.startMember());
        CacheKey held = new CacheKey("services", "held", "checkout");
        nodeA.put(held, "value", CacheProfile.LONG);   // A listens to the cluster's generations from here on
        assertThat(nodeB.<String>get(held, CacheProfile.LONG)).contains("value");
        nodeA.cleanUp();
        long heldByA = nodeA.generationsHeld();
        AtomicLong eventsAtA = new AtomicLong();
        memberA.<String, Long>getMap(TwoLevelCache.GENERATIONS_MAP)
                .addEntryListener((EntryAddedListener<String, Long>) event -> eventsAtA.incrementAndGet(), false);

        for (int i = 0; i < 50; i++) {
            nodeB.invalidateTenant("elsewhere-" + i);
        }
        nodeB.invalidateTenant("held");   // the first generation of each of the 51 is an added entry

        awaitTrue(PROPAGATION_BOUND, () -> eventsAtA.get() == 51 && nodeA.get(held, CacheProfile.LONG).isEmpty());
        nodeA.cleanUp();
        assertThat(nodeA.generationsHeld()).isEqualTo(heldByA);
        // a tenant A did not hold is read from the cluster when A first uses it
        assertThat(nodeA.generation("elsewhere-7")).isEqualTo(1);
    }

    @Test
    void withoutHazelcastTheCacheRunsOnL1Alone() {
        TwoLevelCache cache = new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 100, Ticker.systemTicker());
        CacheKey t1 = new CacheKey("services", "t1", "checkout");
        CacheKey t2 = new CacheKey("services", "t2", "checkout");

        assertThat(cache.mode()).isEqualTo(CacheMode.L1_ONLY);
        cache.put(t1, "t1-value", CacheProfile.SHORT);
        cache.put(t2, "t2-value", CacheProfile.SHORT);
        assertThat(cache.<String>get(t1, CacheProfile.SHORT)).contains("t1-value");

        assertThat(cache.invalidateTenant("t1")).isEqualTo(1);
        assertThat(cache.get(t1, CacheProfile.SHORT)).isEmpty();
        assertThat(cache.<String>get(t2, CacheProfile.SHORT)).contains("t2-value");
        assertThat(cache.statistics()).isEqualTo(new CacheStatistics(CacheMode.L1_ONLY, 2, 0, 1, 2, 1, 0, 2));
    }

    @Test
    void memberShutdownDegradesToL1OnlyWithoutErrors() {
        HazelcastInstance member = cluster.startMember();
        TwoLevelCache cache = cacheOn(member);
        CacheKey before = new CacheKey("services", "t1", "before");
        CacheKey after = new CacheKey("services", "t1", "after");
        cache.put(before, "cached-before", CacheProfile.SHORT);
        assertThat(cache.mode()).isEqualTo(CacheMode.L1_AND_L2);

        member.shutdown();

        assertThat(cache.mode()).isEqualTo(CacheMode.L1_ONLY);
        assertThatCode(() -> {
            assertThat(cache.<String>get(before, CacheProfile.SHORT)).contains("cached-before");
            cache.put(after, "cached-after", CacheProfile.SHORT);
            assertThat(cache.<String>get(after, CacheProfile.SHORT)).contains("cached-after");
            assertThat(cache.get(new CacheKey("services", "t9", "unknown-tenant"), CacheProfile.SHORT)).isEmpty();
            assertThat(cache.invalidateTenant("t1")).isEqualTo(1);
            assertThat(cache.get(after, CacheProfile.SHORT)).isEmpty();
        }).doesNotThrowAnyException();
        assertThat(cache.statistics().mode()).isEqualTo(CacheMode.L1_ONLY);
    }

    @Test
    void negativeAnswersStayOutOfTheClusterAndRandomTenantsOutOfItsGenerations() {
        HazelcastInstance member = cluster.startMember();
        TwoLevelCache cache = cacheOn(member);
        for (int i = 0; i < 100; i++) {
            cache.getOrCompute(new CacheKey("apikey-verdict", "tfk_random" + i, "digest"), CacheProfile.SHORT,
                    () -> "unknown API key", answer -> true);
        }
        assertThat(member.getMap(TwoLevelCache.ENTRIES_MAP).size()).isZero();
        assertThat(member.getMap(TwoLevelCache.GENERATIONS_MAP).size()).as("reads write no generation").isZero();

        cache.getOrCompute(new CacheKey("apikey-verdict", "tfk_real", "digest"), CacheProfile.SHORT, () -> "accepted", answer -> false);
        assertThat(member.getMap(TwoLevelCache.ENTRIES_MAP).size()).isEqualTo(1);
    }

    @Test
    void aGenerationForgottenByANodeIsReReadFromTheClusterAndRevivesNothing() {
        HazelcastInstance member = cluster.startMember();
        AtomicLong nanos = new AtomicLong();
        TwoLevelCache cache = new TwoLevelCache(() -> Optional.of(member), new CacheSeal(new byte[32]), 100, nanos::get);
        CacheKey key = new CacheKey("services", "t1", "checkout");
        cache.put(key, "before the change", CacheProfile.STATIC);
        cache.invalidateTenant("t1");
        cache.invalidateTenant("t1");

        nanos.addAndGet(TwoLevelCache.GENERATION_IDLE.plusSeconds(1).toNanos());
        cache.cleanUp();
        assertThat(cache.generationsHeld()).isZero();

        assertThat(cache.get(key, CacheProfile.STATIC)).isEmpty();
        assertThat(cache.generation("t1")).isEqualTo(2);
    }

    private static TwoLevelCache cacheOn(HazelcastInstance member) {
        // asked at every use, like HazelcastMember::instance, which keeps returning a stopped member
        return new TwoLevelCache(() -> Optional.of(member), new CacheSeal(new byte[32]), 100, Ticker.systemTicker());
    }
}
