package io.telemetryflow.platform.clickhouse;

import io.telemetryflow.platform.migration.ClickHouseSchemaStatus;
import java.util.Optional;
import java.util.Set;

/**
 * A batch could not be stored. The two subclasses tell the caller what to do with the queued message:
 * {@link ClickHouseUnavailableException} means retry it later (nothing is wrong with the batch: ClickHouse is down,
 * slow, overloaded or misconfigured), {@link UnstorableBatchException} means it can never be stored as it is and
 * belongs in the dead-letter queue. Tables inserted before the failure keep their rows ({@link #storedTables()}); a
 * retry with the same batch id does not duplicate them (deduplication tokens).
 */
public abstract sealed class ClickHouseWriteException extends Exception
        permits ClickHouseWriteException.ClickHouseUnavailableException, ClickHouseWriteException.UnstorableBatchException {

    private final String table;
    private Set<String> storedTables = Set.of();

    ClickHouseWriteException(String message, String table, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /** The table whose insert failed, or null when the failure came before any insert. */
    public String table() {
        return table;
    }

    /** The tables of the batch that were stored despite the failure (set by the writer). */
    public Set<String> storedTables() {
        return storedTables;
    }

    public void storedTables(Set<String> tables) {
        storedTables = Set.copyOf(tables);
    }

    /** True when a later retry may succeed. */
    public abstract boolean isTransient();

    /** ClickHouse could not take the batch now: connection refused or lost, timeouts, overload, server-side errors. */
    public static final class ClickHouseUnavailableException extends ClickHouseWriteException {
        public ClickHouseUnavailableException(String message, String table, Throwable cause) {
            super(message, table, cause);
        }

        /**
         * Refuses to write before the schema is current (the node is still migrating it, in the background): a write
         * then could reach a table that a data-copying migration is about to replace, or none at all. The message
         * waits as in an outage.
         */
        public static void unlessSchemaCurrent(ClickHouseSchemaStatus schema) throws ClickHouseUnavailableException {
            Optional<String> problem = schema.problem();
            if (problem.isPresent()) {
                throw new ClickHouseUnavailableException("ClickHouse schema not current: " + problem.get(), null, null);
            }
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** The batch can never be stored as it is: ClickHouse rejected its data (or the schema it is written against). */
    public static final class UnstorableBatchException extends ClickHouseWriteException {
        public UnstorableBatchException(String message, String table, Throwable cause) {
            super(message, table, cause);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }
}
