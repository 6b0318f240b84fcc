package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.internal.serialization.SerializationClassNameFilter;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.Test;

/** The member's configuration: loopback for a single node, the deserialization allow-list, the refusal to cluster unsafely. */
class HazelcastMemberTest {

    /** A class of ours that is serializable but not on the list. */
    record Unlisted(String text) implements Serializable {
    }

    @Test
    void aSingleNodeBindsLoopbackOnlyAndLooksForNobody() {
        Config config = member(Optional.empty(), "127.0.0.1").config();

        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).isEmpty();
    }

    @Test
    void theFilterAdmitsOnlyListedClasses() {
        SerializationClassNameFilter filter = new SerializationClassNameFilter(
                member(Optional.empty(), "127.0.0.1").config().getSerializationConfig().getJavaSerializationFilterConfig());

        for (String refused : List.of("java.util.PriorityQueue", "java.util.HashMap", "javax.management.BadAttributeValueExpException",
                "io.telemetryflow.iam.Caller", "io.telemetryflow.audit.AuditEvent")) {
            assertThatThrownBy(() -> filter.filter(refused)).as(refused).isInstanceOf(SecurityException.class);
        }
        for (String admitted : List.of("io.telemetryflow.platform.ratelimit.RateLimiter$Increment", "io.telemetryflow.iam.UserAccess",
                "java.util.UUID", "com.hazelcast.spi.exception.WrongTargetException", "java.lang.RuntimeException")) {
            assertThatCode(() -> filter.filter(admitted)).as(admitted).doesNotThrowAnyException();
        }
    }

    @Test
    void aRunningMemberRefusesToDeserializeAClassNotOnTheList() {
        HazelcastMember member = member(Optional.empty(), "127.0.0.1");
        member.start();
        try {
            IMap<String, Object> map = member.instance().orElseThrow().getMap("filter-test");
            // the entry point of well-known gadget chains (its readObject calls toString on a field)
            map.set("gadget", new BadAttributeValueExpException("x"));
            assertThatThrownBy(() -> map.get("gadget")).isInstanceOf(HazelcastSerializationException.class)
                    .hasRootCauseInstanceOf(SecurityException.class);
            map.set("ours", new Unlisted("not on the list"));
            assertThatThrownBy(() -> map.get("ours")).isInstanceOf(HazelcastSerializationException.class)
                    .hasRootCauseInstanceOf(SecurityException.class);
            map.set("uuid", UUID.nameUUIDFromBytes(new byte[] {1}));
            assertThat(map.get("uuid")).as("a listed class still reads").isEqualTo(UUID.nameUUIDFromBytes(new byte[] {1}));
        } finally {
            member.stop();
        }
    }

    @Test
    void aNodeConfiguredForAClusterWithoutTheOperatorsNameDoesNotStartItsMember() {
        HazelcastMember member = member(Optional.of("127.0.0.1:5999"), "127.0.0.1");
        member.start();

        assertThat(member.instance()).isEmpty();
        assertThat(member.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME"));
        assertThat(member.degradation()).hasValueSatisfying(reason -> assertThat(reason).contains("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME"));
    }

    private static HazelcastMember member(Optional<String> members, String networkInterface) {
        HazelcastMember member = new HazelcastMember();
        member.enabled = true;
        member.clusterName = members.isEmpty() ? "member-test-" + UUID.randomUUID() : "telemetryflow";
        member.members = members;
        member.networkInterface = networkInterface;
        member.port = freePort();
        member.minClusterSize = 1;
        member.encryptionKey = Optional.empty();
        return member;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
