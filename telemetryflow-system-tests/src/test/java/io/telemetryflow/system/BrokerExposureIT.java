package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ExtraServer;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQClusterSecurityException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker holds every tenant's queued telemetry, and its cluster user passes every permission check. A
 * review reached it through the web port (Artemis over HTTP upgrade) with the shipped cluster password. Now nothing
 * on the web listeners speaks the broker's protocol, the only remote-capable acceptor is the cluster acceptor (on
 * loopback unless the operator opens it), which admits only the operator's cluster password, and a node configured
 * for clustering without that password, or in demo mode beyond loopback, refuses to start.
 */
class BrokerExposureIT extends DeployedEar {

    /** The managed test server's cluster acceptor: 5445 plus its port offset of 100. */
    private static final String CLUSTER_ACCEPTOR = "tcp://127.0.0.1:5545";
    private static final String SHIPPED_USER = "telemetryflow";
    private static final String SHIPPED_PASSWORD = "telemetryflow";
    private static final SimpleString BATCH_QUEUE = SimpleString.of("jms.queue.otlp-batches");

    @Test
    void theWebPortsOfferNoBrokerSession() {
        for (String url : new String[] {"tcp://127.0.0.1:8180?httpUpgradeEnabled=true", "tcp://127.0.0.1:4418?httpUpgradeEnabled=true"}) {
            for (String[] credentials : new String[][] {{SHIPPED_USER, SHIPPED_PASSWORD}, {null, null}, {"", ""},
                    {DemoUser.VIEWER.email, DemoUser.VIEWER.password}, {SHIPPED_USER, clusterPassword()}}) {
                assertThatThrownBy(() -> openSession(url, credentials[0], credentials[1]))
                        .as("%s as %s", url, credentials[0]).isInstanceOf(ActiveMQException.class);
            }
        }
    }

    @Test
    void theClusterAcceptorAdmitsTheClusterPasswordOnly() throws Exception {
        for (String[] credentials : new String[][] {{SHIPPED_USER, SHIPPED_PASSWORD}, {null, null}, {"", ""},
                {DemoUser.VIEWER.email, DemoUser.VIEWER.password}, {"guest", "guest"}}) {
            assertThatThrownBy(() -> openSession(CLUSTER_ACCEPTOR, credentials[0], credentials[1]))
                    .as("as %s", credentials[0]).isInstanceOfAny(ActiveMQSecurityException.class, ActiveMQClusterSecurityException.class);
        }
        // the control: the same client with the operator's password is a cluster peer, and sees the ingestion queue
        try (ServerLocator locator = locator(CLUSTER_ACCEPTOR);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(SHIPPED_USER, clusterPassword(), false, true, true, false, 0)) {
            assertThat(session.queueQuery(BATCH_QUEUE).isExists()).isTrue();
        }
    }

    @Test
    void aNodeConfiguredForClusteringWithoutThePasswordRefusesToStart() throws Exception {
        try (ExtraServer node = new ExtraServer(600, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5806",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-refusal-test",
                "TELEMETRYFLOW_MESSAGING_PEER_PORT", "5545"))) {
            node.set("TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD", null);
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start"))
                    .contains("TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD").contains("PEER_PORT=5545");
            node.stop(false);

            node.set("TELEMETRYFLOW_MESSAGING_CLUSTER_PASSWORD", SHIPPED_PASSWORD);
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start")).contains("known default");
        }
    }

    @Test
    void demoModeBeyondLoopbackRefusesToStart() throws Exception {
        try (ExtraServer node = new ExtraServer(700, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5807",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-refusal-test"))) {
            node.argument("-b");
            node.argument("0.0.0.0");
            assertThat(node.startExpectingRefusal("TelemetryFlow refuses to start"))
                    .contains("TELEMETRYFLOW_DEMO_MODE=false").contains("0.0.0.0");
        }
    }

    private static void openSession(String url, String user, String password) throws Exception {
        try (ServerLocator locator = locator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            session.queueQuery(BATCH_QUEUE); // reached only if a session opened
        }
    }

    private static ServerLocator locator(String url) throws Exception {
        return ActiveMQClient.createServerLocator(url)
                .setCallTimeout(5_000).setConnectionTTL(10_000).setInitialConnectAttempts(1).setReconnectAttempts(0);
    }

    private static String clusterPassword() {
        return System.getProperty("tf.test.messaging.cluster-password");
    }
}
