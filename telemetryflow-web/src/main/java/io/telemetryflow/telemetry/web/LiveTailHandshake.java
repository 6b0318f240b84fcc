package io.telemetryflow.telemetry.web;

import io.telemetryflow.telemetry.live.LiveSubprotocol;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live tail's handshake: answers the subprotocol {@link LiveSubprotocol#NAME} (never the offer that carries a
 * token), and hands the socket, through its user properties (a copy per connection, Jakarta WebSocket 2.1), the
 * access token of a {@code telemetryflow.bearer.} offer and the client address that {@link LiveTailHandshakeFilter}
 * resolved. The {@code Origin} is checked by that filter.
 */
public class LiveTailHandshake extends ServerEndpointConfig.Configurator {

    static final String CLIENT_ADDRESS = LiveTailHandshake.class.getName() + ".clientAddress";
    static final String TOKEN = LiveTailHandshake.class.getName() + ".token";

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return LiveSubprotocol.negotiate(requested);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        LiveTailHandshakeFilter.clientAddress().ifPresent(address -> properties.put(CLIENT_ADDRESS, address));
        LiveSubprotocol.token(headers(request, HandshakeRequest.SEC_WEBSOCKET_PROTOCOL)).ifPresent(token -> properties.put(TOKEN, token));
    }

    /** A header's values, whatever the case of its name in the container's map. */
    private static List<String> headers(HandshakeRequest request, String name) {
        List<String> values = new ArrayList<>();
        request.getHeaders().forEach((key, list) -> {
            if (key.equalsIgnoreCase(name) && list != null) {
                values.addAll(list);
            }
        });
        return values;
    }
}
