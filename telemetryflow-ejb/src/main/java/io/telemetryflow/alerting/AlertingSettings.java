package io.telemetryflow.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's bounds on rules: {@code telemetryflow.alerting.min-interval} (default 10 s, ISO-8601 such as PT10S). */
@ApplicationScoped
public class AlertingSettings {

    @Inject
    @ConfigProperty(name = "telemetryflow.alerting.min-interval", defaultValue = "PT10S")
    Duration minInterval;

    RuleLimits limits() {
        return new RuleLimits(minInterval);
    }
}
