package io.telemetryflow.audit;

import io.telemetryflow.audit.AuditEvent.Result;
import io.telemetryflow.audit.AuditEvent.Type;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.time.StorableInstants;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * What a reader asks of the audit trail: a time range [from, to), optional exact filters (user, event type, result,
 * action), a resource prefix, and a page. {@code organizationId} narrows a Super Administrator's view to one
 * organization; it never widens anyone's (see {@link AuditLogSql#scope}). Built from query strings by
 * {@link #parse}, which answers a bad value with a 400 naming the parameter.
 */
public record AuditLogFilter(Instant from, Instant to, UUID userId, Type eventType, Result result, String resource,
                             String action, UUID organizationId, int limit, long offset) {

    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** ClickHouse reads and sorts offset + limit rows for a page: deeper pages are reached by narrowing the range. */
    public static final long MAX_OFFSET = 100_000;
    static final int MAX_TEXT = 500;

    /** The query parameters as received (null when absent); {@code now} is the default end of the range. */
    public static AuditLogFilter parse(String from, String to, String userId, String eventType, String result, String resource,
                                       String action, String organizationId, String limit, String offset, Instant now) {
        Instant start = present(from) ? instant("from", from) : null;     // read first: a bad from is named first
        Instant end = present(to) ? instant("to", to) : now;
        if (start == null) {
            start = StorableInstants.require("from", end.minus(DEFAULT_RANGE));
        }
        if (!start.isBefore(end)) {
            throw Rejected.invalid("from", "from must be before to");
        }
        return new AuditLogFilter(start, end,
                present(userId) ? uuid("userId", userId) : null,
                present(eventType) ? constant("eventType", eventType, Type.class) : null,
                present(result) ? constant("result", result, Result.class) : null,
                present(resource) ? text("resource", resource) : null,
                present(action) ? text("action", action) : null,
                present(organizationId) ? uuid("organizationId", organizationId) : null,
                present(limit) ? (int) number("limit", limit, 1, MAX_LIMIT) : DEFAULT_LIMIT,
                present(offset) ? offset(offset) : 0);
    }

    private static long offset(String value) {
        long offset = number("offset", value, 0, Long.MAX_VALUE);
        if (offset > MAX_OFFSET) {
            throw Rejected.invalid("offset", "offset must be at most " + MAX_OFFSET + "; to page further back, set to to the "
                    + "timestamp of the last row you have");
        }
        return offset;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Instant instant(String field, String value) {
        try {
            return StorableInstants.require(field, Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw Rejected.invalid(field, field + " must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(field, field + " must be a UUID");
        }
    }

    private static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String text(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw Rejected.invalid(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static long number(String field, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw Rejected.invalid(field, field + " must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw Rejected.invalid(field, field + " must be between " + min + " and " + max);
        }
        return parsed;
    }
}
