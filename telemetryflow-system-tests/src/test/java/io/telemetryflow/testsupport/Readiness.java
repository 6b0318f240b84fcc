package io.telemetryflow.testsupport;

import static io.telemetryflow.testsupport.TestEnvironment.MANAGEMENT;
import static io.telemetryflow.testsupport.TestEnvironment.get;
import static io.telemetryflow.testsupport.TestEnvironment.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The managed server's readiness endpoint (/health/ready on the management port), polled until it says what a test needs. */
public final class Readiness {

    private Readiness() {
    }

    /** Waits until readiness answers HTTP 200 (every check UP) and returns its body; fails after {@code timeout}. */
    public static JsonObject awaitReady(Duration timeout) throws Exception {
        return await(response -> response.statusCode() == 200, "reach HTTP 200", timeout);
    }

    /** Polls readiness until an answer is {@code wanted} and returns its body; fails after {@code timeout}, naming {@code what}. */
    public static JsonObject await(Predicate<HttpResponse<String>> wanted, String what, Duration timeout) throws Exception {
        return json(Await.until("readiness to " + what, timeout, () -> get(MANAGEMENT + "/health/ready"), wanted).body());
    }

    /** The status of the named check ("UP", "DOWN"), or "" when the answer has no such check. */
    public static String status(HttpResponse<String> response, String check) {
        return checksByName(json(response.body())).getOrDefault(check, JsonValue.EMPTY_JSON_OBJECT).getString("status", "");
    }

    public static Map<String, JsonObject> checksByName(JsonObject health) {
        return health.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(check -> check.getString("name"), Function.identity(), (a, b) -> a));
    }
}
