package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.cache.CacheSeal;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cached answers on one node (L1 only; the cluster tier is covered by TwoLevelCacheIT): hit after miss, live answers
 * expire after the freshness and are dropped by new data, past answers outlive the freshness and are dropped only by
 * late data, tenants never share an answer.
 */
class TelemetryCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement OTHER = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TimeRange LIVE = TimeRange.of(NOW.minus(Duration.ofHours(1)), NOW);
    private static final TimeRange PAST = TimeRange.of(NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)));

    private final AtomicLong ticker = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();
    private final TelemetryQueries queries = new TelemetryQueries(ClickHouseClients.create(
            new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:1", "default", "", "unused", "")), QueryLimits.defaults());
    private final TelemetryCache cache = new TelemetryCache();
    private final TelemetryFreshness freshness = new TelemetryFreshness();

    TelemetryCacheTest() {
        cache.cache = new TwoLevelCache(Optional::empty, new CacheSeal(new byte[32]), 100, ticker::get);
        cache.queries = queries;
        cache.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cache.maxCachedAnswerBytes = 64;
        freshness.cache = cache;
        freshness.queries = queries;
        freshness.clock = cache.clock;
    }

    @AfterEach
    void close() {
        queries.close();
    }

    public record Request(String query, String from, String to) {
    }

    private TelemetryCache.Answer ask(TenantPlacement tenant, TimeRange range, String query) {
        return cache.answer(tenant, "logs", new Request(query, range.from().toString(), range.to().toString()), range,
                () -> List.of(query, computed.incrementAndGet()));
    }

    @Test
    void theSameRequestIsAMissThenAHitWithTheSameJson() {
        TelemetryCache.Answer first = ask(TENANT, LIVE, "error");
        TelemetryCache.Answer second = ask(TENANT, LIVE, "error");
        assertThat(first.hit()).isFalse();
        assertThat(second.hit()).isTrue();
        assertThat(second.json()).isEqualTo(first.json()).isEqualTo("[\"error\",1]");
        assertThat(ask(TENANT, LIVE, "timeout").hit()).isFalse();
        assertThat(ask(OTHER, LIVE, "error").hit()).as("another tenant never gets this tenant's answer").isFalse();
        assertThat(computed).hasValue(3);
    }

    @Test
    void anAnswerOverTheCacheableSizeIsComputedEveryTime() {
        String large = "x".repeat(64);   // ["x…x",n] is 70 characters
        TelemetryCache.Answer first = ask(TENANT, LIVE, large);
        TelemetryCache.Answer second = ask(TENANT, LIVE, large);
        assertThat(first.hit()).isFalse();
        assertThat(second.hit()).isFalse();
        assertThat(computed).hasValue(2);
        // at the limit it is cached: ["q…q",n] with 58 q's and a one-digit count is 64 characters
        String fits = "q".repeat(58);
        assertThat(ask(TENANT, LIVE, fits).json()).hasSize(64);
        assertThat(ask(TENANT, LIVE, fits).hit()).isTrue();
    }

    @Test
    void aLiveAnswerLivesAtMostTheFreshnessAndAPastOneLonger() {
        ask(TENANT, LIVE, "q");
        ask(TENANT, PAST, "q");
        ticker.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(ask(TENANT, LIVE, "q").hit()).isFalse();
        assertThat(ask(TENANT, PAST, "q").hit()).isTrue();
        ticker.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(ask(TENANT, PAST, "q").hit()).isFalse();
    }

    @Test
    void newDataDropsTheTenantsLiveAnswersAndLateDataItsPastOnesToo() {
        ask(TENANT, LIVE, "q");
        ask(TENANT, PAST, "q");
        ask(OTHER, LIVE, "q");

        freshness.stored(TENANT.tenantId(), NOW.minusSeconds(5));
        assertThat(ask(TENANT, LIVE, "q").hit()).isFalse();
        assertThat(ask(TENANT, PAST, "q").hit()).as("recent data cannot change a past range").isTrue();
        assertThat(ask(OTHER, LIVE, "q").hit()).isTrue();

        freshness.stored(TENANT.tenantId(), NOW.minus(Duration.ofHours(2)).plusSeconds(30));
        assertThat(ask(TENANT, PAST, "q").hit()).isFalse();
        assertThat(ask(TENANT, LIVE, "q").hit()).isFalse();
    }

    @Test
    void liveBumpsAreThrottledPerTenantWhileTheFreshnessStillBoundsStaleness() {
        freshness.stored(TENANT.tenantId(), NOW);
        ask(TENANT, LIVE, "q");
        freshness.stored(TENANT.tenantId(), NOW);    // within the bump interval: no bump, the answer stays
        assertThat(ask(TENANT, LIVE, "q").hit()).isTrue();
        freshness.clock = Clock.fixed(NOW.plus(TelemetryFreshness.LIVE_BUMP_INTERVAL), ZoneOffset.UTC);
        freshness.stored(TENANT.tenantId(), NOW);
        assertThat(ask(TENANT, LIVE, "q").hit()).isFalse();
    }
}
