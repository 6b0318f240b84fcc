package io.telemetryflow.tenancy;

import io.telemetryflow.platform.cache.TwoLevelCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The node's tenant directory over PostgreSQL and the cluster cache. */
@ApplicationScoped
public class TenantDirectoryProducer {

    @Produces
    @Singleton
    TenantDirectory directory(TenantStore store, TwoLevelCache cache) {
        return new TenantDirectory(store::lookup, cache);
    }
}
