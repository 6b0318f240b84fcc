package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.telemetry.SeverityLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveFilterTest {

    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void logsMatchServiceSeverityAtOrAboveAndTermIgnoringCase() {
        LiveFilter filter = new LiveFilter("checkout", SeverityLevel.WARN, "TimeOut");
        assertThat(filter.matches(log("checkout", "WARN", "upstream timeout after 3s"))).isTrue();
        assertThat(filter.matches(log("checkout", "FATAL", "TIMEOUT"))).isTrue();
        assertThat(filter.matches(log("checkout", "INFO", "timeout"))).as("below the level").isFalse();
        assertThat(filter.matches(log("checkout", "", "timeout"))).as("no level").isFalse();
        assertThat(filter.matches(log("payments", "ERROR", "timeout"))).as("other service").isFalse();
        assertThat(filter.matches(log("checkout", "ERROR", "time out"))).as("no term").isFalse();
        assertThat(LiveFilter.NONE.matches(log("", "", ""))).isTrue();
    }

    @Test
    void eventsAreNarrowedToTheFilterAndDroppedWhenNothingIsLeft() {
        LiveEvent.Logs logs = new LiveEvent.Logs(TENANT, List.of(log("a", "INFO", "x"), log("b", "ERROR", "y")), 3);
        assertThat(logs.select(new LiveFilter("b", null, null))).contains(new LiveEvent.Logs(TENANT, List.of(log("b", "ERROR", "y")), 3));
        assertThat(logs.select(new LiveFilter("c", null, null))).isEmpty();
        assertThat(logs.select(LiveFilter.NONE)).contains(logs);

        LiveEvent.Metrics metrics = new LiveEvent.Metrics(TENANT, 1L, List.of(new LiveEvent.ServiceCount("a", 2), new LiveEvent.ServiceCount("b", 5)));
        Optional<LiveEvent> onlyB = metrics.select(new LiveFilter("b", null, null));
        assertThat(onlyB).map(event -> event.toJson().getInt("count")).contains(5);

        LiveEvent.Traces traces = new LiveEvent.Traces(TENANT, List.of(span("a"), span("b")), 0);
        assertThat(traces.select(new LiveFilter("a", null, null))).contains(new LiveEvent.Traces(TENANT, List.of(span("a")), 0));
    }

    @Test
    void eventsSurviveTheirJson() {
        LiveEvent logs = new LiveEvent.Logs(TENANT, List.of(log("a", "INFO", "x\"y\n")), 2);
        LiveEvent metrics = new LiveEvent.Metrics(TENANT, 42L, List.of(new LiveEvent.ServiceCount("a", 2)));
        LiveEvent traces = new LiveEvent.Traces(TENANT, List.of(span("a")), 0);
        for (LiveEvent event : List.of(logs, metrics, traces)) {
            assertThat(LiveEvent.fromJson(event.channel(), event.toJson())).isEqualTo(event);
        }
        assertThat(logs.toJson().getString("type")).isEqualTo("logs:new");
        assertThat(logs.toJson().getInt("count")).isEqualTo(1);
    }

    @Test
    void severityLevelsFollowTheStoredColumn() {
        assertThat(SeverityLevel.of(9, "")).contains(SeverityLevel.INFO);
        assertThat(SeverityLevel.of(13, "ERROR")).as("the number wins").contains(SeverityLevel.WARN);
        assertThat(SeverityLevel.of(24, "")).contains(SeverityLevel.FATAL);
        assertThat(SeverityLevel.of(0, " warning ")).contains(SeverityLevel.WARN);
        assertThat(SeverityLevel.of(0, "critical")).contains(SeverityLevel.FATAL);
        assertThat(SeverityLevel.of(0, "loud")).isEmpty();
        assertThat(SeverityLevel.of(25, "")).isEmpty();
    }

    static LiveEvent.Log log(String service, String level, String body) {
        return new LiveEvent.Log("1700000000000000000", level, level, body, service, "", "", Map.of("k", "v"));
    }

    static LiveEvent.Span span(String service) {
        return new LiveEvent.Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", service, "GET /", "SERVER",
                "1700000000000000000", 1500, "OK");
    }
}
