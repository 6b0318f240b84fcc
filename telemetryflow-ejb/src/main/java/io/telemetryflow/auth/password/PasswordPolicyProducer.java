package io.telemetryflow.auth.password;

import io.telemetryflow.iam.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The password policy for creating users, changing and resetting passwords. */
@ApplicationScoped
public class PasswordPolicyProducer {

    @Produces
    @Singleton
    PasswordPolicy policy(@ConfigProperty(name = "telemetryflow.auth.password.min-length", defaultValue = "12") int minLength) {
        return new PasswordPolicy(minLength);
    }
}
