package io.telemetryflow.telemetry.services;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetryCache;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services of a tenant, from {@code service_catalogue}: for one signal (which needs that signal's read
 * permission) or for every signal the caller may read there. Answers go through the telemetry cache as live data.
 */
@ApplicationScoped
public class ServiceCatalogue {

    static final String NAMESPACE = "services";
    static final int MAX_LIMIT = 1000;

    @Inject
    TelemetryScopes scopes;

    @Inject
    TelemetryQueries queries;

    @Inject
    TelemetryCache cache;

    Clock clock = Clock.systemUTC();

    /** Key of a cached answer. */
    public record ServicesRequest(List<TelemetrySignal> signals, int limit) {
    }

    public TelemetryCache.Answer services(Caller caller, String tenantId, String signal, String limit) {
        Optional<TelemetrySignal> requested = TelemetrySignal.parse(signal);
        int max = limit(limit);
        TenantPlacement tenant = null;
        List<TelemetrySignal> readable = new ArrayList<>();
        Rejected refused = null;
        for (TelemetrySignal candidate : requested.map(List::of).orElse(List.of(TelemetrySignal.values()))) {
            try {
                tenant = scopes.resolve(caller, tenantId, candidate.read());
                readable.add(candidate);
            } catch (Rejected notReadable) {
                refused = notReadable;
            }
        }
        if (readable.isEmpty()) {
            throw refused;
        }
        TenantPlacement scope = tenant;
        Instant now = Instant.now(clock);
        return cache.answer(scope, NAMESPACE, new ServicesRequest(readable, max), TimeRange.of(now.minusSeconds(1), now),
                () -> services(scope, readable, max));
    }

    TelemetryServices services(TenantPlacement tenant, List<TelemetrySignal> signals, int limit) {
        List<GenericRecord> rows = queries.rows(ServiceCatalogueSql.services(tenant, signals, limit));
        List<TelemetryServices.Service> services = new ArrayList<>();
        for (GenericRecord row : rows.subList(0, Math.min(limit, rows.size()))) {
            List<Object> names = row.getList("signals");
            List<Object> firsts = row.getList("firsts");
            List<Object> lasts = row.getList("lasts");
            List<Object> records = row.getList("records");
            Map<String, Long> counts = new LinkedHashMap<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (TelemetrySignal known : TelemetrySignal.values()) {
                int i = names.indexOf(known.signal());
                if (i >= 0) {
                    counts.put(known.signal(), ((Number) records.get(i)).longValue());
                    first = Math.min(first, ((Number) firsts.get(i)).longValue());
                    last = Math.max(last, ((Number) lasts.get(i)).longValue());
                }
            }
            services.add(new TelemetryServices.Service(row.getString("service"), List.copyOf(counts.keySet()), instant(first), instant(last),
                    counts));
        }
        return new TelemetryServices(services, rows.size() > limit);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
    }

    private static String instant(long epochNanos) {
        return TimeRange.instant(epochNanos).toString();
    }
}
