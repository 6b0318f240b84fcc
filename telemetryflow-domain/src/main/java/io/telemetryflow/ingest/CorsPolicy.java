package io.telemetryflow.ingest;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may send OTLP (the OpenTelemetry JS exporters run in the page and preflight
 * every request because of the API-key headers). Exact origins only, no wildcard: an ingest key in
 * a page is public already, and a wildcard would let any site spend a tenant's quota.
 */
public final class CorsPolicy {

    static final String ALLOWED_METHODS = "POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding, X-API-Key-ID, X-API-Key-Secret";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = origins;
    }

    /** From a comma-separated list such as {@code https://app.example.com, http://localhost:3000}. */
    public static CorsPolicy of(String allowedOrigins) {
        return new CorsPolicy(Arrays.stream(allowedOrigins == null ? new String[0] : allowedOrigins.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Headers for an actual request from {@code origin}; empty when that origin is not allowed. */
    public Map<String, String> responseHeaders(String origin) {
        if (origin == null || !origins.contains(origin)) {
            return Map.of();
        }
        return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin");
    }

    /** Headers answering a preflight, or empty when the origin is not allowed (the browser then blocks the call). */
    public Optional<Map<String, String>> preflight(String origin) {
        if (origin == null || !origins.contains(origin)) {
            return Optional.empty();
        }
        return Optional.of(Map.of(
                "Access-Control-Allow-Origin", origin,
                "Access-Control-Allow-Methods", ALLOWED_METHODS,
                "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Access-Control-Max-Age", MAX_AGE_SECONDS,
                "Vary", "Origin"));
    }
}
