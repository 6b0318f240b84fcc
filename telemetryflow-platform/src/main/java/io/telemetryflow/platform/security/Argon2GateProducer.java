package io.telemetryflow.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's one {@link Argon2Gate}: a permit per processor unless configured. */
@ApplicationScoped
public class Argon2GateProducer {

    @Produces
    @Singleton
    Argon2Gate gate(@ConfigProperty(name = "telemetryflow.security.argon2-max-concurrent") Optional<Integer> maxConcurrent,
                    @ConfigProperty(name = "telemetryflow.security.argon2-max-wait", defaultValue = "PT2S") Duration maxWait) {
        return new Argon2Gate(maxConcurrent.orElse(Runtime.getRuntime().availableProcessors()), maxWait);
    }
}
