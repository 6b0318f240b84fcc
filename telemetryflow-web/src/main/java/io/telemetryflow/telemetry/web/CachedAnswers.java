package io.telemetryflow.telemetry.web;

import io.telemetryflow.telemetry.TelemetryCache;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sends a telemetry answer as it was cached, saying whether the cache had it ({@code X-Cache: HIT|MISS}). */
final class CachedAnswers {

    static final String HEADER = "X-Cache";

    private CachedAnswers() {
    }

    static Response of(TelemetryCache.Answer answer) {
        return Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE).header(HEADER, answer.hit() ? "HIT" : "MISS").build();
    }
}
