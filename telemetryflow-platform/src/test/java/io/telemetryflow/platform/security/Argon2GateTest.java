package io.telemetryflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.telemetryflow.platform.error.Rejected;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class Argon2GateTest {

    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, new SecureRandom());
    private final String encoded = hasher.hash("tfs_right");

    @Test
    void verifiesLikeTheHasherWhileAPermitIsFree() {
        Argon2Gate gate = new Argon2Gate(1, Duration.ofSeconds(2));
        assertThat(gate.verify("tfs_right", encoded)).isTrue();
        assertThat(gate.verify("tfs_wrong", encoded)).isFalse();
        assertThat(gate.verify("tfs_right", encoded)).as("each check gave its permit back").isTrue();
    }

    @Test
    void aCheckThatFindsEveryPermitTakenWaitsThenIsRefusedWithARetryable503() throws Exception {
        Argon2Gate gate = new Argon2Gate(1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> slowCheck = CompletableFuture.supplyAsync(() -> gate.withPermit(() -> {
            holding.countDown();
            await(release);
            return true;
        }));
        holding.await();

        Rejected refused = catchThrowableOfType(() -> gate.verify("tfs_right", encoded), Rejected.class);
        assertThat(refused.reason()).isEqualTo(Rejected.Reason.SERVICE_UNAVAILABLE);
        assertThat(refused.retryAfterSeconds()).isPositive();

        release.countDown();
        assertThat(slowCheck.get()).isTrue();
        assertThat(gate.verify("tfs_right", encoded)).as("the permit is free again").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
