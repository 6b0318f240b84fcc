package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAdmissionTest {

    @Test
    void admitsUpToTheBoundPerKeyThenRefusesWith429AndRetryAfter() {
        ReadAdmission admission = new ReadAdmission(2, "this tenant has");
        ReadAdmission.Slot first = admission.enter("a");
        ReadAdmission.Slot second = admission.enter("a");

        assertThatThrownBy(() -> admission.enter("a")).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.TOO_MANY_REQUESTS);
            assertThat(rejected.retryAfterSeconds()).isEqualTo(ReadAdmission.RETRY_AFTER_SECONDS);
            assertThat(rejected.getMessage()).isEqualTo("this tenant has 2 telemetry queries running already, the most allowed "
                    + "at once; retry when one has finished");
        });
        // another key has its own slots
        try (ReadAdmission.Slot other = admission.enter("b")) {
            assertThat(admission.running("b")).isEqualTo(1);
        }

        first.close();
        ReadAdmission.Slot third = admission.enter("a");
        assertThat(admission.running("a")).isEqualTo(2);
        second.close();
        third.close();
        assertThat(admission.running("a")).isZero();
    }

    @Test
    void aSlotClosedTwiceFreesOneAndIdleKeysAreForgotten() {
        ReadAdmission admission = new ReadAdmission(2, "you have");
        ReadAdmission.Slot first = admission.enter("a");
        ReadAdmission.Slot second = admission.enter("a");
        first.close();
        first.close();
        assertThat(admission.running("a")).isEqualTo(1);
        second.close();
        for (int i = 0; i < 1000; i++) {
            admission.enter("random-" + i).close();
        }
        assertThat(admission.keys()).isZero();
    }

    @Test
    void aRefusedEntryTakesNoSlot() {
        ReadAdmission admission = new ReadAdmission(1, "you have");
        ReadAdmission.Slot only = admission.enter("a");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> admission.enter("a")).isInstanceOf(Rejected.class);
        }
        only.close();
        assertThat(admission.running("a")).isZero();
        admission.enter("a").close();
    }

    @Test
    void concurrentEntriesNeverExceedTheBound() throws Exception {
        ReadAdmission admission = new ReadAdmission(3, "you have");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        try (ReadAdmission.Slot slot = admission.enter("k")) {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                        } catch (Rejected e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 3);
        assertThat(admission.running("k")).isZero();
        assertThat(admission.keys()).isZero();
    }

    @Test
    void theBoundIsAtLeastOne() {
        assertThatThrownBy(() -> new ReadAdmission(0, "you have")).isInstanceOf(IllegalArgumentException.class);
    }
}
