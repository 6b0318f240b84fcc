package io.telemetryflow.apikey;

import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.security.Argon2idHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The node's API-key verifier over PostgreSQL and the cluster cache. */
@ApplicationScoped
public class ApiKeyVerifierProducer {

    @Produces
    @Singleton
    ApiKeyVerifier verifier(ApiKeyStore store, TwoLevelCache cache) {
        return new ApiKeyVerifier(store::findForVerification, Argon2idHasher.owaspDefaults(), cache, Clock.systemUTC());
    }
}
