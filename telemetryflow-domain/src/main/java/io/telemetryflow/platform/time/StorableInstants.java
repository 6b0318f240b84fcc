package io.telemetryflow.platform.time;

import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;

/**
 * The instants a query may name: those ClickHouse's {@code DateTime64(9)} and a count of nanoseconds in a {@code long}
 * both hold. Outside them a request would overflow the arithmetic that turns an instant into query parameters (a 500)
 * or be clamped silently by the store, so a bound is checked where the request is read and refused as a 400 naming it.
 */
public final class StorableInstants {

    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The last whole second before {@code Long.MAX_VALUE} nanoseconds since the epoch (2262-04-11T23:47:16.854775807Z). */
    public static final Instant LATEST = Instant.parse("2262-04-11T23:47:16Z");

    private StorableInstants() {
    }

    /** {@code instant} when it lies within [{@link #EARLIEST}, {@link #LATEST}]; otherwise a 400 on {@code field}. */
    public static Instant require(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Rejected.invalid(field, field + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }
}
