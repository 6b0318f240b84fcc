package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.telemetry.live.LiveSession.TokenCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveHubTest {

    private static final String ADDRESS = "203.0.113.7";
    private static final Caller USER = caller("u@example.com");
    private static final Caller OTHER = caller("o@example.com");
    private static final Caller THIRD = caller("t@example.com");

    @Test
    void socketsThatDoNotAuthenticateInTimeOrWhoseTokenExpiresAreClosed() {
        LiveHub hub = hub(Duration.ZERO);
        LiveSessionTest.HeldConnection silent = new LiveSessionTest.HeldConnection();
        hub.open(silent, ADDRESS);
        LiveSessionTest.HeldConnection expiring = new LiveSessionTest.HeldConnection();
        LiveSession session = hub.open(expiring, ADDRESS).orElseThrow();
        hub.signIn(session, USER, new TokenCredentials("jti", "sid", USER.userId().toString(), Instant.now().minusSeconds(1)));

        hub.tick();

        assertThat(silent.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(silent.closeReason).isEqualTo("authentication required within 0 s");
        assertThat(expiring.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(expiring.closeReason).isEqualTo("access token expired");
        assertThat(hub.listens(LiveChannel.LOGS, UUID.randomUUID())).isFalse();
    }

    @Test
    void boundsSignedInSocketsPerNodeAndPerUser() {
        LiveHub hub = hub(Duration.ofMinutes(1));
        hub.maxSockets = 3;
        hub.maxSocketsPerUser = 2;
        List<LiveSessionTest.HeldConnection> sockets = List.of(new LiveSessionTest.HeldConnection(), new LiveSessionTest.HeldConnection(),
                new LiveSessionTest.HeldConnection(), new LiveSessionTest.HeldConnection(), new LiveSessionTest.HeldConnection());
        for (LiveSessionTest.HeldConnection socket : sockets.subList(0, 3)) {
            hub.open(socket, ADDRESS).ifPresent(session -> hub.signIn(session, USER, token(USER)));
        }
        assertThat(sockets.get(2).closeReason).isEqualTo("too many live connections for this user");
        hub.signIn(hub.open(sockets.get(3), ADDRESS).orElseThrow(), OTHER, token(OTHER));
        assertThat(sockets.get(3).closeReason).as("the third user socket was closed, so there is room").isNull();
        hub.signIn(hub.open(sockets.get(4), ADDRESS).orElseThrow(), THIRD, token(THIRD));
        assertThat(sockets.get(4).closeCode).isEqualTo(LiveSession.TRY_AGAIN_LATER);
        assertThat(sockets.get(4).closeReason).isEqualTo("too many live connections on this server");
        assertThat(sockets.get(0).closeReason).isNull();
    }

    @Test
    void unauthenticatedSocketsHaveABudgetPerAddressOfTheirOwn() {
        LiveHub hub = hub(Duration.ofMinutes(1));
        hub.maxSockets = 1;
        hub.pending = new PendingSockets(2);
        LiveSessionTest.HeldConnection signedIn = new LiveSessionTest.HeldConnection();
        hub.signIn(hub.open(signedIn, ADDRESS).orElseThrow(), USER, token(USER));

        LiveSession first = hub.open(new LiveSessionTest.HeldConnection(), ADDRESS).orElseThrow();
        assertThat(hub.open(new LiveSessionTest.HeldConnection(), ADDRESS))
                .as("the node's one place is taken by a signed-in socket, yet the address may wait to authenticate").isPresent();
        LiveSessionTest.HeldConnection beyond = new LiveSessionTest.HeldConnection();
        assertThat(hub.open(beyond, ADDRESS)).isEmpty();
        assertThat(beyond.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(beyond.closeReason).isEqualTo("too many unauthenticated live connections from this address");
        assertThat(hub.open(new LiveSessionTest.HeldConnection(), "198.51.100.9")).as("another address has its own budget").isPresent();

        first.close(1000, "closed");
        assertThat(hub.open(new LiveSessionTest.HeldConnection(), ADDRESS)).as("a closed socket frees its place").isPresent();
        assertThat(signedIn.closeReason).isNull();
    }

    @Test
    void aSocketThatSignsInLeavesItsAddresssPendingBudget() {
        LiveHub hub = hub(Duration.ofMinutes(1));
        hub.pending = new PendingSockets(1);
        LiveSession session = hub.open(new LiveSessionTest.HeldConnection(), ADDRESS).orElseThrow();
        assertThat(hub.open(new LiveSessionTest.HeldConnection(), ADDRESS)).isEmpty();

        hub.signIn(session, USER, token(USER));
        LiveSession next = hub.open(new LiveSessionTest.HeldConnection(), ADDRESS).orElseThrow();
        session.close(1000, "closed");
        assertThat(hub.open(new LiveSessionTest.HeldConnection(), ADDRESS))
                .as("closing a signed-in socket does not free a pending place twice").isEmpty();
        next.close(1000, "closed");
        assertThat(hub.pending.addresses()).isZero();
    }

    private static TokenCredentials token(Caller caller) {
        return new TokenCredentials("jti", "sid", caller.userId().toString(), Instant.now().plusSeconds(600));
    }

    private static LiveHub hub(Duration authTimeout) {
        LiveHub hub = new LiveHub();
        hub.maxSockets = 10;
        hub.maxSocketsPerUser = 10;
        hub.maxSubscriptions = 5;
        hub.outboxMessages = 10;
        hub.outboxBytes = 100_000;
        hub.authTimeout = authTimeout;
        hub.recheckInterval = Duration.ofMinutes(5);
        hub.pending = new PendingSockets(10);
        return hub;
    }

    private static Caller caller(String email) {
        return new Caller(UUID.randomUUID(), email, UUID.randomUUID(), null, null, Set.of(), Set.of(), false, "sid");
    }
}
