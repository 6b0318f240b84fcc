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

    private static final Caller USER = new Caller(UUID.randomUUID(), "u@example.com", UUID.randomUUID(), null, null, Set.of(), Set.of(),
            false, "sid");

    @Test
    void socketsThatDoNotAuthenticateInTimeOrWhoseTokenExpiresAreClosed() {
        LiveHub hub = hub(Duration.ZERO);
        LiveSessionTest.HeldConnection silent = new LiveSessionTest.HeldConnection();
        hub.open(silent);
        LiveSessionTest.HeldConnection expiring = new LiveSessionTest.HeldConnection();
        LiveSession session = hub.open(expiring).orElseThrow();
        hub.signIn(session, USER, new TokenCredentials("jti", "sid", USER.userId().toString(), Instant.now().minusSeconds(1)));

        hub.tick();

        assertThat(silent.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(silent.closeReason).isEqualTo("authentication required within 0 s");
        assertThat(expiring.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(expiring.closeReason).isEqualTo("access token expired");
        assertThat(hub.listens(LiveChannel.LOGS, UUID.randomUUID())).isFalse();
    }

    @Test
    void boundsSocketsPerNodeAndPerUser() {
        LiveHub hub = hub(Duration.ofMinutes(1));
        hub.maxSockets = 3;
        hub.maxSocketsPerUser = 2;
        TokenCredentials token = new TokenCredentials("jti", "sid", USER.userId().toString(), Instant.now().plusSeconds(600));
        List<LiveSessionTest.HeldConnection> sockets = List.of(new LiveSessionTest.HeldConnection(), new LiveSessionTest.HeldConnection(),
                new LiveSessionTest.HeldConnection(), new LiveSessionTest.HeldConnection());
        for (LiveSessionTest.HeldConnection socket : sockets.subList(0, 3)) {
            hub.open(socket).ifPresent(session -> hub.signIn(session, USER, token));
        }
        assertThat(sockets.get(2).closeReason).isEqualTo("too many live connections for this user");
        assertThat(hub.open(sockets.get(3))).as("the third socket is closed, so there is room").isPresent();
        assertThat(hub.open(new LiveSessionTest.HeldConnection())).isEmpty();
        assertThat(sockets.get(0).closeReason).isNull();
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
        return hub;
    }
}
