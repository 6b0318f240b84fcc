package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a host that joined the cache cluster can write into L2, seen by a node of ours: one embedded member on loopback,
 * shared by two caches (two nodes' L1s) holding the cluster's MAC key and one "intruder" writing to the map directly.
 */
class TwoLevelCacheIntegrityTest {

    private static HazelcastMember member;
    private static IMap<String, Object> entries;

    @BeforeAll
    static void startMember() {
        member = new HazelcastMember();
        member.enabled = true;
        member.clusterName = "integrity-test-" + UUID.randomUUID();
        member.members = Optional.empty();
        member.networkInterface = "127.0.0.1";
        member.port = freePort();
        member.minClusterSize = 1;
        member.encryptionKey = Optional.empty();
        member.start();
        entries = member.instance().orElseThrow().getMap(TwoLevelCache.ENTRIES_MAP);
    }

    @AfterAll
    static void stopMember() {
        member.stop();
    }

    @Test
    void aValueSealedByAnotherNodeOfTheClusterIsAnL2Hit() {
        CacheKey key = key();
        node(1).put(key, "viewer", CacheProfile.SHORT);
        TwoLevelCache other = node(1);
        assertThat(other.<String>get(key, CacheProfile.SHORT)).contains("viewer");
        assertThat(other.statistics().l2Hits()).isEqualTo(1);
    }

    @Test
    void aPlainValueWrittenByAnIntruderIsAMissAndIsRecomputed() {
        CacheKey key = key();
        TwoLevelCache node = node(1);
        entries.set(key.storageKey(node.generation(key.tenantId())), "super administrator");

        assertThat(node.get(key, CacheProfile.SHORT)).isEmpty();
        AtomicInteger computations = new AtomicInteger();
        assertThat(node.getOrCompute(key, CacheProfile.SHORT, () -> "viewer-" + computations.incrementAndGet())).isEqualTo("viewer-1");
        assertThat(node(1).<String>get(key, CacheProfile.SHORT)).as("the recomputed value replaced the forgery").contains("viewer-1");
    }

    @Test
    void aValueSealedUnderAnotherEncryptionKeyIsAMiss() {
        CacheKey key = key();
        node(2).put(key, "super administrator", CacheProfile.SHORT);
        assertThat(node(1).get(key, CacheProfile.SHORT)).isEmpty();
    }

    @Test
    void anAuthenticValueCopiedToAnotherKeyIsAMiss() {
        CacheKey administrator = key();
        CacheKey viewer = key();
        TwoLevelCache node = node(1);
        node.put(administrator, "super administrator", CacheProfile.SHORT);
        entries.set(viewer.storageKey(0), entries.get(administrator.storageKey(0)));

        assertThat(node(1).get(viewer, CacheProfile.SHORT)).isEmpty();
    }

    @Test
    void aGadgetWrittenByAnIntruderIsNeverDeserializedAndIsAMiss() {
        CacheKey key = key();
        entries.set(key.storageKey(0), new BadAttributeValueExpException("x"));   // the entry point of well-known gadget chains
        TwoLevelCache node = node(1);

        assertThat(node.get(key, CacheProfile.SHORT)).isEmpty();
        assertThat(node.get(key)).isEmpty();
        assertThat(node.statistics().l2Failures()).isEqualTo(2);
    }

    @Test
    void entriesWithTheirOwnLifetimeAreSealedToo() {
        CacheKey key = key();
        node(1).put(key, "answer", java.time.Duration.ofMinutes(1));
        assertThat(entries.get(key.storageKey(0))).isInstanceOf(byte[].class);
        assertThat(node(1).<String>get(key)).contains("answer");

        entries.set(key.storageKey(0), "forged answer");
        assertThat(node(1).get(key)).isEmpty();
    }

    /** A node of a cluster whose encryption key is {@code clusterKey}. */
    private static TwoLevelCache node(int clusterKey) {
        byte[] macKey = new byte[32];
        Arrays.fill(macKey, (byte) clusterKey);
        return new TwoLevelCache(member::instance, new CacheSeal(macKey), 100, Ticker.systemTicker());
    }

    private static CacheKey key() {
        return new CacheKey("user-access", "user-" + UUID.randomUUID(), "k");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
