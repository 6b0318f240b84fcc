package io.telemetryflow.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The polling loop of the system tests: an asynchronous effect (rows in ClickHouse, an audit entry, a service back up)
 * is looked for at once and then every 200 ms until it shows, and the test fails once the bound has passed, saying what
 * it waited for and what it saw last (status and body, for an HTTP answer).
 */
public final class Await {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /** Calls {@code probe} until {@code done} accepts its answer and returns that answer; fails after {@code bound}. */
    public static <T> T until(String what, Duration bound, Callable<T> probe, Predicate<? super T> done) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + bound.toSeconds() + " s; last seen: " + describe(last));
            }
            Thread.sleep(INTERVAL.toMillis());
            last = probe.call();
        }
        return last;
    }

    private static String describe(Object last) {
        return last instanceof HttpResponse<?> response ? response.statusCode() + " " + response.body() : String.valueOf(last);
    }
}
