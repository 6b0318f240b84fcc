package io.telemetryflow.platform.ratelimit;

import io.telemetryflow.platform.cache.HazelcastMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The node's rate limiter over its Hazelcast member. */
@ApplicationScoped
public class RateLimiterProducer {

    @Produces
    @Singleton
    RateLimiter rateLimiter(HazelcastMember member) {
        return new RateLimiter(member::instance, Clock.systemUTC());
    }
}
