package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleSamplesTest {

    private static final Rejected BUSY = Rejected.tooManyRequests("this tenant has 8 telemetry queries running already", 1);

    @Test
    void anEvaluationWaitsForItsTenantsReadSlotInsteadOfFailing() {
        AtomicInteger tries = new AtomicInteger();
        String read = RuleSamples.admitted(() -> {
            if (tries.incrementAndGet() < 3) {
                throw BUSY;
            }
            return "read";
        });
        assertThat(read).isEqualTo("read");
        assertThat(tries).hasValue(3);
    }

    @Test
    void otherRefusalsPassAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> RuleSamples.admitted(() -> {
            tries.incrementAndGet();
            throw Rejected.invalid(null, "the query ran longer than the execution time limit");
        })).isInstanceOf(Rejected.class).hasMessageContaining("execution time limit");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aTenantBusyForLongerThanTheWaitFailsTheEvaluationWithTheRefusal() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> RuleSamples.admitted(() -> {
            tries.incrementAndGet();
            throw BUSY;
        })).isSameAs(BUSY);
        // about ADMISSION_WAIT / 100 ms tries; bounded both ways without timing the test
        assertThat(tries.get()).isGreaterThan(5).isLessThanOrEqualTo(60);
    }
}
