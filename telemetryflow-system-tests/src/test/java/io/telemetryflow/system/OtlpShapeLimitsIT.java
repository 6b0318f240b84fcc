package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.awaitRows;
import static io.telemetryflow.testsupport.TestEnvironment.nowNanos;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.OtlpJson;
import io.telemetryflow.testsupport.TestEnvironment;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shape limits on OTLP payloads, with the server's defaults (docs/configuration.md): attributes over the count
 * or length limits are trimmed and reported as a warning, items timestamped too far ahead are rejected in
 * {@code partial_success}, and requests with too many items or with number literals that are not plain integers
 * where OTLP wants one get a 400.
 */
class OtlpShapeLimitsIT extends DeployedEar {

    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

    private TestEnvironment.BootstrapKey key;
    private final String service = "shape-limits-" + UUID.randomUUID();

    @BeforeEach
    void readBootstrapKey() throws Exception {
        key = TestEnvironment.bootstrapKey();
    }

    private String span(String name, String spanId, long start, String... attributes) {
        return OtlpJson.traces(List.of(OtlpJson.spans(List.of(OtlpJson.service(service)),
                OtlpJson.span(TRACE_ID, spanId, name, start, start + 1_000_000, attributes))));
    }

    @Test
    void attributesOverTheLimitsAreTrimmedCountedAndReported() throws Exception {
        // defaults: 128 attributes, keys of 256 characters, values of 65536: one value truncated, 1 + 3 attributes dropped
        String attributes = OtlpJson.attribute("big", "x".repeat(70_000)) + "," + OtlpJson.attribute("k".repeat(300), "long key") + ","
                + IntStream.range(0, 130).mapToObj(i -> OtlpJson.attribute("a" + i, "v")).collect(Collectors.joining(","));
        HttpResponse<String> response = TestEnvironment.postOtlpJson("/v1/traces",
                span("crowded", "eee19b7ec3c1b174", nowNanos(), attributes), key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject partial = TestEnvironment.json(response.body()).getJsonObject("partialSuccess");
        assertThat(partial.containsKey("rejectedSpans")).as("nothing rejected: zero is omitted in JSON").isFalse();
        assertThat(partial.getString("errorMessage")).startsWith("4 attributes dropped and 1 attribute value truncated");
        assertThat(awaitRows("SELECT length(attributes), length(attributes['big']), dropped_attributes_count "
                + "FROM telemetryflow.otel_traces WHERE service_name = '" + service + "' AND name = 'crowded' FORMAT TSV", 1))
                .isEqualTo("128\t65536\t4\n");
    }

    @Test
    void spansStartingMoreThanTheAllowedSkewAheadAreRejectedAsPartialSuccess() throws Exception {
        long twoHoursAhead = nowNanos() + Duration.ofHours(2).toNanos();
        HttpResponse<String> response = TestEnvironment.postOtlpJson("/v1/traces", span("from the future", "eee19b7ec3c1b175",
                twoHoursAhead, OtlpJson.attribute("a", "b")), key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject partial = TestEnvironment.json(response.body()).getJsonObject("partialSuccess");
        assertThat(partial.getString("rejectedSpans")).isEqualTo("1");
        assertThat(partial.getString("errorMessage")).isEqualTo("1 span rejected: timestamp too far in the future");
    }

    @Test
    void moreItemsThanTheLimitIsA400() throws Exception {
        String records = IntStream.range(0, 100_001).mapToObj(i -> "{}").collect(Collectors.joining(","));
        HttpResponse<String> response = TestEnvironment.postOtlpJson("/v1/logs",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[" + records + "]}]}]}", key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestEnvironment.json(response.body()).getString("message"))
                .isEqualTo("the request carries 100001 log records; at most 100000 are accepted per request, send smaller batches");
    }

    @Test
    void anExponentInAnIntegerFieldIsA400NamingTheField() throws Exception {
        String json = span("huge", "eee19b7ec3c1b176", nowNanos()).replaceFirst("\"startTimeUnixNano\":\"\\d+\"",
                "\"startTimeUnixNano\":\"1e3000000\"");
        HttpResponse<String> response = TestEnvironment.postOtlpJson("/v1/traces", json, key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestEnvironment.json(response.body()).getString("message")).contains("startTimeUnixNano at ")
                .contains("must be an integer of at most 20 digits");
    }
}
