package io.telemetryflow.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.telemetryflow.platform.error.Rejected;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counted on one node (the cluster-wide counting and its windows are RateLimiterIT's). */
class FailureBudgetTest {

    private final RateLimiter limiter = new RateLimiter(Optional::empty, Clock.fixed(Instant.parse("2026-11-22T12:00:45Z"), ZoneOffset.UTC));
    private final FailureBudget budget = new FailureBudget(limiter, "apikey-failures", "failed API-key authentications from this address", 3);

    @Test
    void onlyFailuresSpendTheBudget() {
        for (int i = 0; i < 10; i++) {
            budget.requireLeft("192.0.2.1");   // checking is free
        }
        budget.spend("192.0.2.1");
        budget.spend("192.0.2.1");
        assertThatCode(() -> budget.requireLeft("192.0.2.1")).doesNotThrowAnyException();
    }

    @Test
    void anAddressOutOfFailuresIsRefusedForTheRestOfTheMinute() {
        for (int i = 0; i < 3; i++) {
            budget.requireLeft("192.0.2.1");
            budget.spend("192.0.2.1");
        }
        Rejected refused = catchThrowableOfType(() -> budget.requireLeft("192.0.2.1"), Rejected.class);
        assertThat(refused.reason()).isEqualTo(Rejected.Reason.TOO_MANY_REQUESTS);
        assertThat(refused.retryAfterSeconds()).as("12:00:45 → the minute ends in 15 s").isEqualTo(15);
        assertThat(refused.getMessage()).contains("failed API-key authentications");
        assertThatCode(() -> budget.requireLeft("192.0.2.2")).as("another address has its own budget").doesNotThrowAnyException();
    }
}
