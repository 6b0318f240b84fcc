package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveSubprotocolTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln-_x";

    @Test
    void theTokenIsReadFromTheBearerOffer() {
        assertThat(LiveSubprotocol.token(List.of("telemetryflow.v1, telemetryflow.bearer." + JWT))).contains(JWT);
        assertThat(LiveSubprotocol.token(List.of("telemetryflow.v1", "telemetryflow.bearer." + JWT))).as("in a header of its own").contains(JWT);
        assertThat(LiveSubprotocol.token(List.of("telemetryflow.bearer." + JWT + ",telemetryflow.v1"))).contains(JWT);
    }

    @Test
    void withoutABearerOfferThereIsNoToken() {
        assertThat(LiveSubprotocol.token(List.of())).isEmpty();
        assertThat(LiveSubprotocol.token(List.of("telemetryflow.v1"))).isEmpty();
        assertThat(LiveSubprotocol.token(List.of("telemetryflow.bearer."))).isEmpty();
        assertThat(LiveSubprotocol.token(List.of("bearer." + JWT))).isEmpty();
    }

    @Test
    void theAnswerIsTheProtocolNeverTheToken() {
        assertThat(LiveSubprotocol.negotiate(List.of("telemetryflow.bearer." + JWT, "telemetryflow.v1"))).isEqualTo("telemetryflow.v1");
        assertThat(LiveSubprotocol.negotiate(List.of("telemetryflow.bearer." + JWT))).isEmpty();
        assertThat(LiveSubprotocol.negotiate(List.of("other"))).isEmpty();
    }
}
