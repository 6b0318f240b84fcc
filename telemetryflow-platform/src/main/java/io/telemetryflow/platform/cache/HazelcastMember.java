package io.telemetryflow.platform.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's embedded Hazelcast member, the L2 cache tier. Members find each other through the
 * configured TCP/IP member list (multicast is off: it leaks onto networks we do not own); a single node binds
 * loopback only. A node configured for a cluster without the operator's cluster name and encryption key does not
 * start its member ({@link CacheCluster}; the platform's start-up then refuses to deploy). Java deserialization
 * admits only the classes {@link CacheSerialization} lists. If the member cannot start, the platform runs on L1
 * alone; health reports that as degraded.
 */
@ApplicationScoped
public class HazelcastMember {

    private static final Logger LOG = Logger.getLogger(HazelcastMember.class.getName());

    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.cluster-name", defaultValue = "telemetryflow")
    String clusterName;

    /** Other members as host[:port], comma separated; absent or blank for a single node. */
    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.members")
    Optional<String> members;

    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.interface", defaultValue = "127.0.0.1")
    String networkInterface;

    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.port", defaultValue = "5701")
    int port;

    @Inject
    @ConfigProperty(name = "telemetryflow.hazelcast.min-cluster-size", defaultValue = "1")
    int minClusterSize;

    /** Only whether it is configured: a clustered node needs the key all nodes share (the cache MAC derives from it). */
    @Inject
    @ConfigProperty(name = "telemetryflow.security.encryption-key")
    Optional<String> encryptionKey;

    private volatile HazelcastInstance instance;
    private volatile String startFailure;

    @PostConstruct
    void start() {
        if (!enabled) {
            startFailure = "disabled by telemetryflow.hazelcast.enabled=false";
            return;
        }
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            startFailure = "not started: " + refusal.get();
            LOG.severe(() -> "Hazelcast member not started: " + refusal.get());
            return;
        }
        try {
            instance = Hazelcast.newHazelcastInstance(config());
        } catch (RuntimeException e) {
            startFailure = e.toString();
            LOG.log(Level.WARNING, "Hazelcast member did not start; caching on this node is L1 only", e);
        }
    }

    /** Why this node's cluster settings are unsafe, or empty when they are fine. */
    public Optional<String> refusal() {
        return CacheCluster.refusal(clusterName, members, networkInterface, encryptionKey);
    }

    Config config() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("telemetryflow-" + clusterName + "-" + port);
        config.setClassLoader(HazelcastMember.class.getClassLoader());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(networkInterface);
        config.setProperty("hazelcast.socket.bind.any", "false");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(CacheCluster.members(members)).setConnectionTimeoutSeconds(3);
        config.getSerializationConfig().setJavaSerializationFilterConfig(CacheSerialization.hazelcastFilter());
        return config;
    }

    @PreDestroy
    void stop() {
        HazelcastInstance running = instance;
        if (running != null) {
            running.shutdown();
        }
    }

    public Optional<HazelcastInstance> instance() {
        return Optional.ofNullable(instance);
    }

    /** Why the cluster tier is not fully available, or empty when it is. */
    public Optional<String> degradation() {
        HazelcastInstance running = instance;
        if (running == null) {
            return Optional.of("Hazelcast not running: " + startFailure);
        }
        if (!running.getLifecycleService().isRunning()) {
            return Optional.of("Hazelcast member has stopped");
        }
        int size = running.getCluster().getMembers().size();
        if (size < minClusterSize) {
            return Optional.of("cluster has " + size + " member(s), expected at least " + minClusterSize);
        }
        return Optional.empty();
    }

    public int clusterSize() {
        HazelcastInstance running = instance;
        return running == null || !running.getLifecycleService().isRunning() ? 0 : running.getCluster().getMembers().size();
    }
}
