package io.telemetryflow.telemetry.traces;

import io.telemetryflow.telemetry.TelemetryCache;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * The traces read API for a tenant already resolved ({@link io.telemetryflow.telemetry.TelemetryScopes}): each answer
 * through the telemetry cache (namespace {@value #NAMESPACE}), keyed by the request as given.
 */
@ApplicationScoped
public class Traces {

    static final String NAMESPACE = "traces";

    @Inject
    TelemetryQueries queries;

    @Inject
    TelemetryCache cache;

    @Resource
    ManagedExecutorService executor;

    Clock clock = Clock.systemUTC();

    private TraceReader reader;

    @PostConstruct
    void init() {
        reader = new TraceReader(queries, executor);
    }

    public TelemetryCache.Answer search(TenantPlacement tenant, TraceSearch search) {
        TimeRange range = range(search.from(), search.to());
        return cache.answer(tenant, NAMESPACE, new Key("search", search), range, () -> reader.search(tenant, search, range));
    }

    /**
     * A trace may still grow, so its answer is filed as live (kept at most the freshness window, and dropped when the
     * tenant's data changes).
     */
    public TelemetryCache.Answer trace(TenantPlacement tenant, TraceId traceId) {
        Instant now = Instant.now(clock);
        TimeRange live = TimeRange.of(now.minus(queries.limits().freshness()), now);
        return cache.answer(tenant, NAMESPACE, new Key("trace", traceId), live, () -> reader.trace(tenant, traceId));
    }

    public TelemetryCache.Answer serviceMap(TenantPlacement tenant, ServiceMapQuery query) {
        TimeRange range = range(query.from(), query.to());
        return cache.answer(tenant, NAMESPACE, new Key("service-map", query), range, () -> reader.serviceMap(tenant, range));
    }

    public TelemetryCache.Answer red(TenantPlacement tenant, RedQuery query) {
        TimeRange range = range(query.from(), query.to());
        return cache.answer(tenant, NAMESPACE, new Key("red", query), range, () -> reader.red(tenant, query, range));
    }

    private TimeRange range(String from, String to) {
        return TimeRange.parse(from, to, Instant.now(clock), queries.limits());
    }

    /** What an answer depends on: the endpoint and its request as given. */
    public record Key(String endpoint, Object request) {
    }
}
