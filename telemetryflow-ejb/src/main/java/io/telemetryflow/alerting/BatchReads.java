package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One read for the questions ({@code Q}) of many rules of a tenant over one window, made by the first evaluation that
 * asks and taken by the others ({@link RuleSamples}). A read serves for {@code freshFor} after it began, and only the
 * evaluations of questions it was made for, and only those whose previous data is older ({@code lastRead}: reads are
 * numbered in the order they began, the reads a question made alone included), so an evaluation never sees older data
 * than the one before it (the same data, when another rule with the same question took it first). A failed read is not
 * shared.
 */
final class BatchReads<Q, R> {

    /** A batch read's result and its number. */
    record Taken<R>(long number, R result) {
    }

    private record Key(UUID tenantId, Object window) {
    }

    private record Batch<Q, R>(long madeAtNanos, Instant madeAt, long number, Set<Q> questions, CompletableFuture<R> result) {
    }

    private final ConcurrentHashMap<Key, Batch<Q, R>> batches = new ConcurrentHashMap<>();
    private final Duration freshFor;
    private final AtomicLong numbers;
    private final AtomicLong made = new AtomicLong();

    /** {@code numbers} numbers the reads, these and the ones made alone. */
    BatchReads(Duration freshFor, AtomicLong numbers) {
        this.freshFor = freshFor;
        this.numbers = numbers;
    }

    /**
     * The fresh read of {@code window} for the tenant if it includes {@code question} and is not older than
     * {@code lastRead}; fresh: made less than {@code freshFor} ago, or after {@code complete} (when the window's data had
     * arrived, so a later read would give the same; this keeps evaluations that fell behind from reading again); else, when there is none of that, a new one, made here by {@code read} for {@code question} and
     * {@code others} (the questions the tenant's other rules asked lately); null when the fresh one does not include the
     * question, or failed (the caller reads alone, so that a failure is its own).
     */
    Taken<R> take(UUID tenantId, Object window, Instant complete, Q question, long lastRead, Supplier<Collection<Q>> others,
                  Function<List<Q>, R> read) {
        Key key = new Key(tenantId, window);
        long asked = System.nanoTime();
        Batch<Q, R> batch = usable(batches.get(key), asked, complete, lastRead);
        Batch<Q, R> mine = null;
        if (batch == null) {
            // the questions are gathered outside the lock (they may come from the database); a batch made meanwhile wins
            Set<Q> questions = new LinkedHashSet<>();
            questions.add(question);
            questions.addAll(others.get());
            synchronized (batches) {
                batch = usable(batches.get(key), asked, complete, lastRead);
                if (batch == null) {
                    mine = new Batch<>(asked, Instant.now(), numbers.incrementAndGet(), Set.copyOf(questions), new CompletableFuture<>());
                    batches.put(key, mine);
                    batch = mine;
                }
            }
        }
        if (!batch.questions().contains(question)) {
            return null;
        }
        if (batch == mine) {
            try {
                mine.result().complete(read.apply(List.copyOf(mine.questions())));
                made.incrementAndGet();
            } catch (RuntimeException e) {
                batches.remove(key, mine);
                mine.result().completeExceptionally(e);
                return null;
            } catch (Error e) {
                batches.remove(key, mine);
                mine.result().completeExceptionally(e);   // the others must not wait for ever
                throw e;
            }
        }
        try {
            return new Taken<>(batch.number(), batch.result().join());
        } catch (CompletionException | CancellationException e) {
            return null;
        }
    }

    /** {@code batch} if it is fresh and not older than {@code lastRead}, else null. */
    private Batch<Q, R> usable(Batch<Q, R> batch, long asked, Instant complete, long lastRead) {
        boolean fresh = batch != null && (asked - batch.madeAtNanos() <= freshFor.toNanos() || !batch.madeAt().isBefore(complete));
        return fresh && batch.number() >= lastRead ? batch : null;
    }

    /** Forgets the reads made before {@code nanos} ({@link System#nanoTime}). */
    void forgetMadeBefore(long nanos) {
        batches.values().removeIf(batch -> batch.madeAtNanos() - nanos < 0);
    }

    /** The batch reads made (for tests). */
    long made() {
        return made.get();
    }
}
