package io.telemetryflow.testsupport;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of a black-box test class against the EAR the build produced, deployed as users deploy it on the
 * Arquillian-managed server: the test runs as a client, and each test starts once readiness is UP, so that it never
 * meets the tail of a previous class's outage.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedEar {

    /** The managed server's management API (queues, executors), for the tests that read it. */
    @ArquillianResource
    protected ManagementClient management;

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return TestEnvironment.ear();
    }

    @BeforeEach
    void awaitReady() throws Exception {
        Readiness.awaitReady(Duration.ofSeconds(90));
    }
}
