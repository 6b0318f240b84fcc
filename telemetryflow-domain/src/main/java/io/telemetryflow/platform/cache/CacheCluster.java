package io.telemetryflow.platform.cache;

import io.telemetryflow.platform.network.Loopback;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this node's cache-cluster settings are safe to start with. A node is clustered when it names other members
 * or binds beyond loopback. Hazelcast's open-source edition has no member authentication, so a clustered node needs a
 * cluster name of the operator's (not one every installation shares) and the operator's encryption key: the MAC that
 * protects every shared cache entry is derived from that key, so the nodes must share it and it must not be a key each
 * node generated for itself.
 */
public final class CacheCluster {

    public static final String CLUSTER_NAME_SETTING = "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME";
    public static final String ENCRYPTION_KEY_SETTING = "TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY";
    /** Our shipped default and Hazelcast's own. */
    private static final Set<String> KNOWN_DEFAULTS = Set.of("telemetryflow", "dev");

    private CacheCluster() {
    }

    /** The other members as host[:port], from the comma-separated setting; empty for a single node. */
    public static List<String> members(Optional<String> setting) {
        return Arrays.stream(setting.orElse("").split(",")).map(String::strip).filter(member -> !member.isEmpty()).toList();
    }

    /** Why this node must not start, or empty when it may. */
    public static Optional<String> refusal(String clusterName, Optional<String> members, String networkInterface,
                                           Optional<String> encryptionKey) {
        List<String> others = members(members);
        if (others.isEmpty() && Loopback.is(networkInterface)) {
            return Optional.empty();
        }
        String why = !others.isEmpty() ? "it names other members (TELEMETRYFLOW_HAZELCAST_MEMBERS=" + String.join(",", others) + ")"
                : "it binds beyond loopback (TELEMETRYFLOW_HAZELCAST_INTERFACE=" + networkInterface + ")";
        if (clusterName == null || clusterName.isBlank() || KNOWN_DEFAULTS.contains(clusterName.strip())) {
            return Optional.of("this node is configured for a cache cluster, as " + why + ", but its cluster name is "
                    + (clusterName == null || clusterName.isBlank() ? "empty" : "the default '" + clusterName.strip() + "'")
                    + ": set " + CLUSTER_NAME_SETTING + " to a name of your own, the same on every node");
        }
        if (encryptionKey.isEmpty() || encryptionKey.get().isBlank()) {
            return Optional.of("this node is configured for a cache cluster, as " + why + ", but has no configured encryption key: set "
                    + ENCRYPTION_KEY_SETTING + " to the same key on every node (base64 of 32 random bytes); shared cache entries are "
                    + "authenticated with a key derived from it");
        }
        return Optional.empty();
    }
}
