package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cache health check reports comes from here: full, degraded, or L1 only. */
class HazelcastMemberIT {

    private HazelcastMember member;

    @AfterEach
    void stop() {
        if (member != null) {
            member.stop();
        }
    }

    @Test
    void singleMemberMeetingTheMinimumIsNotDegraded() {
        member = member(true, 1);
        member.start();
        assertThat(member.instance()).isPresent();
        assertThat(member.clusterSize()).isEqualTo(1);
        assertThat(member.degradation()).isEmpty();
        assertThat(new TwoLevelCache(member::instance, new CacheSeal(new byte[32]), 10, Ticker.systemTicker()).mode()).isEqualTo(CacheMode.L1_AND_L2);
    }

    @Test
    void missingPeersMakeTheCacheDegraded() {
        member = member(true, 2);
        member.start();
        assertThat(member.degradation()).hasValueSatisfying(reason -> assertThat(reason).contains("1 member(s), expected at least 2"));
    }

    @Test
    void stoppedMemberLeavesL1Only() {
        member = member(true, 1);
        member.start();
        TwoLevelCache cache = new TwoLevelCache(member::instance, new CacheSeal(new byte[32]), 10, Ticker.systemTicker());
        member.stop();
        assertThat(member.degradation()).hasValueSatisfying(reason -> assertThat(reason).contains("stopped"));
        assertThat(member.clusterSize()).isZero();
        assertThat(cache.mode()).isEqualTo(CacheMode.L1_ONLY);
    }

    @Test
    void disabledMemberNeverStartsAndSaysWhy() {
        member = member(false, 1);
        member.start();
        assertThat(member.instance()).isEmpty();
        assertThat(member.degradation()).hasValueSatisfying(reason -> assertThat(reason).contains("disabled"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HazelcastMember member(boolean enabled, int minClusterSize) {
        HazelcastMember member = new HazelcastMember();
        member.enabled = enabled;
        member.clusterName = "member-it-" + UUID.randomUUID();
        member.members = Optional.empty();
        member.networkInterface = "127.0.0.1";
        member.port = freePort();
        member.minClusterSize = minClusterSize;
        member.encryptionKey = Optional.empty();
        return member;
    }
}
