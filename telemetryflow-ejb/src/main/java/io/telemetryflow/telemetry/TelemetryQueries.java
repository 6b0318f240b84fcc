package io.telemetryflow.telemetry;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import io.telemetryflow.platform.clickhouse.FailureClassifier;
import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Runs the queries {@link TelemetrySql} builds, each with the same limits: execution time, result rows and bytes,
 * bytes read, memory and join size, all set to throw, so an answer is complete or refused, never silently cut; and
 * read-only, so no text that reaches ClickHouse through here can write or change a setting's bound. A query over a
 * limit is a 400 that says which one and how to narrow; a tenant with {@link #DEFAULT_QUERIES_PER_TENANT} (or the
 * configured number of) queries running on this node gets a 429 for the next; ClickHouse out of reach (or out of
 * capacity) is a 503 with Retry-After; anything else is a fault and propagates. Thread-safe; close it to release the
 * client.
 */
public final class TelemetryQueries implements AutoCloseable {

    static final int RETRY_AFTER_SECONDS = 5;
    static final int DEFAULT_QUERIES_PER_TENANT = 8;
    /**
     * Queries over a longer range run at ClickHouse's lower priority: while a shorter one runs, they pause, so scans
     * of days slow a look at the last hours as little as they can (docs/benchmarks.md, "Read contention").
     */
    static final Duration INTERACTIVE_RANGE = Duration.ofHours(6);

    private final Client client;
    private final QueryLimits limits;
    private final ReadAdmission tenants;

    public TelemetryQueries(Client client, QueryLimits limits) {
        this(client, limits, DEFAULT_QUERIES_PER_TENANT);
    }

    public TelemetryQueries(Client client, QueryLimits limits, int queriesPerTenant) {
        this.client = Objects.requireNonNull(client, "client");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tenants = new ReadAdmission(queriesPerTenant, "this tenant has");
    }

    public QueryLimits limits() {
        return limits;
    }

    public List<GenericRecord> rows(TelemetrySql.Query query) {
        try (ReadAdmission.Slot ignored = tenants.enter(query.tenantId())) {
            return client.queryAll(query.sql(), query.parameters(), settings(query));
        } catch (Rejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Queries of the tenant running on this node now. */
    int running(String tenantId) {
        return tenants.running(tenantId);
    }

    QuerySettings settings(TelemetrySql.Query query) {
        QuerySettings settings = new QuerySettings();
        limits.serverSettings().forEach(settings::serverSetting);
        if (query.range().compareTo(INTERACTIVE_RANGE) > 0) {
            // paused while shorter queries run, and its threads at the lowest CPU priority (nice 19) meanwhile
            settings.serverSetting("priority", "2");
            settings.serverSetting("os_thread_priority", "19");
        } else {
            settings.serverSetting("priority", "1");
        }
        // ClickHouse 25.x+'s top-K filter takes the PREWHERE slot of "ORDER BY time LIMIT n" queries, so the real
        // conditions (token, severity) were checked only after every column was read: twice the time for a log search
        // (docs/benchmarks.md)
        settings.serverSetting("use_top_k_dynamic_filtering", "0");
        settings.setNetworkTimeout(limits.maxExecutionTime().toSeconds() + 30, ChronoUnit.SECONDS);
        return settings;
    }

    /** What a failed query means for the caller. */
    static RuntimeException translate(RuntimeException failure) {
        return translate(failure, "the telemetry store (ClickHouse) is not reachable or overloaded; try again shortly");
    }

    /** What a failed read means for the caller; {@code unavailable} is the 503's detail when ClickHouse cannot answer. */
    public static RuntimeException translate(RuntimeException failure, String unavailable) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return switch (server.getCode()) {
                    case 159, 160 -> Rejected.invalid(null, "the query ran longer than the execution time limit; narrow the time range "
                            + "or add filters");
                    case 158, 396 -> Rejected.invalid(null, "the answer would exceed the result size limit; narrow the time range, "
                            + "add filters or lower the limit");
                    case 307 -> Rejected.invalid(null, "the query would read more data than the limit allows; narrow the time range "
                            + "or add filters");
                    case 164 -> failure;   // READONLY: a query that tries to write is a fault here, never the caller's
                    case 427 -> Rejected.invalid("filters", "a regular expression is not valid (RE2 syntax)");
                    case 191 -> Rejected.invalid(null, "the query would join more data than the limit allows; narrow the time "
                            + "range or add filters");
                    // the query's own bound; the server's total running out is an overload, so a 503 below
                    case 241 -> server.getMessage() != null && server.getMessage().contains("Query memory limit exceeded")
                            ? Rejected.invalid(null, "the query would need more memory than the limit allows; narrow the time "
                                    + "range or add filters")
                            : unavailableOr(failure, unavailable);
                    default -> unavailableOr(failure, unavailable);
                };
            }
        }
        return unavailableOr(failure, unavailable);
    }

    private static RuntimeException unavailableOr(RuntimeException failure, String unavailable) {
        if (FailureClassifier.meansUnavailable(failure)) {
            return Rejected.unavailable(unavailable, RETRY_AFTER_SECONDS);
        }
        return failure;
    }

    @Override
    public void close() {
        client.close();
    }
}
