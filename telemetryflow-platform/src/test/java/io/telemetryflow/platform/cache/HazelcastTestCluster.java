package io.telemetryflow.platform.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real embedded Hazelcast members for tests, configured like {@link HazelcastMember} (TCP/IP join on
 * 127.0.0.1, no multicast or auto-detection, no phone-home, the same deserialization allow-list) but on a cluster of their own and on
 * ports 5900-5999, so they never join a developer's or another test's cluster.
 */
final class HazelcastTestCluster implements AutoCloseable {

    private static final int FIRST_PORT = 5900;
    private static final int LAST_PORT = 5999;
    // held so the level set here is not lost when the logger is garbage collected
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST_LOG.setLevel(Level.WARNING);
    }

    private final String clusterName = "tf-it-" + UUID.randomUUID();
    private final List<String> addresses = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts a member that joins every member started before it, and waits until it sees them all. */
    HazelcastInstance startMember() {
        int port = freePort();
        addresses.add("127.0.0.1:" + port);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config(port));
        members.add(member);
        int expected = members.size();
        awaitTrue(Duration.ofSeconds(60), () -> members.stream()
                .allMatch(m -> m.getCluster().getMembers().size() == expected));
        return member;
    }

    private Config config(int port) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + port);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a test cluster has nothing to wait for: join (or form the cluster) at once
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(addresses)).setConnectionTimeoutSeconds(3);
        config.getSerializationConfig().setJavaSerializationFilterConfig(CacheSerialization.hazelcastFilter());
        return config;
    }

    @Override
    public void close() {
        // newest first, so the oldest member is not asked to hand its partitions to a leaving one
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).shutdown(); // a no-op for a member the test already shut down
        }
        members.clear();
    }

    /** Polls until the condition holds; fails the test when it does not within the bound. */
    static void awaitTrue(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + bound);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** A port in 5900-5999 that nothing listens on right now, tried from a random start. */
    private static int freePort() {
        int span = LAST_PORT - FIRST_PORT + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = FIRST_PORT + (start + i) % span;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + "-" + LAST_PORT);
    }
}
