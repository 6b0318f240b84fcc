package io.telemetryflow.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * L1 (Caffeine, per node) in front of L2 (a Hazelcast map shared by the cluster). A read tries L1,
 * then L2 (refilling L1), then reports a miss. Invalidation is per tenant by generation number:
 * keys embed the tenant's current generation, so bumping it orphans every older entry at once on
 * every node without scanning keys. When Hazelcast is absent or fails, the cache carries on with
 * L1 alone and says so through {@link #mode()}. Every L2 value is sealed ({@link CacheSeal}): one that anybody but a
 * node of ours wrote, or that was moved to another key or kept beyond its expiry, is a miss.
 */
public class TwoLevelCache {

    public static final String ENTRIES_MAP = "tf-cache-entries";
    public static final String GENERATIONS_MAP = "tf-cache-generations";

    private static final Logger LOG = Logger.getLogger(TwoLevelCache.class.getName());

    private final Map<CacheProfile, Cache<String, Object>> l1 = new EnumMap<>(CacheProfile.class);
    /** L1 for entries whose lifetime the caller chooses per entry ({@link #put(CacheKey, Serializable, Duration)}). */
    private final Cache<String, Timed> timedL1;
    private final Supplier<Optional<HazelcastInstance>> l2;
    private final CacheSeal seal;
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    /** Computations under way on this node, so that concurrent misses of one key wait for the same one. */
    private final Map<CacheKey, CompletableFuture<Serializable>> computing = new ConcurrentHashMap<>();
    private final LongAdder l1Hits = new LongAdder();
    private final LongAdder l2Hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder l2Failures = new LongAdder();
    private volatile HazelcastInstance listenedInstance;
    private final Ticker ticker;

    /**
     * @param l2 the Hazelcast member, asked at each use so that a member that stops is noticed
     * @param seal seals L2 values under the cluster's shared key
     * @param l1MaxEntriesPerProfile bound on each profile's L1 cache
     * @param ticker time source for L1 expiry ({@link Ticker#systemTicker()} outside tests)
     */
    public TwoLevelCache(Supplier<Optional<HazelcastInstance>> l2, CacheSeal seal, long l1MaxEntriesPerProfile, Ticker ticker) {
        this.l2 = l2;
        this.seal = seal;
        for (CacheProfile profile : CacheProfile.values()) {
            l1.put(profile, Caffeine.newBuilder()
                    .expireAfterWrite(profile.l1Ttl())
                    .maximumSize(l1MaxEntriesPerProfile)
                    .ticker(ticker)
                    .build());
        }
        timedL1 = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Timed>writing((key, entry) -> entry.remaining(ticker)))
                .maximumSize(l1MaxEntriesPerProfile)
                .ticker(ticker)
                .build();
        this.ticker = ticker;
    }

    /** A value with its own expiry in L1; a node refilling L1 from L2 keeps the deadline sealed with the value. */
    private record Timed(Serializable value, long expiresAtNanos) {

        Duration remaining(Ticker ticker) {
            return Duration.ofNanos(Math.max(0, expiresAtNanos - ticker.read()));
        }
    }

    /**
     * The value stored with {@link #put(CacheKey, Serializable, Duration)} under the key and the tenant's current
     * generation, from L1 or L2.
     */
    @SuppressWarnings("unchecked")
    public <T extends Serializable> Optional<T> get(CacheKey key) {
        String storageKey = key.storageKey(generation(key.tenantId()));
        Timed local = timedL1.getIfPresent(storageKey);
        if (local != null) {
            l1Hits.increment();
            return Optional.of((T) local.value());
        }
        long now = System.currentTimeMillis();
        Optional<CacheSeal.Opened> shared = l2Get(storageKey, now);
        if (shared.isPresent()) {
            l2Hits.increment();
            long leftNanos = (shared.get().expiresAtMillis() - now) * 1_000_000;
            timedL1.put(storageKey, new Timed(shared.get().value(), ticker.read() + leftNanos));
            return Optional.of((T) shared.get().value());
        }
        misses.increment();
        return Optional.empty();
    }

    /** Stores the value for {@code ttl} in both tiers, under the tenant's current generation. */
    public void put(CacheKey key, Serializable value, Duration ttl) {
        String storageKey = key.storageKey(generation(key.tenantId()));
        timedL1.put(storageKey, new Timed(value, ticker.read() + ttl.toNanos()));
        l2Put(storageKey, value, ttl);
        puts.increment();
    }

    @SuppressWarnings("unchecked")
    public <T extends Serializable> Optional<T> get(CacheKey key, CacheProfile profile) {
        String storageKey = key.storageKey(generation(key.tenantId()));
        Object local = l1.get(profile).getIfPresent(storageKey);
        if (local != null) {
            l1Hits.increment();
            return Optional.of((T) local);
        }
        Optional<CacheSeal.Opened> shared = l2Get(storageKey, System.currentTimeMillis());
        if (shared.isPresent()) {
            l2Hits.increment();
            l1.get(profile).put(storageKey, shared.get().value());
            return Optional.of((T) shared.get().value());
        }
        misses.increment();
        return Optional.empty();
    }

    public void put(CacheKey key, Serializable value, CacheProfile profile) {
        String storageKey = key.storageKey(generation(key.tenantId()));
        l1.get(profile).put(storageKey, value);
        l2Put(storageKey, value, profile.l2Ttl());
        puts.increment();
    }

    /**
     * The cached value, or the computed one (then cached); a null result is returned but not cached. Concurrent misses
     * of one key on this node compute once and share the result: an expensive value (an Argon2id verdict) expiring
     * under load must not be computed by every request that arrives meanwhile.
     */
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T getOrCompute(CacheKey key, CacheProfile profile, Supplier<T> compute) {
        Optional<T> cached = get(key, profile);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<Serializable> mine = new CompletableFuture<>();
        CompletableFuture<Serializable> running = computing.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return (T) running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            T computed = compute.get();
            if (computed != null) {
                put(key, computed, profile);
            }
            mine.complete(computed);
            return computed;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key, mine);
        }
    }

    /** Makes every entry of the tenant unreachable on all nodes; returns the new generation. */
    public long invalidateTenant(String tenantId) {
        invalidations.increment();
        try {
            Optional<IMap<String, Long>> shared = l2Map(GENERATIONS_MAP);
            if (shared.isPresent()) {
                IMap<String, Long> map = shared.get();
                while (true) {
                    Long current = map.get(tenantId);
                    long next = Math.max(current == null ? 0 : current, generations.getOrDefault(tenantId, 0L)) + 1;
                    boolean swapped = current == null ? map.putIfAbsent(tenantId, next) == null : map.replace(tenantId, current, next);
                    if (swapped) {
                        generations.merge(tenantId, next, Math::max);
                        return next;
                    }
                }
            }
        } catch (HazelcastException | IllegalStateException e) {
            l2Failed(e);
        }
        return generations.merge(tenantId, 1L, Long::sum);
    }

    public long generation(String tenantId) {
        Long known = generations.get(tenantId);
        if (known != null) {
            return known;
        }
        long generation = 0;
        try {
            Optional<IMap<String, Long>> shared = l2Map(GENERATIONS_MAP);
            Long stored = shared.isPresent() ? shared.get().get(tenantId) : null;
            generation = stored == null ? 0 : stored;
        } catch (HazelcastException | IllegalStateException e) {
            l2Failed(e);
        }
        return generations.merge(tenantId, generation, Math::max);
    }

    public CacheMode mode() {
        return l2Instance().isPresent() ? CacheMode.L1_AND_L2 : CacheMode.L1_ONLY;
    }

    public CacheStatistics statistics() {
        long l1Size = l1.values().stream().mapToLong(Cache::estimatedSize).sum() + timedL1.estimatedSize();
        return new CacheStatistics(mode(), l1Hits.sum(), l2Hits.sum(), misses.sum(), puts.sum(),
                invalidations.sum(), l2Failures.sum(), l1Size);
    }

    /** The sealed value under the key, if there is one, authentic, for this key and not expired at {@code nowMillis}. */
    private Optional<CacheSeal.Opened> l2Get(String storageKey, long nowMillis) {
        try {
            Optional<IMap<String, Object>> entries = l2Map(ENTRIES_MAP);
            Object stored = entries.isPresent() ? entries.get().get(storageKey) : null;
            if (stored != null) {
                return seal.open(storageKey, stored, nowMillis);
            }
        } catch (HazelcastException | IllegalStateException e) {
            l2Failed(e);   // a value Hazelcast refused to deserialize lands here too
        }
        return Optional.empty();
    }

    private void l2Put(String storageKey, Serializable value, Duration ttl) {
        try {
            Optional<IMap<String, byte[]>> entries = l2Map(ENTRIES_MAP);
            if (entries.isPresent()) {
                byte[] sealed = seal.seal(storageKey, value, System.currentTimeMillis() + ttl.toMillis());
                entries.get().set(storageKey, sealed, ttl.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (HazelcastException | IllegalStateException | UncheckedIOException e) {
            l2Failed(e);
        }
    }

    private <V> Optional<IMap<String, V>> l2Map(String name) {
        return l2Instance().map(instance -> {
            if (GENERATIONS_MAP.equals(name)) {
                listenForGenerations(instance);
            }
            return instance.getMap(name);
        });
    }

    private Optional<HazelcastInstance> l2Instance() {
        return l2.get().filter(instance -> instance.getLifecycleService().isRunning());
    }

    /** Other nodes' invalidations reach this node's generation table through a map listener. */
    private void listenForGenerations(HazelcastInstance instance) {
        if (listenedInstance == instance) {
            return;
        }
        synchronized (this) {
            if (listenedInstance != instance) {
                IMap<String, Long> map = instance.getMap(GENERATIONS_MAP);
                map.addEntryListener(new GenerationListener(generations), true);
                listenedInstance = instance;
            }
        }
    }

    private void l2Failed(RuntimeException e) {
        l2Failures.increment();
        LOG.log(Level.FINE, "L2 cache unavailable, serving from L1", e);
    }

    private record GenerationListener(Map<String, Long> generations)
            implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {

        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, Long> event) {
            generations.merge(event.getKey(), event.getValue(), Math::max);
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, Long> event) {
            generations.merge(event.getKey(), event.getValue(), Math::max);
        }
    }
}
