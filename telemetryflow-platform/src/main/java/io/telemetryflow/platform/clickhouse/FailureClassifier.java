package io.telemetryflow.platform.clickhouse;

import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.TransportException;
import com.clickhouse.client.api.serde.DataSerializationException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.UnstorableBatchException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts insert failures into "retry later" and "never storable". The rule: a failure is permanent only when
 * ClickHouse says the data (or the table it is written to) is wrong; anything about reaching or loading the server
 * is transient, and so is anything unrecognised, because a wrongly retried batch only costs redeliveries (the
 * broker dead-letters it after its redelivery limit) while a wrongly dead-lettered batch needs a manual replay.
 */
public final class FailureClassifier {

    /** ClickHouse error codes (src/Common/ErrorCodes.cpp) that say the inserted data or its target is wrong. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(
            6, // CANNOT_PARSE_TEXT
            8, // THERE_IS_NO_COLUMN
            10, // NOT_FOUND_COLUMN_IN_BLOCK
            16, // NO_SUCH_COLUMN_IN_TABLE
            20, // NUMBER_OF_COLUMNS_DOESNT_MATCH
            26, // CANNOT_PARSE_QUOTED_STRING
            27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            32, // ATTEMPT_TO_READ_AFTER_EOF
            33, // CANNOT_READ_ALL_DATA
            36, // BAD_ARGUMENTS
            38, // CANNOT_PARSE_DATE
            41, // CANNOT_PARSE_DATETIME
            43, // ILLEGAL_TYPE_OF_ARGUMENT
            44, // ILLEGAL_COLUMN
            46, // UNKNOWN_FUNCTION
            47, // UNKNOWN_IDENTIFIER
            49, // LOGICAL_ERROR: reproducible with the same data
            53, // TYPE_MISMATCH
            62, // SYNTAX_ERROR
            69, // ARGUMENT_OUT_OF_BOUND
            70, // CANNOT_CONVERT_TYPE
            72, // CANNOT_PARSE_NUMBER
            115, // UNKNOWN_SETTING
            117, // INCORRECT_DATA
            131, // TOO_LARGE_STRING_SIZE
            190, // SIZES_OF_ARRAYS_DONT_MATCH
            321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            349); // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN

    /** Codes about load, limits, availability or access: retrying later (or after an operator fixes it) helps. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            60, // UNKNOWN_TABLE: this node's schema migration has not run yet
            81, // UNKNOWN_DATABASE: likewise
            159, // TIMEOUT_EXCEEDED
            160, // TOO_SLOW
            164, // READONLY
            173, // CANNOT_ALLOCATE_MEMORY
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            225, // NO_ZOOKEEPER
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            243, // NOT_ENOUGH_SPACE
            252, // TOO_MANY_PARTS (merges behind), except the per-insert partition limit: see below
            279, // ALL_CONNECTION_TRIES_FAILED
            285, // TOO_FEW_LIVE_REPLICAS
            286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
            319, // UNKNOWN_STATUS_OF_INSERT
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            439, // CANNOT_SCHEDULE_TASK
            497, // ACCESS_DENIED
            516, // AUTHENTICATION_FAILED
            999, // KEEPER_EXCEPTION
            1000); // POCO_EXCEPTION

    private FailureClassifier() {
    }

    public static ClickHouseWriteException classify(String table, Throwable failure) {
        Throwable error = unwrap(failure);
        String where = table == null ? "" : " into " + table;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                String message = "ClickHouse refused the insert" + where + " (code " + server.getCode() + ", HTTP "
                        + server.getTransportProtocolCode() + "): " + firstLine(server.getMessage());
                return isPermanent(server)
                        ? new UnstorableBatchException(message, table, error)
                        : new ClickHouseUnavailableException(message, table, error);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DataSerializationException) {
                return new UnstorableBatchException("the batch cannot be serialized" + where + ": " + t.getMessage(), table, error);
            }
            if (t instanceof ConnectionInitiationException || t instanceof TransportException || t instanceof DataTransferException
                    || t instanceof ClientMisconfigurationException || t instanceof IOException || t instanceof TimeoutException) {
                return new ClickHouseUnavailableException("ClickHouse is unavailable" + where + ": " + describe(t), table, error);
            }
        }
        return new ClickHouseUnavailableException("insert" + where + " failed: " + describe(error), table, error);
    }

    /** True when ClickHouse could not serve now (unreachable, overloaded, ...): readers answer 503 for those. */
    public static boolean meansUnavailable(Throwable failure) {
        return classify(null, failure).isTransient();
    }

    static boolean isPermanent(ServerException server) {
        int code = server.getCode();
        if (code == 252) {
            // "Too many partitions for single INSERT block": the batch spans more days than
            // max_partitions_per_insert_block allows, and will every time
            String message = server.getMessage();
            return message != null && message.contains("partitions for single INSERT block");
        }
        if (PERMANENT_CODES.contains(code)) {
            return true;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return false;
        }
        int status = server.getTransportProtocolCode();
        // an unlisted code: ClickHouse answers 4xx for client-side (data, query) errors and 5xx for server-side ones
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 407 && status != 408 && status != 429;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
