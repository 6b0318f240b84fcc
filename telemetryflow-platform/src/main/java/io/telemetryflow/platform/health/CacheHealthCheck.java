package io.telemetryflow.platform.health;

import io.telemetryflow.platform.cache.CacheStatistics;
import io.telemetryflow.platform.cache.HazelcastMember;
import io.telemetryflow.platform.cache.TwoLevelCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cache always serves (L1 needs nothing), so this check is never DOWN; when the cluster tier is
 * missing it stays UP with {@code state=DEGRADED} and the reason, because a node on L1 alone still
 * answers correctly, only with less sharing.
 */
@Readiness
@ApplicationScoped
public class CacheHealthCheck implements HealthCheck {

    @Inject
    TwoLevelCache cache;

    @Inject
    HazelcastMember hazelcast;

    @Override
    public HealthCheckResponse call() {
        CacheStatistics stats = cache.statistics();
        Optional<String> degradation = hazelcast.degradation();
        var response = HealthCheckResponse.named("cache").up()
                .withData("state", degradation.isPresent() ? "DEGRADED" : "OK")
                .withData("mode", stats.mode().name())
                .withData("clusterMembers", hazelcast.clusterSize())
                .withData("l1Hits", stats.l1Hits())
                .withData("l2Hits", stats.l2Hits())
                .withData("misses", stats.misses())
                .withData("l1Entries", stats.l1Entries());
        degradation.ifPresent(reason -> response.withData("reason", reason));
        return response.build();
    }
}
