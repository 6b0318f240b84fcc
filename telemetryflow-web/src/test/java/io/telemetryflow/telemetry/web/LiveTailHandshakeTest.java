package io.telemetryflow.telemetry.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveTailHandshakeTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";

    private final LiveTailHandshake handshake = new LiveTailHandshake();
    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(LiveTailEndpoint.class, "/ws/telemetry")
            .configurator(handshake).build();

    @Test
    void theTokenOfTheBearerOfferReachesTheSocket() {
        handshake.modifyHandshake(config, request(Map.of("sec-websocket-protocol", List.of("telemetryflow.v1, telemetryflow.bearer." + JWT))),
                new Response());
        assertThat(config.getUserProperties()).containsEntry(LiveTailHandshake.TOKEN, JWT);
    }

    @Test
    void theAnswerIsTheProtocolNeverTheToken() {
        assertThat(handshake.getNegotiatedSubprotocol(List.of("telemetryflow.v1"), List.of("telemetryflow.bearer." + JWT, "telemetryflow.v1")))
                .isEqualTo("telemetryflow.v1");
    }

    @Test
    void aHandshakeThatDidNotPassTheFilterHasNoAddressAndWithoutAnOfferNoToken() {
        handshake.modifyHandshake(config, request(Map.of("Sec-WebSocket-Protocol", List.of("telemetryflow.v1"))), new Response());
        assertThat(config.getUserProperties()).doesNotContainKeys(LiveTailHandshake.CLIENT_ADDRESS, LiveTailHandshake.TOKEN);
    }

    private static HandshakeRequest request(Map<String, List<String>> headers) {
        return new HandshakeRequest() {
            @Override
            public Map<String, List<String>> getHeaders() {
                return headers;
            }

            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public URI getRequestURI() {
                return URI.create("/ws/telemetry");
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public Object getHttpSession() {
                return null;
            }

            @Override
            public Map<String, List<String>> getParameterMap() {
                return Map.of();
            }

            @Override
            public String getQueryString() {
                return null;
            }
        };
    }

    private static final class Response implements HandshakeResponse {
        private final Map<String, List<String>> headers = new HashMap<>();

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }
}
