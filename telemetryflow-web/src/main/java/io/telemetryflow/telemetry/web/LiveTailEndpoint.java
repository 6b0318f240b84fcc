package io.telemetryflow.telemetry.web;

import io.telemetryflow.auth.AccessTokenCallers;
import io.telemetryflow.auth.TokenIssuer;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.telemetry.live.LiveConnection;
import io.telemetryflow.telemetry.live.LiveHub;
import io.telemetryflow.telemetry.live.LiveRequest;
import io.telemetryflow.telemetry.live.LiveSession;
import io.telemetryflow.telemetry.live.LiveSession.TokenCredentials;
import io.telemetryflow.telemetry.live.LiveSubprotocol;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live tail, {@code ws://<host>:<port>/ws/telemetry} (the web module's context root is {@code /}). The client
 * authenticates with an access token of the REST API, offered in the handshake as the subprotocol
 * {@code telemetryflow.bearer.<token>} beside {@code telemetryflow.v1} ({@link LiveTailHandshake}) or sent as the first
 * message {@code {"type":"auth","token":...}}, verified as a REST request's is ({@link TokenIssuer}: the key its
 * {@code kid} names, signature, issuer, audience, lifetime) and then by {@link AccessTokenCallers}; then it subscribes to channels. A token in the
 * URL ({@code ?access_token=}, which proxies log) closes the socket. The protocol is in docs/telemetry-api.md ("Live
 * tail"); {@link LiveTailHandshakeFilter} checks the origin and resolves the client address, {@link LiveHub} does
 * the work.
 */
@ServerEndpoint(value = "/ws/telemetry", subprotocols = LiveSubprotocol.NAME, configurator = LiveTailHandshake.class)
public class LiveTailEndpoint {

    /** The largest message a client may send (a token, a subscription); a longer one closes the socket (1009). */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;
    private static final int INTERNAL_ERROR = 1011;
    private static final String SESSION = LiveSession.class.getName();
    private static final Logger LOG = Logger.getLogger(LiveTailEndpoint.class.getName());

    @Inject
    LiveHub hub;

    @Inject
    TokenIssuer tokens;

    @Inject
    AccessTokenCallers callers;

    @OnOpen
    public void open(Session socket) {
        socket.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
        SocketConnection connection = new SocketConnection(socket, hub.executor());
        Map<String, Object> properties = socket.getUserProperties();
        String token = (String) properties.remove(LiveTailHandshake.TOKEN);
        String clientAddress = (String) properties.remove(LiveTailHandshake.CLIENT_ADDRESS);
        if (socket.getRequestParameterMap().containsKey("access_token")) {
            connection.close(LiveSession.POLICY_VIOLATION, "access_token in the URL is not accepted: authenticate with the first message or the subprotocol");
            return;
        }
        if (clientAddress == null) {
            // the handshake did not pass LiveTailHandshakeFilter on this thread: without an address there is no budget to keep
            LOG.warning("Live-tail socket without a client address refused: the handshake did not pass LiveTailHandshakeFilter");
            connection.close(INTERNAL_ERROR, "server error");
            return;
        }
        Optional<LiveSession> session = hub.open(connection, clientAddress);
        if (session.isEmpty()) {
            return;
        }
        properties.put(SESSION, session.get());
        if (token != null) {
            signIn(session.get(), token);
        }
    }

    @OnMessage
    public void message(Session socket, String text) {
        LiveSession session = (LiveSession) socket.getUserProperties().get(SESSION);
        if (session == null) {
            return;
        }
        LiveRequest request;
        try {
            request = LiveRequest.parse(text);
        } catch (LiveRequest.InvalidLiveRequest e) {
            if (session.caller().isEmpty()) {
                session.close(LiveSession.POLICY_VIOLATION, e.getMessage());
            } else {
                hub.refuse(session, e.getMessage());
            }
            return;
        }
        if (request instanceof LiveRequest.Auth auth) {
            signIn(session, auth.token());
        } else if (session.caller().isEmpty()) {
            session.close(LiveSession.POLICY_VIOLATION, "authenticate first: {\"type\":\"auth\",\"token\":\"<access token>\"}");
        } else {
            hub.handle(session, request);
        }
    }

    @OnClose
    public void closed(Session socket) {
        LiveSession session = (LiveSession) socket.getUserProperties().get(SESSION);
        if (session != null) {
            hub.closed(session);
        }
    }

    @OnError
    public void failed(Session socket, Throwable failure) {
        LOG.log(Level.FINE, "Live-tail socket failed", failure);
    }

    private void signIn(LiveSession session, String rawToken) {
        Optional<TokenIssuer.AccessToken> valid = tokens.readAccessToken(rawToken);
        if (valid.isEmpty()) {
            session.close(LiveSession.POLICY_VIOLATION, "invalid or expired access token");
            return;
        }
        TokenIssuer.AccessToken token = valid.get();
        Optional<Caller> caller = callers.caller(token.tokenId(), token.sessionId(), token.subject());
        if (caller.isEmpty()) {
            session.close(LiveSession.POLICY_VIOLATION, "access token revoked or account inactive");
            return;
        }
        hub.signIn(session, caller.get(), new TokenCredentials(token.tokenId(), token.sessionId(), token.subject(), token.expiresAt()));
    }

    /** The socket as the hub sees it: asynchronous sends, and closes off the caller's thread (a stuck socket may block). */
    private record SocketConnection(Session socket, Executor executor) implements LiveConnection {

        @Override
        public void sendAsync(String text, Consumer<Throwable> done) {
            socket.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        }

        @Override
        public void close(int code, String reason) {
            executor.execute(() -> {
                try {
                    if (socket.isOpen()) {
                        socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                    }
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Live-tail socket did not close cleanly", e);
                }
            });
        }
    }
}
