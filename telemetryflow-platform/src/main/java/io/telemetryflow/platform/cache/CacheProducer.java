package io.telemetryflow.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The node's one {@link TwoLevelCache}, over the node's Hazelcast member. */
@ApplicationScoped
public class CacheProducer {

    @Produces
    @Singleton
    TwoLevelCache cache(HazelcastMember member,
                        @ConfigProperty(name = "telemetryflow.cache.l1.max-entries", defaultValue = "10000") long l1MaxEntries) {
        return new TwoLevelCache(member::instance, l1MaxEntries, Ticker.systemTicker());
    }
}
