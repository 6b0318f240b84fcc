package io.telemetryflow.telemetry;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import io.telemetryflow.ingest.store.FailureClassifier;
import io.telemetryflow.ingest.store.TelemetryWriteException;
import io.telemetryflow.platform.error.Rejected;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Runs the queries {@link TelemetrySql} builds, each with the same limits: execution time, result rows and bytes,
 * bytes read, all set to throw, so an answer is complete or refused, never silently cut. A query over a limit is a
 * 400 that says which one and how to narrow; ClickHouse out of reach (or out of capacity) is a 503 with Retry-After;
 * anything else is a fault and propagates. Thread-safe; close it to release the client.
 */
public final class TelemetryQueries implements AutoCloseable {

    static final int RETRY_AFTER_SECONDS = 5;

    private final Client client;
    private final QueryLimits limits;

    public TelemetryQueries(Client client, QueryLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public QueryLimits limits() {
        return limits;
    }

    public List<GenericRecord> rows(TelemetrySql.Query query) {
        try {
            return client.queryAll(query.sql(), query.parameters(), settings());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    QuerySettings settings() {
        QuerySettings settings = new QuerySettings()
                .serverSetting("max_execution_time", Long.toString(limits.maxExecutionTime().toSeconds()))
                .serverSetting("timeout_overflow_mode", "throw")
                .serverSetting("max_result_rows", Long.toString(limits.maxResultRows()))
                .serverSetting("max_result_bytes", Long.toString(limits.maxResultBytes()))
                .serverSetting("result_overflow_mode", "throw")
                .serverSetting("max_bytes_to_read", Long.toString(limits.maxBytesToRead()))
                .serverSetting("read_overflow_mode", "throw")
                // ClickHouse 25.x+'s top-K filter takes the PREWHERE slot of "ORDER BY time LIMIT n" queries, so the
                // real conditions (token, severity) were checked only after every column was read: twice the time
                // for a log search (docs/benchmarks.md)
                .serverSetting("use_top_k_dynamic_filtering", "0");
        settings.setNetworkTimeout(limits.maxExecutionTime().toSeconds() + 30, ChronoUnit.SECONDS);
        return settings;
    }

    /** What a failed query means for the caller. */
    static RuntimeException translate(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return switch (server.getCode()) {
                    case 159, 160 -> Rejected.invalid(null, "the query ran longer than the execution time limit; narrow the time range "
                            + "or add filters");
                    case 158, 396 -> Rejected.invalid(null, "the answer would exceed the result size limit; narrow the time range, "
                            + "add filters or lower the limit");
                    case 307 -> Rejected.invalid(null, "the query would read more data than the limit allows; narrow the time range "
                            + "or add filters");
                    case 427 -> Rejected.invalid("filters", "a regular expression is not valid (RE2 syntax)");
                    default -> unavailableOr(failure);
                };
            }
        }
        return unavailableOr(failure);
    }

    private static RuntimeException unavailableOr(RuntimeException failure) {
        if (FailureClassifier.classify(null, failure) instanceof TelemetryWriteException.ClickHouseUnavailableException) {
            return Rejected.unavailable("the telemetry store (ClickHouse) is not reachable or overloaded; try again shortly",
                    RETRY_AFTER_SECONDS);
        }
        return failure;
    }

    @Override
    public void close() {
        client.close();
    }
}
