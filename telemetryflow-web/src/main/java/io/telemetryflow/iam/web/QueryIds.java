package io.telemetryflow.iam.web;

import io.telemetryflow.platform.error.Rejected;
import java.util.UUID;

/**
 * Ids in list filters arrive as text: JAX-RS would answer a malformed query-parameter UUID with 404,
 * a filter deserves a 400 naming the parameter.
 */
final class QueryIds {

    private QueryIds() {
    }

    static UUID optional(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(parameter, parameter + " must be a UUID");
        }
    }
}
