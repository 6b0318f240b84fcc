package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.telemetry.SeverityLevel;
import org.junit.jupiter.api.Test;

class LiveRequestTest {

    @Test
    void readsEveryKindOfRequest() {
        assertThat(LiveRequest.parse("{\"type\":\"auth\",\"token\":\"abc\"}")).isEqualTo(new LiveRequest.Auth("abc"));
        assertThat(LiveRequest.parse("{\"type\":\"ping\"}")).isEqualTo(new LiveRequest.Ping());
        assertThat(LiveRequest.parse("{\"type\":\"subscribe\",\"channel\":\"metrics:new\"}"))
                .isEqualTo(new LiveRequest.Subscribe(LiveChannel.METRICS, null, LiveFilter.NONE));
        assertThat(LiveRequest.parse("""
                {"type":"subscribe","channel":"logs:new","tenantId":"t-1","filters":{"service":"checkout","severity":"warn","query":"Timeout"}}"""))
                .isEqualTo(new LiveRequest.Subscribe(LiveChannel.LOGS, "t-1", new LiveFilter("checkout", SeverityLevel.WARN, "timeout")));
        assertThat(LiveRequest.parse("{\"type\":\"unsubscribe\",\"channel\":\"traces:new\",\"tenantId\":null}"))
                .isEqualTo(new LiveRequest.Unsubscribe(LiveChannel.TRACES, null));
    }

    @Test
    void refusesWhatItCannotActOnWithAReason() {
        assertRefused("[1]", "a message must be a JSON object");
        assertRefused("not json", "a message must be a JSON object");
        assertRefused("{}", "type is required");
        assertRefused("{\"type\":1}", "type must be a string");
        assertRefused("{\"type\":\"drop\"}", "unknown type 'drop'");
        assertRefused("{\"type\":\"auth\"}", "token is required");
        assertRefused("{\"type\":\"auth\",\"token\":\" \"}", "token is required");
        assertRefused("{\"type\":\"subscribe\"}", "channel is required");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs\"}", "unknown channel 'logs'");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs:new\",\"extra\":1}", "unknown field 'extra'");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs:new\",\"filters\":[]}", "filters must be an object");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs:new\",\"filters\":{\"severity\":\"LOUD\"}}", "filters.severity must be one of");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"metrics:new\",\"filters\":{\"query\":\"x\"}}", "unknown field 'query'");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs:new\",\"filters\":{\"service\":\"" + "s".repeat(257) + "\"}}",
                "service is longer than 256 characters");
        assertRefused("{\"type\":\"subscribe\",\"channel\":\"logs:new\",\"tenantId\":7}", "tenantId must be a string");
    }

    private static void assertRefused(String message, String reason) {
        assertThatThrownBy(() -> LiveRequest.parse(message)).isInstanceOf(LiveRequest.InvalidLiveRequest.class).hasMessageContaining(reason);
    }
}
