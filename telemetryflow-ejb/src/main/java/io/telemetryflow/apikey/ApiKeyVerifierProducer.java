package io.telemetryflow.apikey;

import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.ratelimit.FailureBudget;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2Gate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's API-key verifier over PostgreSQL and the cluster cache. */
@ApplicationScoped
public class ApiKeyVerifierProducer {

    @Produces
    @Singleton
    ApiKeyVerifier verifier(ApiKeyStore store, TwoLevelCache cache, Argon2Gate argon2, RateLimiter rateLimiter,
                            @ConfigProperty(name = "telemetryflow.ingest.auth-failures-per-address-per-minute", defaultValue = "30")
                            long failuresPerAddressPerMinute) {
        FailureBudget failures = new FailureBudget(rateLimiter, "apikey-failures", "failed API-key authentications from this address",
                failuresPerAddressPerMinute);
        return new ApiKeyVerifier(store::findForVerification, argon2, cache, failures, Clock.systemUTC());
    }
}
