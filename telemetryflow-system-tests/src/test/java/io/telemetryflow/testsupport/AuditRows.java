package io.telemetryflow.testsupport;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The audit trail as its API shows it; rows arrive asynchronously (through the audit-events queue). */
public final class AuditRows {

    private static final Duration ROW_WAIT = Duration.ofSeconds(60);

    private AuditRows() {
    }

    /** Polls {@code path} (below /api/v2, an /audit/logs query) with the token until it finds a row; returns the newest. */
    public static JsonObject awaitNewest(String token, String path) throws Exception {
        HttpResponse<String> found = Await.until("an audit row for " + path, ROW_WAIT, () -> call("GET", path, token, null),
                response -> response.statusCode() == 200 && !json(response.body()).getJsonArray("items").isEmpty());
        return json(found.body()).getJsonArray("items").getJsonObject(0);
    }
}
