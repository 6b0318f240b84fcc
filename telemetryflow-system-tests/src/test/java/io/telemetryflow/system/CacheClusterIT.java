package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cache cluster (Hazelcast, no member authentication) holds permissions and API-key verdicts, sealed with a MAC
 * under a key derived from the encryption key. A node configured to join a cache cluster refuses to start with the
 * shipped cluster name, or without the configured encryption key the MAC needs all nodes to share. The refused node
 * never starts its member, so it does not join the managed server's cluster.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheClusterIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeEach
    void ready() throws Exception {
        PlatformDeploymentIT.awaitReady(Duration.ofSeconds(90));
    }

    @Test
    void aNodeJoiningACacheClusterWithoutTheOperatorsNameOrKeyRefusesToStart() throws Exception {
        try (ExtraServer node = new ExtraServer(800, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5808",
                "TELEMETRYFLOW_HAZELCAST_MEMBERS", "127.0.0.1:5801",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow"))) {
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start"))
                    .contains("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME").contains("MEMBERS=127.0.0.1:5801");
            node.stop(false);

            node.set("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-refusal-test");
            node.set("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY", null);
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start")).contains("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY");
        }
    }
}
