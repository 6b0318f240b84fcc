package io.telemetryflow.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The one polling loop of the system tests: asynchronous effects (rows in ClickHouse, a drained queue, a service back
 * up) are looked for again every half second until they hold, and the test fails once a bound has passed, saying what
 * it waited for and what it saw last.
 */
public final class Await {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} and the {@code lastSeen} state after {@code bound}. */
    public static void until(String what, Duration bound, Callable<Boolean> condition, Supplier<String> lastSeen) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + bound.toSeconds() + " s; last seen: " + lastSeen.get());
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
