package io.telemetryflow.platform.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * A cluster-wide mutex on the shared PostgreSQL: every node of a deployment reaches the same
 * metadata database, so a session-level advisory lock serialises work such as ClickHouse schema
 * migration, which ClickHouse itself cannot lock. The lock dies with its connection, so a node
 * that crashes while holding it never blocks the others.
 */
public class PostgresAdvisoryLock {

    private static final Duration POLL = Duration.ofMillis(200);

    private final SqlConnectionSource postgres;
    private final long key;
    private final Duration timeout;

    public PostgresAdvisoryLock(SqlConnectionSource postgres, long key, Duration timeout) {
        this.postgres = postgres;
        this.key = key;
        this.timeout = timeout;
    }

    public <T> T callExclusively(Callable<T> work) throws Exception {
        try (Connection connection = postgres.open()) {
            acquire(connection);
            try {
                return work.call();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                }
            }
        }
    }

    /** Waiting too long is a {@link TimeoutException}: worth retrying later, unlike a broken migration history. */
    private void acquire(Connection connection) throws SQLException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet result = tryLock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("another node held the migration lock (PostgreSQL advisory lock "
                            + key + ") for more than " + timeout.toMillis() + " ms");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }
}
