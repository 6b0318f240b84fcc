package io.telemetryflow.telemetry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.logs.LogRequests;
import io.telemetryflow.telemetry.metrics.MetricExemplarRequest;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import io.telemetryflow.telemetry.traces.TraceRequests;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request bodies are plain records in the domain module; JSON-B binds them as the server does (Yasson, the
 * default configuration of {@code SharedJsonb}). The log bodies keep their filter fields flat on the wire and in
 * their JSON, which is their cache key.
 */
class RequestBodiesTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String FLAT_SEARCH = "{\"cursor\":\"c\",\"filters\":[{\"key\":\"k\",\"op\":\"eq\",\"value\":\"v\"}],\"from\":\"now-1h\","
            + "\"limit\":5,\"query\":\"q\",\"service\":[\"a\",\"b\"],\"severity\":\"WARN\",\"spanId\":\"s\",\"tenantId\":\"t\",\"to\":\"now\","
            + "\"traceId\":\"x\"}";

    @Test
    void aLogBodyBindsItsFlatFilterFieldsAndKeepsItsJson() {
        LogRequests.Search search = JSONB.fromJson(FLAT_SEARCH, LogRequests.Search.class);

        LogRequests.Filter filter = new LogRequests.Filter("t", "now-1h", "now", "q", "WARN", List.of("a", "b"), "x", "s",
                List.of(new LogRequests.Attribute("k", "eq", "v", null)));
        assertThat(search.filter()).isEqualTo(filter);
        assertThat(search).isEqualTo(filter.search(5, "c"));
        assertThat(JSONB.toJson(search)).isEqualTo(FLAT_SEARCH);

        LogRequests.Histogram histogram = JSONB.fromJson(FLAT_SEARCH.replace("\"limit\":5", "\"step\":\"1m\""), LogRequests.Histogram.class);
        assertThat(histogram).isEqualTo(filter.histogram("1m"));
        LogRequests.TopValues topValues = JSONB.fromJson(FLAT_SEARCH.replace("\"cursor\":\"c\"", "\"field\":\"f\""), LogRequests.TopValues.class);
        assertThat(topValues).isEqualTo(filter.topValues("f", 5));
    }

    @Test
    void anEmptyBodyIsTheNamedDefault() {
        assertThat(JSONB.fromJson("{}", LogRequests.Search.class)).isEqualTo(LogRequests.Search.EMPTY);
        assertThat(JSONB.fromJson("{}", LogRequests.Histogram.class)).isEqualTo(LogRequests.Histogram.EMPTY);
        assertThat(JSONB.fromJson("{}", LogRequests.TopValues.class)).isEqualTo(LogRequests.TopValues.EMPTY);
        assertThat(JSONB.fromJson("{}", TraceRequests.Search.class)).isEqualTo(TraceRequests.Search.EMPTY);
        assertThat(JSONB.fromJson("{}", MetricSeriesRequest.class)).isEqualTo(MetricSeriesRequest.EMPTY);
        assertThat(JSONB.fromJson("{}", MetricExemplarRequest.class)).isEqualTo(MetricExemplarRequest.EMPTY);
    }

    @Test
    void aLogServiceIsANameOrAListOfNames() {
        assertThat(services("\"api\"")).containsExactly("api");
        assertThat(services("[\"b\",\"a\"]")).containsExactly("a", "b");
        assertThat(services("null")).isEmpty();
        for (String bad : List.of("5", "true", "{\"name\":\"api\"}", "[\"a\",1]", "[null]")) {
            assertThatThrownBy(() -> services(bad)).as(bad).isInstanceOfSatisfying(Rejected.class, rejected -> {
                assertThat(rejected.field()).isEqualTo("service");
                assertThat(rejected).hasMessageContaining("service must be a service name or a list of names");
            });
        }
    }

    @Test
    void traceDurationsAreNanosecondsOrTextWithAUnit() {
        assertThat(minDuration("250000")).isEqualTo(250_000L);
        assertThat(minDuration("0")).isEqualTo(0L);
        assertThat(minDuration("\"250ms\"")).isEqualTo(250_000_000L);
        assertThat(minDuration("null")).isNull();
        for (String bad : List.of("-5", "1.5", "1.0", "1e3", "true", "[1]", "{}")) {
            assertThatThrownBy(() -> minDuration(bad)).as(bad).isInstanceOfSatisfying(Rejected.class, rejected -> {
                assertThat(rejected.field()).isEqualTo("minDuration");
                assertThat(rejected).hasMessageContaining("minDuration must be a non-negative number of nanoseconds");
            });
        }
    }

    private static List<String> services(String json) {
        LogRequests.Search search = JSONB.fromJson("{\"service\":" + json + "}", LogRequests.Search.class);
        return search.filter().parse(Instant.parse("2026-11-22T12:00:00Z"), QueryLimits.defaults()).services();
    }

    private static Long minDuration(String json) {
        return JSONB.fromJson("{\"minDuration\":" + json + "}", TraceRequests.Search.class).toSearch().minDurationNanos();
    }
}
