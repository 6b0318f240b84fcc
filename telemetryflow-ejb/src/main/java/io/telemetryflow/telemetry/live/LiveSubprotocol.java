package io.telemetryflow.telemetry.live;

import java.util.List;
import java.util.Optional;

/**
 * The live tail's WebSocket subprotocol, and the access token a browser may carry in the handshake's
 * {@code Sec-WebSocket-Protocol} header (the only header a browser's {@code WebSocket} lets a page set): the client
 * offers {@code telemetryflow.v1} and {@code telemetryflow.bearer.<access token>}; an access token is a JWT, whose
 * characters are all valid in a subprotocol name. The server answers {@code telemetryflow.v1}, never the offer that
 * carries the token, so the token is not sent back (nor logged by proxies that log response headers).
 */
public final class LiveSubprotocol {

    public static final String NAME = "telemetryflow.v1";
    static final String BEARER_PREFIX = "telemetryflow.bearer.";

    private LiveSubprotocol() {
    }

    /** The subprotocol to answer: {@link #NAME} when the client offered it, else none (""). */
    public static String negotiate(List<String> offered) {
        return offered.stream().map(String::strip).anyMatch(NAME::equals) ? NAME : "";
    }

    /**
     * The access token of the first {@code telemetryflow.bearer.} offer, if any.
     *
     * @param headerValues every {@code Sec-WebSocket-Protocol} header value, each a comma-separated list of offers
     */
    public static Optional<String> token(List<String> headerValues) {
        for (String header : headerValues) {
            for (String offer : header.split(",")) {
                String name = offer.strip();
                if (name.startsWith(BEARER_PREFIX) && name.length() > BEARER_PREFIX.length()) {
                    return Optional.of(name.substring(BEARER_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }
}
