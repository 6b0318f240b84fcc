package io.telemetryflow.platform.messaging;

import io.telemetryflow.platform.network.Loopback;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this node's broker settings are safe to start with. A node is configured for clustering when it names a
 * peer or listens for peers beyond loopback; its cluster password then has to be the operator's: the cluster user
 * passes every permission check of the broker, so a known or guessable password would open every tenant's queued
 * telemetry to whoever reaches the cluster port.
 */
public final class MessagingCluster {

    public static final String PASSWORD_SETTING = "TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD";
    static final int MIN_PASSWORD_LENGTH = 16;
    /** Passwords earlier releases and the application server shipped. */
    private static final Set<String> KNOWN_DEFAULTS = Set.of("telemetryflow", "CHANGE ME!!");

    private MessagingCluster() {
    }

    /** Why this node must not start, or empty when it may. */
    public static Optional<String> refusal(String clusterHost, int peerPort, Optional<String> password) {
        boolean clustered = peerPort != 0 || !Loopback.is(clusterHost);
        if (!clustered) {
            return Optional.empty();
        }
        String why = peerPort != 0 ? "it names a peer node (TELEMETRYFLOW_MESSAGING_PEER_PORT=" + peerPort + ")"
                : "its cluster acceptor listens beyond loopback (TELEMETRYFLOW_MESSAGING_CLUSTER_HOST=" + clusterHost + ")";
        if (password.isEmpty() || password.get().isBlank()) {
            return Optional.of("this node is configured for clustering, as " + why + ", but has no cluster password: set "
                    + PASSWORD_SETTING + " to the same secret on every node (at least " + MIN_PASSWORD_LENGTH + " characters)");
        }
        if (KNOWN_DEFAULTS.contains(password.get()) || password.get().length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("this node is configured for clustering, as " + why + ", and " + PASSWORD_SETTING
                    + " is a known default or shorter than " + MIN_PASSWORD_LENGTH + " characters: set a secret of your own");
        }
        return Optional.empty();
    }
}
