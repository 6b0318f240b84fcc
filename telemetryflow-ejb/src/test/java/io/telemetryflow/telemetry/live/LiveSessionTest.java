package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.Permission;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LiveSessionTest {

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    /** Records sends; completes them only when told, like a socket whose client reads when it pleases. */
    static final class HeldConnection implements LiveConnection {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        String closeReason;
        int closeCode;

        @Override
        public void sendAsync(String text, Consumer<Throwable> done) {
            sent.add(text);
            pending.add(done);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        void completeOne() {
            pending.remove(0).accept(null);
        }
    }

    @Test
    void sendsOneAtATimeInOrder() {
        HeldConnection socket = new HeldConnection();
        LiveSession session = new LiveSession("s", "192.0.2.1", socket, new Outbox(10, 10_000), Instant.now());
        session.send("1");
        session.send("2");
        session.send("3");
        assertThat(socket.sent).containsExactly("1");
        socket.completeOne();
        assertThat(socket.sent).containsExactly("1", "2");
        socket.completeOne();
        socket.completeOne();
        assertThat(socket.sent).containsExactly("1", "2", "3");
        assertThat(socket.closeReason).isNull();
    }

    @Test
    void aClientThatDoesNotReadIsDroppedOnceItsOutboxIsFull() {
        HeldConnection socket = new HeldConnection();
        List<String> counted = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        LiveSession session = new LiveSession("s", "192.0.2.1", socket, new Outbox(3, 10_000), Instant.now());
        session.onTooSlow(() -> counted.add("slow"));
        session.onClose(() -> forgotten.add("closed"));
        for (int i = 0; i < 10; i++) {
            session.send("event " + i);
        }
        assertThat(socket.closeCode).isEqualTo(LiveSession.POLICY_VIOLATION);
        assertThat(socket.closeReason).isEqualTo("too slow");
        assertThat(counted).containsExactly("slow");
        assertThat(forgotten).containsExactly("closed");
        assertThat(socket.sent).containsExactly("event 0");
        socket.completeOne();
        assertThat(socket.sent).as("nothing more after the close").containsExactly("event 0");
    }

    @Test
    void aFailedSendClosesTheSession() {
        HeldConnection socket = new HeldConnection();
        LiveSession session = new LiveSession("s", "192.0.2.1", socket, new Outbox(3, 10_000), Instant.now());
        session.send("1");
        socket.pending.remove(0).accept(new java.io.IOException("broken pipe"));
        assertThat(socket.closeReason).isEqualTo("send failed");
    }

    @Test
    void deliversOnlyItsTenantsChannelsNarrowedByTheFilter() {
        HeldConnection socket = new HeldConnection();
        LiveSession session = new LiveSession("s", "192.0.2.1", socket, new Outbox(10, 100_000), Instant.now());
        LiveSubscription errorsOfA = new LiveSubscription(LiveChannel.LOGS, null, TENANT, new LiveFilter("a", SeverityLevel.ERROR, null));
        session.subscriptions().put(errorsOfA.key(), errorsOfA);

        session.deliver(new LiveEvent.Logs(UUID.randomUUID(), List.of(LiveFilterTest.log("a", "ERROR", "other tenant")), 0));
        session.deliver(new LiveEvent.Traces(TENANT.tenantId(), List.of(LiveFilterTest.span("a")), 0));
        session.deliver(new LiveEvent.Logs(TENANT.tenantId(), List.of(LiveFilterTest.log("a", "INFO", "too low")), 0));
        assertThat(socket.sent).isEmpty();

        session.deliver(new LiveEvent.Logs(TENANT.tenantId(), List.of(LiveFilterTest.log("a", "INFO", "too low"),
                LiveFilterTest.log("a", "ERROR", "kept")), 0));
        assertThat(socket.sent).hasSize(1);
        assertThat(socket.sent.get(0)).contains("\"count\":1", "kept").doesNotContain("too low");
        assertThat(LiveChannel.LOGS.permission()).isEqualTo(Permission.LOGS_READ);
    }
}
