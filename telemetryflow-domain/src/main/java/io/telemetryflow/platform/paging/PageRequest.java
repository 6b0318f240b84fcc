package io.telemetryflow.platform.paging;

import io.telemetryflow.platform.error.Rejected;

/** The window of a list request: at most {@code limit} items (1 to {@value #MAX_LIMIT}) after skipping {@code offset}. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw Rejected.invalid("offset", "offset must not be negative");
        }
    }
}
