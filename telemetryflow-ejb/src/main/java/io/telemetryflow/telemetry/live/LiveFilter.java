package io.telemetryflow.telemetry.live;

import io.telemetryflow.telemetry.SeverityLevel;
import java.util.Locale;

/**
 * What a subscription narrows its channel to; null parts match everything. {@code service} is the exact
 * {@code service.name}; for logs, {@code minSeverity} keeps records at or above that level (records without a level
 * never match it) and {@code query} keeps records whose body contains the term, ignoring case.
 */
public record LiveFilter(String service, SeverityLevel minSeverity, String query) {

    public static final LiveFilter NONE = new LiveFilter(null, null, null);

    public LiveFilter {
        query = query == null ? null : query.toLowerCase(Locale.ROOT);
    }

    public boolean matchesService(String serviceName) {
        return service == null || service.equals(serviceName);
    }

    public boolean matches(LiveEvent.Log log) {
        if (!matchesService(log.serviceName())) {
            return false;
        }
        if (minSeverity != null) {
            SeverityLevel level = SeverityLevel.named(log.severityLevel()).orElse(null);
            if (level == null || level.compareTo(minSeverity) < 0) {
                return false;
            }
        }
        return query == null || log.body().toLowerCase(Locale.ROOT).contains(query);
    }
}
