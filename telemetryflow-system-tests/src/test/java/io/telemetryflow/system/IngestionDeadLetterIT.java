package io.telemetryflow.system;

import static io.telemetryflow.system.TestEnvironment.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.system.probe.PoisonServlet;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A queued batch that can never be stored goes to otlp-ingestion.DLQ with the reason attached. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IngestionDeadLetterIT {

    @Deployment(name = "platform", order = 1, testable = false)
    static Archive<?> platform() {
        return TestEnvironment.ear();
    }

    @Deployment(name = "poison-probe", order = 2, testable = false)
    static Archive<?> probe() {
        return ShrinkWrap.create(WebArchive.class, "poison-probe.war")
                .addClasses(PoisonServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void unreadableBatchIsDeadLetteredWithItsReason() throws Exception {
        String batch = UUID.randomUUID().toString();
        assertThat(TestEnvironment.post(HTTP + "/poison-probe/?batch=" + batch, "").statusCode()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        HttpResponse<String> reason = TestEnvironment.get(HTTP + "/poison-probe/?batch=" + batch);
        while (reason.statusCode() == 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            reason = TestEnvironment.get(HTTP + "/poison-probe/?batch=" + batch);
        }
        assertThat(reason.statusCode()).as("dead letter present").isEqualTo(200);
        assertThat(reason.body()).startsWith("unreadable batch");
    }
}
