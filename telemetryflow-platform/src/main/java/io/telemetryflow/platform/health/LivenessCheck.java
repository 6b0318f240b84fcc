package io.telemetryflow.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The application is deployed and its CDI container answers. Dependencies are deliberately not
 * checked here: a database outage must make the node unready, not get it restarted.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        return HealthCheckResponse.named("application").up()
                .withData("heapUsedMb", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024))
                .withData("heapMaxMb", runtime.maxMemory() / (1024 * 1024))
                .build();
    }
}
