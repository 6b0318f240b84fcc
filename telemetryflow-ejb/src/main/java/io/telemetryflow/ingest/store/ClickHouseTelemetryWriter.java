package io.telemetryflow.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.UnstorableBatchException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.clickhouse.FailureClassifier;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores queued OTLP requests in ClickHouse: the rows of a batch of requests are built in memory once, as one
 * RowBinaryWithNamesAndTypes block per table, and each table gets exactly one insert through clickhouse client-v2
 * (the tables of one batch in parallel). Every insert carries
 * <pre>
 * insert_deduplication_token = batchId + ":" + table
 * deduplicate_blocks_in_dependent_materialized_views = 1
 * insert_deduplicate = 1
 * async_insert = 0
 * </pre>
 * so a redelivered batch (same id) is dropped by ClickHouse in the table and in every materialized-view target
 * (trace-id lookup, catalogues), including after a failure half-way through the tables. A token must name one
 * content only: never reuse a batch id for other data.
 * <p>
 * Inserts are synchronous: the batches are already large (see OtlpRequestBatcher), which is what ClickHouse
 * recommends over server-side buffering, and the embedded engine ignores {@code async_insert} anyway.
 * <p>
 * Failures are {@link ClickHouseUnavailableException} (retry the batch later) or {@link UnstorableBatchException}
 * (dead-letter it). Thread-safe; close it to release the client's connections.
 */
public final class ClickHouseTelemetryWriter implements AutoCloseable {

    /** Upper bound on one insert, on top of the client's socket timeout; guards against a hung exchange. */
    private static final long INSERT_TIMEOUT_MINUTES = 5;

    private final Client client;
    private final boolean ownsClient;
    private final String database;

    /** A writer with its own client, built from the connector's settings, that inserts one table after the other. */
    public ClickHouseTelemetryWriter(ClickHouseConnector connector) {
        this(connector, null);
    }

    /** A writer with its own client whose inserts into the tables of one batch run in parallel on {@code inserts}. */
    public ClickHouseTelemetryWriter(ClickHouseConnector connector, ExecutorService inserts) {
        this(ClickHouseClients.create(connector.settings(), inserts), true, connector.settings().database());
    }

    /** A writer on a client the caller owns (and closes). */
    public ClickHouseTelemetryWriter(Client client, String database) {
        this(client, false, database);
    }

    private ClickHouseTelemetryWriter(Client client, boolean ownsClient, String database) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.database = Objects.requireNonNull(database, "database");
    }

    /** What one write inserted: rows per table, in insert order (tables without rows are not inserted into). */
    public record WriteResult(Map<String, Integer> rowsByTable) {

        public int totalRows() {
            return rowsByTable.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** {@link #write(String, TenantPlacement, OtlpRequest, Instant)} with "now" as the receive time. */
    public WriteResult write(String batchId, TenantPlacement tenant, OtlpRequest request) throws ClickHouseWriteException {
        return write(batchId, tenant, request, Instant.now());
    }

    /** {@link #write(String, List, Set)} of one request, into every table. */
    public WriteResult write(String batchId, TenantPlacement tenant, OtlpRequest request, Instant receivedAt) throws ClickHouseWriteException {
        return write(batchId, List.of(new TenantRequest(tenant, request, receivedAt)), Set.of());
    }

    /**
     * Inserts all rows of a batch of validated requests, one insert per table, the tables in parallel. On failure the
     * exception names the tables that were stored ({@link ClickHouseWriteException#storedTables()}).
     *
     * @param batchId the queued message's stable id (the same on every redelivery); it makes the dedup tokens
     * @param requests their receive time is the observed time of log records that have none
     * @param skipTables tables not to insert into (already stored by an earlier attempt under another batch id)
     */
    public WriteResult write(String batchId, List<TenantRequest> requests, Set<String> skipTables) throws ClickHouseWriteException {
        if (batchId == null || batchId.isBlank()) {
            throw new IllegalArgumentException("batchId must not be blank");
        }
        TelemetryRows rows = new TelemetryRows();
        try {
            for (TenantRequest request : requests) {
                rows(request, rows);
            }
        } catch (RuntimeException e) {
            throw new UnstorableBatchException("the batch cannot be turned into rows: " + e, null, e);
        }
        Map<TableBlock, CompletableFuture<InsertResponse>> inserts = new LinkedHashMap<>();
        for (TableBlock block : rows.blocks()) {
            if (!skipTables.contains(block.table().tableName())) {
                inserts.put(block, start(batchId, block));
            }
        }
        ClickHouseWriteException failure = null;
        Map<String, Integer> written = new LinkedHashMap<>();
        for (Map.Entry<TableBlock, CompletableFuture<InsertResponse>> insert : inserts.entrySet()) {
            TableBlock block = insert.getKey();
            try {
                await(block.table(), insert.getValue());
                written.put(block.table().tableName(), block.rowCount());
            } catch (ClickHouseWriteException e) {
                // wait for every insert before reporting, so a retry never races one still in flight
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            Set<String> stored = new HashSet<>(skipTables);
            stored.addAll(written.keySet());
            failure.storedTables(stored);
            throw failure;
        }
        return new WriteResult(Collections.unmodifiableMap(written));
    }

    /** The rows of a request per table, without writing them. */
    static TelemetryRows rows(TenantPlacement tenant, OtlpRequest request, Instant receivedAt) {
        TelemetryRows rows = new TelemetryRows();
        rows(new TenantRequest(tenant, request, receivedAt), rows);
        return rows;
    }

    private static void rows(TenantRequest sent, TelemetryRows rows) {
        OtlpRequest request = sent.request();
        TenantPlacement tenant = sent.tenant();
        Instant receivedAt = sent.receivedAt();
        switch (request.signal()) {
            case TRACES -> TraceRowMapper.map(request.traces(), tenant, rows);
            case LOGS -> LogRowMapper.map(request.logs(), tenant, receivedAt.getEpochSecond() * 1_000_000_000L + receivedAt.getNano(), rows);
            case METRICS -> MetricRowMapper.map(request.metrics(), tenant, rows);
        }
    }

    /** The per-insert settings for one table of one batch. */
    static InsertSettings insertSettings(String batchId, TelemetryTable table, String database) {
        return new InsertSettings()
                .setDatabase(database)
                .setDeduplicationToken(deduplicationToken(batchId, table))
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
                .serverSetting("async_insert", "0");
    }

    static String deduplicationToken(String batchId, TelemetryTable table) {
        return batchId + ":" + table.tableName();
    }

    /** One insert of one table's block; package-private so tests can send blocks the mappers never make. */
    void insert(String batchId, TableBlock block) throws ClickHouseWriteException {
        await(block.table(), start(batchId, block));
    }

    private CompletableFuture<InsertResponse> start(String batchId, TableBlock block) {
        TelemetryTable table = block.table();
        try {
            return client.insert(table.tableName(), table.columnNames(), block.body(),
                    ClickHouseFormat.RowBinaryWithNamesAndTypes, insertSettings(batchId, table, database));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void await(TelemetryTable table, CompletableFuture<InsertResponse> insert) throws ClickHouseWriteException {
        try (InsertResponse ignored = insert.get(INSERT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            // the response only closes the exchange
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseUnavailableException("interrupted while inserting into " + table.tableName(), table.tableName(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw FailureClassifier.classify(table.tableName(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
