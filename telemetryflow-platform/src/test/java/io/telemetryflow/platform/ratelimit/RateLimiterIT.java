package io.telemetryflow.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.telemetryflow.platform.cache.CacheSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits hold across two real Hazelcast members, and per node when the cluster is gone. */
class RateLimiterIT {

    private final String cluster = "rate-limit-it-" + UUID.randomUUID();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:30Z"), ZoneOffset.UTC);
    private HazelcastInstance first;
    private HazelcastInstance second;

    @AfterEach
    void stop() {
        for (HazelcastInstance member : new HazelcastInstance[]{first, second}) {
            if (member != null) {
                member.shutdown();
            }
        }
    }

    @Test
    void limitIsSharedByTheNodesOfACluster() {
        int firstPort = freePort();
        int secondPort = freePort();
        first = member(firstPort, secondPort);
        second = member(secondPort, firstPort);
        awaitClusterOfTwo();
        RateLimiter nodeA = new RateLimiter(() -> Optional.of(first), clock);
        RateLimiter nodeB = new RateLimiter(() -> Optional.of(second), clock);

        for (int i = 0; i < 3; i++) {
            assertThat(nodeA.tryAcquire("tfk_a", 5).allowed()).isTrue();
        }
        assertThat(nodeB.tryAcquire("tfk_a", 5).allowed()).isTrue();
        assertThat(nodeB.tryAcquire("tfk_a", 5).allowed()).isTrue();
        RateLimiter.Decision sixth = nodeA.tryAcquire("tfk_a", 5);
        assertThat(sixth.allowed()).isFalse();
        assertThat(sixth.count()).isEqualTo(6);
        assertThat(sixth.retryAfterSeconds()).isEqualTo(30);
        assertThat(nodeB.tryAcquire("tfk_other", 5).allowed()).as("another key has its own budget").isTrue();
    }

    @Test
    void nextWindowStartsAfresh() {
        RateLimiter limiter = new RateLimiter(Optional::empty, clock);
        limiter.tryAcquire("k", 1);
        assertThat(limiter.tryAcquire("k", 1).allowed()).isFalse();
        RateLimiter later = new RateLimiter(Optional::empty, Clock.offset(clock, java.time.Duration.ofMinutes(1)));
        assertThat(later.tryAcquire("k", 1).allowed()).isTrue();
    }

    @Test
    void withoutTheClusterEachNodeStillLimits() {
        first = member(freePort(), freePort());
        RateLimiter limiter = new RateLimiter(() -> Optional.of(first), clock);
        assertThat(limiter.tryAcquire("k", 2).allowed()).isTrue();
        first.shutdown();
        assertThat(limiter.tryAcquire("k", 2).allowed()).isTrue();
        assertThat(limiter.tryAcquire("k", 2).allowed()).isTrue();
        assertThat(limiter.tryAcquire("k", 2).allowed()).isFalse();
        first = null;
    }

    private HazelcastInstance member(int port, int peerPort) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + peerPort));
        // the production allow-list: the entry processor travels to the counter's owner Java-serialized
        config.getSerializationConfig().setJavaSerializationFilterConfig(CacheSerialization.hazelcastFilter());
        return Hazelcast.newHazelcastInstance(config);
    }

    private void awaitClusterOfTwo() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (first.getCluster().getMembers().size() < 2 || second.getCluster().getMembers().size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("members did not form a cluster within 60 s");
            }
            Thread.onSpinWait();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
