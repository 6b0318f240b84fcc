package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatchReadsTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    /** A window that ends in the future: its data is not complete, so only age keeps a read fresh. */
    private static final Instant NOT_COMPLETE = Instant.now().plus(Duration.ofHours(1));

    private final AtomicLong numbers = new AtomicLong();
    private final List<List<String>> reads = new ArrayList<>();

    private String read(List<String> questions) {
        reads.add(questions);
        return "read " + reads.size();
    }

    @Test
    void theFirstAskerReadsForEveryQuestionAndTheOthersTakeThatRead() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ofMinutes(1), numbers);
        BatchReads.Taken<String> first = batches.take(TENANT, "w1", NOT_COMPLETE, "a", 0, () -> List.of("b", "c"), this::read);
        BatchReads.Taken<String> second = batches.take(TENANT, "w1", NOT_COMPLETE, "c", 0, () -> List.of("x"), this::read);

        assertThat(first.result()).isEqualTo("read 1");
        assertThat(second).isEqualTo(first);
        assertThat(reads).hasSize(1);
        assertThat(Set.copyOf(reads.get(0))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(batches.made()).isEqualTo(1);
        // another window, another tenant: reads of their own
        assertThat(batches.take(TENANT, "w2", NOT_COMPLETE, "a", 0, List::of, this::read).result()).isEqualTo("read 2");
        assertThat(batches.take(OTHER, "w1", NOT_COMPLETE, "a", 0, List::of, this::read).result()).isEqualTo("read 3");
    }

    @Test
    void aQuestionTheReadWasNotMadeForIsNotAnswered() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ofMinutes(1), numbers);
        batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read);

        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "new", 0, List::of, this::read)).isNull();
        assertThat(reads).hasSize(1);
    }

    @Test
    void aStaleReadIsMadeAgainUnlessItWasMadeAfterTheWindowsDataHadArrived() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ZERO, numbers);
        batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read);
        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read).result()).isEqualTo("read 2");

        Instant complete = Instant.now().minusSeconds(1);
        BatchReads.Taken<String> late = batches.take(TENANT, "done", complete, "a", 0, List::of, this::read);
        assertThat(batches.take(TENANT, "done", complete, "a", 0, List::of, this::read)).isEqualTo(late);
        assertThat(reads).hasSize(3);
    }

    @Test
    void anEvaluationNeverTakesAnOlderReadThanItsLastOne() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ofMinutes(1), numbers);
        BatchReads.Taken<String> batch = batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read);
        long alone = numbers.incrementAndGet();   // the question read alone after that batch was made

        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "a", batch.number(), List::of, this::read)).isEqualTo(batch);
        BatchReads.Taken<String> newer = batches.take(TENANT, "w", NOT_COMPLETE, "a", alone, List::of, this::read);
        assertThat(newer.number()).isGreaterThan(alone);
        assertThat(newer.result()).isEqualTo("read 2");
    }

    @Test
    void aFailedReadIsNotSharedAndTheNextAskerReadsAgain() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ofMinutes(1), numbers);
        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, questions -> {
            throw new IllegalStateException("ClickHouse is down");
        })).isNull();

        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read).result()).isEqualTo("read 1");
        assertThat(batches.made()).isEqualTo(1);
    }

    @Test
    void forgottenReadsAreMadeAgain() {
        BatchReads<String, String> batches = new BatchReads<>(Duration.ofMinutes(1), numbers);
        batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read);
        batches.forgetMadeBefore(System.nanoTime() + 1);

        assertThat(batches.take(TENANT, "w", NOT_COMPLETE, "a", 0, List::of, this::read).result()).isEqualTo("read 2");
    }
}
