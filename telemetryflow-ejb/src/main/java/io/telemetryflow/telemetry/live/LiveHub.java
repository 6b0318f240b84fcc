package io.telemetryflow.telemetry.live;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.auth.AccessTokenCallers;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.telemetry.live.LiveSession.TokenCredentials;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's live-tail sessions: opens and authenticates them within their bounds (unauthenticated sockets per client
 * address; authenticated sockets per node and per user), handles their requests, hands them
 * the events of the cluster's live topic ({@link LiveTopicMdb}) and, once a second, closes those that did not
 * authenticate in time or whose access token expired, and re-checks each signed-in session every
 * {@code telemetryflow.live.recheck-interval}: a revoked token or session, a deactivated user, or a role change that
 * takes away a subscribed tenant takes effect within that interval.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

    @Inject
    TelemetryScopes scopes;

    @Inject
    AccessTokenCallers callers;

    /** Runs the ticker, and closes sockets off the thread that decides it (a stuck socket may block its close). */
    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.max-sockets", defaultValue = "1000")
    int maxSockets;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.max-sockets-per-user", defaultValue = "10")
    int maxSocketsPerUser;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.max-pending-sockets-per-address", defaultValue = "5")
    int maxPendingSocketsPerAddress;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.max-subscriptions", defaultValue = "20")
    int maxSubscriptions;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.outbox-messages", defaultValue = "256")
    int outboxMessages;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.outbox-bytes", defaultValue = "4194304")
    long outboxBytes;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.auth-timeout", defaultValue = "PT10S")
    Duration authTimeout;

    @Inject
    @ConfigProperty(name = "telemetryflow.live.recheck-interval", defaultValue = "PT30S")
    Duration recheckInterval;

    private final Set<LiveSession> sessions = ConcurrentHashMap.newKeySet();
    /** Made from {@code max-pending-sockets-per-address} at start. */
    PendingSockets pending;
    /** Held while a first sign-in is admitted, so that two sockets cannot both take the last place of a bound. */
    private final Object admission = new Object();
    /** Sessions dropped on this node because their client read too slowly, since start (logged with each drop). */
    private final AtomicLong tooSlow = new AtomicLong();
    private ScheduledFuture<?> ticker;

    @PostConstruct
    void start() {
        pending = new PendingSockets(maxPendingSocketsPerAddress);
        ticker = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.cancel(false);
        sessions.forEach(session -> session.close(LiveSession.TRY_AGAIN_LATER, "server shutting down"));
    }

    /**
     * A new socket's session, or none (the socket is closed) when its client address has
     * {@code max-pending-sockets-per-address} unauthenticated sockets on this node already. Unauthenticated sockets do
     * not count against {@code max-sockets}: nobody can take the places of signed-in users without signing in.
     */
    public Optional<LiveSession> open(LiveConnection connection, String clientAddress) {
        if (!pending.reserve(clientAddress)) {
            connection.close(LiveSession.POLICY_VIOLATION, "too many unauthenticated live connections from this address");
            return Optional.empty();
        }
        LiveSession session = new LiveSession(UUID.randomUUID().toString(), clientAddress, connection, new Outbox(outboxMessages, outboxBytes),
                Instant.now());
        session.onTooSlow(() -> {
            long count = tooSlow.incrementAndGet();
            LOG.info(() -> "Live-tail session " + session.id() + " dropped: the client reads too slowly (" + count + " so far on this node)");
        });
        session.onClose(() -> {
            sessions.remove(session);
            leavePending(session);
        });
        sessions.add(session);
        return Optional.of(session);
    }

    /**
     * Signs the session in with a verified token's caller (again, to extend it with a fresh token of the same user). The
     * first sign-in moves the socket from its address's pending budget to the signed-in ones, and is refused beyond
     * {@code max-sockets} on this node or {@code max-sockets-per-user} for the user; a token of another user is refused.
     */
    public void signIn(LiveSession session, Caller caller, TokenCredentials credentials) {
        Optional<Caller> current = session.caller();
        if (current.isPresent()) {
            if (!current.get().userId().equals(caller.userId())) {
                session.close(LiveSession.POLICY_VIOLATION, "a socket cannot change its user");
                return;
            }
            session.signedIn(caller, credentials, Instant.now());
        } else if (!admit(session, caller, credentials)) {
            return;
        }
        session.send(JSON.createObjectBuilder().add("type", "authenticated").add("userId", caller.userId().toString())
                .add("expiresAt", credentials.expiresAt().toString()).build());
    }

    private boolean admit(LiveSession session, Caller caller, TokenCredentials credentials) {
        leavePending(session);
        synchronized (admission) {
            if (signedIn().count() >= maxSockets) {
                session.close(LiveSession.TRY_AGAIN_LATER, "too many live connections on this server");
                return false;
            }
            if (signedIn().filter(other -> other.caller().orElseThrow().userId().equals(caller.userId())).count() >= maxSocketsPerUser) {
                session.close(LiveSession.POLICY_VIOLATION, "too many live connections for this user");
                return false;
            }
            session.signedIn(caller, credentials, Instant.now());
            return true;
        }
    }

    private Stream<LiveSession> signedIn() {
        return sessions.stream().filter(session -> !session.isClosed() && session.caller().isPresent());
    }

    private void leavePending(LiveSession session) {
        if (session.leavePending()) {
            pending.release(session.clientAddress());
        }
    }

    /** A request of a signed-in session. */
    public void handle(LiveSession session, LiveRequest request) {
        Caller caller = session.caller().orElseThrow();
        if (request instanceof LiveRequest.Subscribe subscribe) {
            subscribe(session, caller, subscribe);
        } else if (request instanceof LiveRequest.Unsubscribe unsubscribe) {
            unsubscribe(session, unsubscribe);
        } else if (request instanceof LiveRequest.Ping) {
            session.send(JSON.createObjectBuilder().add("type", "pong").build());
        } else {
            throw new IllegalArgumentException("not a request of a signed-in session: " + request);
        }
    }

    private void subscribe(LiveSession session, Caller caller, LiveRequest.Subscribe request) {
        TenantPlacement tenant;
        try {
            tenant = scopes.resolve(caller, request.tenantId(), request.channel().permission());
        } catch (Rejected e) {
            session.send(error(e.getMessage()).add("channel", request.channel().wireName()).build());
            return;
        }
        LiveSubscription subscription = new LiveSubscription(request.channel(), request.tenantId(), tenant, request.filter());
        if (!session.subscriptions().containsKey(subscription.key()) && session.subscriptions().size() >= maxSubscriptions) {
            session.send(error("at most " + maxSubscriptions + " subscriptions per connection").add("channel", request.channel().wireName()).build());
            return;
        }
        session.subscriptions().put(subscription.key(), subscription);
        session.send(described("subscribed", subscription).build());
    }

    private void unsubscribe(LiveSession session, LiveRequest.Unsubscribe request) {
        if (request.tenantId() == null) {
            session.subscriptions().keySet().removeIf(key -> key.channel() == request.channel());
        } else {
            UUID tenant;
            try {
                tenant = UUID.fromString(request.tenantId().trim());
            } catch (IllegalArgumentException e) {
                session.send(error("tenantId must be a UUID").add("channel", request.channel().wireName()).build());
                return;
            }
            session.subscriptions().remove(new LiveSubscription.Key(request.channel(), tenant));
        }
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("type", "unsubscribed").add("channel", request.channel().wireName());
        if (request.tenantId() != null) {
            answer.add("tenantId", request.tenantId().trim());
        }
        session.send(answer.build());
    }

    /** The socket closed (by either side). */
    public void closed(LiveSession session) {
        session.close(1000, "closed");
    }

    /** A request that could not be read, from a signed-in session: it stays open. */
    public void refuse(LiveSession session, String reason) {
        session.send(error(reason).build());
    }

    /** Whether any session on this node subscribes to the channel of the tenant: else an event need not be read. */
    public boolean listens(LiveChannel channel, UUID tenant) {
        for (LiveSession session : sessions) {
            if (session.subscribedTo(channel, tenant)) {
                return true;
            }
        }
        return false;
    }

    /** An event from the live topic, as its JSON; read only when a session here wants it. */
    public void deliver(LiveChannel channel, UUID tenant, String json) {
        if (!listens(channel, tenant)) {
            return;
        }
        LiveEvent event;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            event = LiveEvent.fromJson(channel, reader.readObject());
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            // JSON-P reports a missing field with NullPointerException; events come from LivePublisher, so this is a bug
            LOG.log(Level.WARNING, "Unreadable live event on channel " + channel.wireName() + "; dropped", e);
            return;
        }
        for (LiveSession session : sessions) {
            session.deliver(event);
        }
    }

    public Executor executor() {
        return scheduler;
    }

    void tick() {
        Instant now = Instant.now();
        for (LiveSession session : sessions) {
            try {
                check(session, now);
            } catch (RuntimeException e) {
                // one session's failure must not stop the ticker (a scheduled task that throws is never run again)
                LOG.log(Level.WARNING, "Live-tail session check failed; closing " + session.id(), e);
                session.close(LiveSession.TRY_AGAIN_LATER, "server error");
            }
        }
    }

    private void check(LiveSession session, Instant now) {
        Optional<TokenCredentials> credentials = session.credentials();
        if (credentials.isEmpty()) {
            if (!now.isBefore(session.openedAt().plus(authTimeout))) {
                session.close(LiveSession.POLICY_VIOLATION, "authentication required within " + authTimeout.toSeconds() + " s");
            }
            return;
        }
        TokenCredentials token = credentials.get();
        if (!now.isBefore(token.expiresAt())) {
            session.close(LiveSession.POLICY_VIOLATION, "access token expired");
            return;
        }
        if (now.isBefore(session.lastChecked().plus(recheckInterval))) {
            return;
        }
        Optional<Caller> caller = callers.caller(token.tokenId(), token.sessionId(), token.subject());
        if (caller.isEmpty()) {
            session.close(LiveSession.POLICY_VIOLATION, "access token revoked or account inactive");
            return;
        }
        session.rechecked(caller.get(), now);
        for (LiveSubscription subscription : session.subscriptions().values()) {
            try {
                scopes.recheck(caller.get(), subscription.requestedTenant(), subscription.channel().permission());
            } catch (Rejected e) {
                session.subscriptions().remove(subscription.key());
                session.send(error("subscription ended: " + e.getMessage()).add("channel", subscription.channel().wireName())
                        .add("tenantId", subscription.tenant().tenantId().toString()).build());
            }
        }
    }

    private static JsonObjectBuilder error(String reason) {
        return JSON.createObjectBuilder().add("type", "error").add("reason", reason);
    }

    private static JsonObjectBuilder described(String type, LiveSubscription subscription) {
        JsonObjectBuilder filters = JSON.createObjectBuilder();
        LiveFilter filter = subscription.filter();
        if (filter.service() != null) {
            filters.add("service", filter.service());
        }
        if (filter.minSeverity() != null) {
            filters.add("severity", filter.minSeverity().name());
        }
        if (filter.query() != null) {
            filters.add("query", filter.query());
        }
        return JSON.createObjectBuilder().add("type", type).add("channel", subscription.channel().wireName())
                .add("tenantId", subscription.tenant().tenantId().toString()).add("filters", filters);
    }
}
