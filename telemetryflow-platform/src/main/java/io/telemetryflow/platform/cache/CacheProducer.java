package io.telemetryflow.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.telemetryflow.platform.security.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's one {@link TwoLevelCache}, over the node's Hazelcast member, sealing L2 values with a key derived from the
 * encryption key every node of the cluster shares.
 */
@ApplicationScoped
public class CacheProducer {

    static final String MAC_KEY_PURPOSE = "cache-mac";

    @Produces
    @Singleton
    TwoLevelCache cache(HazelcastMember member, SecretBox secretBox,
                        @ConfigProperty(name = "telemetryflow.cache.l1.max-entries", defaultValue = "10000") long l1MaxEntries,
                        @ConfigProperty(name = "telemetryflow.cache.l1.max-answer-bytes", defaultValue = "268435456") long l1MaxAnswerBytes) {
        return new TwoLevelCache(member::instance, new CacheSeal(secretBox.derivedKey(MAC_KEY_PURPOSE)), l1MaxEntries, l1MaxAnswerBytes,
                Ticker.systemTicker());
    }
}
