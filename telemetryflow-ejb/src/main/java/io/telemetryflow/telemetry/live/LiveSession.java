package io.telemetryflow.telemetry.live;

import io.telemetryflow.iam.Caller;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live-tail socket: who is signed in on it (none until authenticated), its subscriptions, and its bounded outbox.
 * Sends are asynchronous, one at a time; when the outbox is full the client is too slow and the session is closed
 * (1008, "too slow") rather than buffering more.
 */
public final class LiveSession {

    /** WebSocket close codes used by the live tail. */
    public static final int POLICY_VIOLATION = 1008;
    public static final int TRY_AGAIN_LATER = 1013;

    private final String id;
    private final String clientAddress;
    private final LiveConnection connection;
    private final Outbox outbox;
    private final Instant openedAt;
    private final Map<LiveSubscription.Key, LiveSubscription> subscriptions = new ConcurrentHashMap<>();
    /** Whether the session still counts against its address's budget of unauthenticated sockets. */
    private final AtomicBoolean pending = new AtomicBoolean(true);
    private volatile Caller caller;
    private volatile TokenCredentials credentials;
    private volatile Instant lastChecked;
    private volatile boolean closed;
    private Runnable onTooSlow = () -> { };
    private Runnable onClose = () -> { };

    LiveSession(String id, String clientAddress, LiveConnection connection, Outbox outbox, Instant openedAt) {
        this.id = id;
        this.clientAddress = clientAddress;
        this.connection = connection;
        this.outbox = outbox;
        this.openedAt = openedAt;
    }

    /** What the session re-checks while open: the token's id, session id and subject, and when it expires. */
    public record TokenCredentials(String tokenId, String sessionId, String subject, Instant expiresAt) {
    }

    public String id() {
        return id;
    }

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    Optional<TokenCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    String clientAddress() {
        return clientAddress;
    }

    /** True the first time only: the session stops counting as pending when it signs in or closes, whichever is first. */
    boolean leavePending() {
        return pending.compareAndSet(true, false);
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastChecked() {
        return lastChecked;
    }

    void signedIn(Caller caller, TokenCredentials credentials, Instant now) {
        this.caller = caller;
        this.credentials = credentials;
        this.lastChecked = now;
    }

    void rechecked(Caller caller, Instant now) {
        this.caller = caller;
        this.lastChecked = now;
    }

    void onTooSlow(Runnable counter) {
        this.onTooSlow = counter;
    }

    void onClose(Runnable forget) {
        this.onClose = forget;
    }

    Map<LiveSubscription.Key, LiveSubscription> subscriptions() {
        return subscriptions;
    }

    boolean subscribedTo(LiveChannel channel, UUID tenant) {
        return subscriptions.containsKey(new LiveSubscription.Key(channel, tenant));
    }

    boolean isClosed() {
        return closed;
    }

    /** Hands the event to the socket as each matching subscription's filter narrows it. */
    void deliver(LiveEvent event) {
        LiveSubscription subscription = subscriptions.get(new LiveSubscription.Key(event.channel(), event.tenantId()));
        if (subscription != null) {
            subscription.select(event).ifPresent(narrowed -> send(narrowed.toJson()));
        }
    }

    void send(JsonObject message) {
        send(message.toString());
    }

    synchronized void send(String text) {
        if (closed) {
            return;
        }
        if (!outbox.offer(text)) {
            onTooSlow.run();
            close(POLICY_VIOLATION, "too slow");
            return;
        }
        pump();
    }

    private void pump() {
        String next = outbox.startNext();
        if (next != null) {
            connection.sendAsync(next, this::sent);
        }
    }

    private synchronized void sent(Throwable failure) {
        if (closed) {
            return;
        }
        if (failure != null) {
            close(POLICY_VIOLATION, "send failed");
            return;
        }
        outbox.sent();
        pump();
    }

    /**
     * Closes the socket (once) with the code and reason. The session lets go of what it still had to send and the hub
     * forgets it at once: a client that stopped reading may keep its socket open for a while yet.
     */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            outbox.clear();
        }
        subscriptions.clear();
        onClose.run();
        connection.close(code, reason);
    }
}
