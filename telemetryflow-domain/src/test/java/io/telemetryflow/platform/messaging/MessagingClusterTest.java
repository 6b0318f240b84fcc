package io.telemetryflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagingClusterTest {

    private static final Optional<String> STRONG = Optional.of("a-long-operator-secret");

    @Test
    void aSingleNodeOnLoopbackNeedsNoPassword() {
        assertThat(MessagingCluster.refusal("127.0.0.1", 0, Optional.empty())).isEmpty();
        assertThat(MessagingCluster.refusal("::1", 0, Optional.of("telemetryflow"))).isEmpty();
    }

    @Test
    void aNodeThatNamesAPeerNeedsTheOperatorsPassword() {
        assertThat(MessagingCluster.refusal("127.0.0.1", 5445, Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).contains("TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD").contains("PEER_PORT=5445"));
        assertThat(MessagingCluster.refusal("127.0.0.1", 5445, Optional.of("  "))).isPresent();
        assertThat(MessagingCluster.refusal("127.0.0.1", 5445, STRONG)).isEmpty();
    }

    @Test
    void aNodeListeningBeyondLoopbackNeedsTheOperatorsPassword() {
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).contains("CLUSTER_HOST=10.1.2.3"));
        assertThat(MessagingCluster.refusal("0.0.0.0", 0, Optional.empty())).isPresent();
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, STRONG)).isEmpty();
    }

    @Test
    void knownDefaultsAndShortPasswordsAreRefused() {
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, Optional.of("telemetryflow"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("known default"));
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, Optional.of("CHANGE ME!!"))).isPresent();
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, Optional.of("x".repeat(MessagingCluster.MIN_PASSWORD_LENGTH - 1)))).isPresent();
        assertThat(MessagingCluster.refusal("10.1.2.3", 0, Optional.of("x".repeat(MessagingCluster.MIN_PASSWORD_LENGTH)))).isEmpty();
    }
}
