package io.telemetryflow.telemetry.traces;

import io.telemetryflow.platform.error.Rejected;

/**
 * A RED request: per service, or per operation of one {@code service}; the range as given; an optional chart step
 * (seconds; a bare number is seconds, or {@code 30s}, {@code 5m}); and the number of groups to return.
 */
public record RedQuery(String from, String to, String service, Long stepSeconds, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Points per series at most; with {@link #MAX_SERIES_ROWS} it bounds the series answer. */
    public static final int MAX_POINTS = 1000;
    public static final int MAX_SERIES_ROWS = 50_000;

    public RedQuery {
        service = TraceSearch.name("service", service);
        if (stepSeconds != null && stepSeconds < 1) {
            throw Rejected.invalid("step", "step must be at least 1s");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static RedQuery parse(String from, String to, String service, String step, String limit) {
        Long stepSeconds = step == null || step.isBlank() ? null : seconds(step);
        return new RedQuery(from, to, service, stepSeconds, integer("limit", limit, DEFAULT_LIMIT));
    }

    /** Operations of one service, or services. */
    public boolean perOperation() {
        return service != null;
    }

    private static long seconds(String step) {
        long nanos = DurationText.nanos("step", step, 1_000_000_000L);
        if (nanos % 1_000_000_000L != 0) {
            throw Rejected.invalid("step", "step must be a whole number of seconds");
        }
        return nanos / 1_000_000_000L;
    }

    static int integer(String field, String text, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw Rejected.invalid(field, field + " must be an integer");
        }
    }
}
