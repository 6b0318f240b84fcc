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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
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
 *
 * <p>Nothing here grows with ids a client makes up. Negative answers ("no such key") can be kept on this node only,
 * briefly ({@link #getOrCompute(CacheKey, CacheProfile, Supplier, Predicate)}), and the node's table of generations
 * is bounded and forgets idle tenants. Forgetting a generation must never make an older entry valid again, so a
 * forgotten generation is re-derived, never restarted:
 * <ul>
 * <li>With L2, the cluster's generation map is the truth. It is written only by {@link #invalidateTenant} (the
 *     changes of real keys, users and tenants, never a read), keeps every generation with no TTL, and only ever
 *     grows them, so re-reading it gives the current generation or a later one.</li>
 * <li>If L2 cannot be read, the generation is unknown: the cache steps aside for that call (no read, no write)
 *     rather than guess a number that other nodes may reach later with other values under it.</li>
 * <li>With L1 alone, this node decides generations from a floor above every generation it has seen superseded:
 *     an unknown tenant starts at the floor, and an invalidation moves the tenant above it. A tenant that held the
 *     floor's value and lost it would have raised the floor, so an entry under the floor is current or absent.</li>
 * </ul>
 */
public class TwoLevelCache {

    public static final String ENTRIES_MAP = "tf-cache-entries";
    public static final String GENERATIONS_MAP = "tf-cache-generations";

    /** How long a negative answer stays in this node's L1 (it is never shared through L2). */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);
    /** A tenant's generation this node has not used for this long is forgotten (and re-derived when needed). */
    static final Duration GENERATION_IDLE = Duration.ofMinutes(10);
    static final long DEFAULT_L1_TIMED_BYTES = 256L << 20;
    /** The generation when L2 is there but cannot be read: nothing is cached under it. */
    private static final long UNKNOWN_GENERATION = -1;

    private static final Logger LOG = Logger.getLogger(TwoLevelCache.class.getName());

    private final Map<CacheProfile, Cache<String, Object>> l1 = new EnumMap<>(CacheProfile.class);
    /** L1 for entries whose lifetime the caller chooses per entry ({@link #put(CacheKey, Serializable, Duration)}). */
    private final Cache<String, Timed> timedL1;
    private final Supplier<Optional<HazelcastInstance>> l2;
    private final CacheSeal seal;
    /** Negative answers, on this node only: random ids must not fill the cluster's cache. */
    private final Cache<String, Object> negativeL1;
    /** Generations this node knows; bounded and forgetful, see the class comment. */
    private final Cache<String, Long> generations;
    /** With L1 alone, where unknown tenants start: at least every generation this node has seen. */
    private final AtomicLong generationFloor = new AtomicLong();
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
     * @param l1MaxEntriesPerProfile bound on each profile's L1 cache, on the negative answers, and (times the number
     *        of L1 caches, so that every entry in L1 can have its tenant's generation at hand) on the generation table
     * @param ticker time source for L1 expiry ({@link Ticker#systemTicker()} outside tests)
     */
    public TwoLevelCache(Supplier<Optional<HazelcastInstance>> l2, CacheSeal seal, long l1MaxEntriesPerProfile, Ticker ticker) {
        this(l2, seal, l1MaxEntriesPerProfile, DEFAULT_L1_TIMED_BYTES, ticker);
    }

    /**
     * @param l1MaxTimedBytes bound on the L1 entries with their own lifetime (the API's answers), weighed by their size
     *        ({@link #weight}), so a few large answers cannot hold what many small ones would
     */
    public TwoLevelCache(Supplier<Optional<HazelcastInstance>> l2, CacheSeal seal, long l1MaxEntriesPerProfile, long l1MaxTimedBytes,
                         Ticker ticker) {
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
                .maximumWeight(l1MaxTimedBytes)
                .weigher((String key, Timed entry) -> weight(key, entry.value()))
                .ticker(ticker)
                .build();
        negativeL1 = Caffeine.newBuilder()
                .expireAfterWrite(NEGATIVE_TTL)
                .maximumSize(l1MaxEntriesPerProfile)
                .ticker(ticker)
                .build();
        generations = Caffeine.newBuilder()
                .expireAfterAccess(GENERATION_IDLE)
                .maximumSize(l1MaxEntriesPerProfile * (CacheProfile.values().length + 2))
                .ticker(ticker)
                .build();
        this.ticker = ticker;
    }

    /** About the bytes an L1 entry holds: its key and its value (text at two bytes a character, the worst case). */
    static int weight(String storageKey, Serializable value) {
        long valueBytes = value instanceof String text ? 2L * text.length() : value instanceof byte[] bytes ? bytes.length : 1024;
        return (int) Math.min(Integer.MAX_VALUE, 64 + 2L * storageKey.length() + valueBytes);
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
        long generation = generation(key.tenantId());
        if (generation == UNKNOWN_GENERATION) {
            misses.increment();
            return Optional.empty();
        }
        String storageKey = key.storageKey(generation);
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
        long generation = generation(key.tenantId());
        if (generation == UNKNOWN_GENERATION) {
            return;
        }
        String storageKey = key.storageKey(generation);
        timedL1.put(storageKey, new Timed(value, ticker.read() + ttl.toNanos()));
        l2Put(storageKey, value, ttl);
        puts.increment();
    }

    @SuppressWarnings("unchecked")
    public <T extends Serializable> Optional<T> get(CacheKey key, CacheProfile profile) {
        long generation = generation(key.tenantId());
        if (generation == UNKNOWN_GENERATION) {
            misses.increment();
            return Optional.empty();
        }
        String storageKey = key.storageKey(generation);
        Object local = l1.get(profile).getIfPresent(storageKey);
        if (local == null) {
            local = negativeL1.getIfPresent(storageKey);
        }
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
        long generation = generation(key.tenantId());
        if (generation == UNKNOWN_GENERATION) {
            return;
        }
        String storageKey = key.storageKey(generation);
        l1.get(profile).put(storageKey, value);
        l2Put(storageKey, value, profile.l2Ttl());
        puts.increment();
    }

    /**
     * The cached value, or the computed one (then cached); a null result is returned but not cached. Concurrent misses
     * of one key on this node compute once and share the result: an expensive value (an Argon2id verdict) expiring
     * under load must not be computed by every request that arrives meanwhile.
     */
    public <T extends Serializable> T getOrCompute(CacheKey key, CacheProfile profile, Supplier<T> compute) {
        return getOrCompute(key, profile, compute, value -> false);
    }

    /**
     * As {@link #getOrCompute(CacheKey, CacheProfile, Supplier)}, but a computed value that is {@code negative} ("no such
     * key", "wrong secret") is kept only in this node's bounded L1, for {@link #NEGATIVE_TTL}: an id a client made up
     * then costs the cluster's cache nothing, and replaying it costs this node no new computation for a while.
     */
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T getOrCompute(CacheKey key, CacheProfile profile, Supplier<T> compute, Predicate<? super T> negative) {
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
            if (computed != null && negative.test(computed)) {
                putNegative(key, computed);
            } else if (computed != null) {
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

    private void putNegative(CacheKey key, Serializable value) {
        long generation = generation(key.tenantId());
        if (generation != UNKNOWN_GENERATION) {
            negativeL1.put(key.storageKey(generation), value);
            puts.increment();
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
                    Long known = generations.getIfPresent(tenantId);
                    long next = Math.max(current == null ? 0 : current, known == null ? 0 : known) + 1;
                    boolean swapped = current == null ? map.putIfAbsent(tenantId, next) == null : map.replace(tenantId, current, next);
                    if (swapped) {
                        return remember(tenantId, next);
                    }
                }
            }
        } catch (HazelcastException | IllegalStateException e) {
            l2Failed(e);
            // the cluster did not hear of it; this node at least drops what it holds and re-reads the generation later
            LOG.log(Level.WARNING, "cache invalidation of {0} reached this node only", tenantId);
            generations.invalidate(tenantId);
            dropLocalEntriesOf(tenantId);
            return UNKNOWN_GENERATION;
        }
        // L1 alone: above the floor, so no generation this node ever used for the tenant comes back
        Long known = generations.getIfPresent(tenantId);
        long next = generationFloor.updateAndGet(floor -> Math.max(floor, known == null ? 0 : known) + 1);
        return remember(tenantId, next);
    }

    public long generation(String tenantId) {
        Long known = generations.getIfPresent(tenantId);
        if (known != null) {
            return known;
        }
        try {
            Optional<IMap<String, Long>> shared = l2Map(GENERATIONS_MAP);
            if (shared.isPresent()) {
                Long stored = shared.get().get(tenantId);
                return remember(tenantId, stored == null ? 0 : stored);
            }
        } catch (HazelcastException | IllegalStateException e) {
            l2Failed(e);
            return UNKNOWN_GENERATION;
        }
        return remember(tenantId, generationFloor.get());
    }

    /** Keeps the larger of the known and the given generation (they only grow) and raises the floor to it. */
    private long remember(String tenantId, long generation) {
        long kept = generations.asMap().merge(tenantId, generation, Math::max);
        generationFloor.accumulateAndGet(kept, Math::max);
        return kept;
    }

    /**
     * A generation announced by the cluster (events arrive late, and for this node's own changes too). It raises a
     * generation this node holds and nothing else: reading it quietly keeps an idle tenant idle, and a tenant this
     * node does not hold is read from L2 when it is next used, so the table grows only with tenants used here.
     */
    private void heardOf(String tenantId, long generation) {
        Long known = generations.policy().getIfPresentQuietly(tenantId);
        if (known != null && known < generation) {
            remember(tenantId, generation);
        }
    }

    /** Every L1 entry of the tenant, whatever its generation (storage keys are namespace:tenant:gN:key). */
    private void dropLocalEntriesOf(String tenantId) {
        String segment = ':' + tenantId + ":g";
        Predicate<String> ofTenant = storageKey -> storageKey.indexOf(segment) == storageKey.indexOf(':');
        l1.values().forEach(cache -> cache.asMap().keySet().removeIf(ofTenant));
        timedL1.asMap().keySet().removeIf(ofTenant);
        negativeL1.asMap().keySet().removeIf(ofTenant);
    }

    /** The weight ({@link #weight}) of the answers in L1 (exact after {@link #cleanUp()}). */
    long answerBytesHeld() {
        return timedL1.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many tenants' generations this node holds (exact after {@link #cleanUp()}). */
    long generationsHeld() {
        return generations.estimatedSize();
    }

    /** Runs pending evictions and expiries now (Caffeine otherwise does so in the background). */
    void cleanUp() {
        l1.values().forEach(Cache::cleanUp);
        timedL1.cleanUp();
        negativeL1.cleanUp();
        generations.cleanUp();
    }

    public CacheMode mode() {
        return l2Instance().isPresent() ? CacheMode.L1_AND_L2 : CacheMode.L1_ONLY;
    }

    public CacheStatistics statistics() {
        long l1Size = l1.values().stream().mapToLong(Cache::estimatedSize).sum() + timedL1.estimatedSize()
                + negativeL1.estimatedSize();
        return new CacheStatistics(mode(), l1Hits.sum(), l2Hits.sum(), misses.sum(), puts.sum(),
                invalidations.sum(), l2Failures.sum(), l1Size);
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
                map.addEntryListener(new GenerationListener(this), true);
                listenedInstance = instance;
            }
        }
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

    private void l2Failed(RuntimeException e) {
        l2Failures.increment();
        LOG.log(Level.FINE, "L2 cache unavailable, serving from L1", e);
    }

    private record GenerationListener(TwoLevelCache cache)
            implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {

        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, Long> event) {
            cache.heardOf(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, Long> event) {
            cache.heardOf(event.getKey(), event.getValue());
        }
    }
}
