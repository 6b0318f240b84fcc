package io.telemetryflow.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authentication settings (docs/configuration.md). Issuer and audience are MicroProfile JWT's own
 * verification settings, so the tokens this platform signs are exactly the ones it accepts.
 */
@ApplicationScoped
public class AuthSettings {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKeyLocation;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.access-token-ttl", defaultValue = "PT15M")
    Duration accessTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.refresh-token-ttl", defaultValue = "P7D")
    Duration refreshTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.mfa-token-ttl", defaultValue = "PT5M")
    Duration mfaTokenTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.max-attempts", defaultValue = "5")
    int lockoutMaxAttempts;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.lockout.duration", defaultValue = "PT15M")
    Duration lockoutDuration;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.login-attempts-per-ip-per-minute", defaultValue = "30")
    int loginAttemptsPerIpPerMinute;

    public String issuer() {
        return issuer;
    }

    /** The first configured audience is the one put into tokens. */
    public String audience() {
        return audience.split(",")[0].trim();
    }

    public String publicKeyLocation() {
        return publicKeyLocation;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    public Duration mfaTokenTtl() {
        return mfaTokenTtl;
    }

    public int lockoutMaxAttempts() {
        return lockoutMaxAttempts;
    }

    public Duration lockoutDuration() {
        return lockoutDuration;
    }

    public int loginAttemptsPerIpPerMinute() {
        return loginAttemptsPerIpPerMinute;
    }
}
