package io.telemetryflow.audit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.FailureClassifier;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetryQueries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads and writes ClickHouse {@code audit_logs} through clickhouse client-v2. A write is one event, deduplicated by
 * its id ({@code insert_deduplication_token}, also through the statistics views), so a redelivered queue message is
 * stored once. Failures are classified like telemetry inserts: {@code ClickHouseUnavailableException} (retry later)
 * or {@code UnstorableBatchException} (never storable). Thread-safe; close it to release the client.
 */
public final class AuditLogStore implements AutoCloseable {

    static final String TABLE = "audit_logs";
    private static final long TIMEOUT_SECONDS = 60;

    private final Client client;
    private final String database;
    private final QueryLimits readLimits;

    public AuditLogStore(ClickHouseSettings settings, QueryLimits readLimits) {
        this(ClickHouseClients.create(settings), settings.database(), readLimits);
    }

    AuditLogStore(Client client, String database, QueryLimits readLimits) {
        this.client = Objects.requireNonNull(client, "client");
        this.database = Objects.requireNonNull(database, "database");
        this.readLimits = Objects.requireNonNull(readLimits, "readLimits");
    }

    /** Inserts one {@link AuditRow} line; {@code eventId} must be the row's id (it is the deduplication token). */
    public void write(String eventId, String row) throws ClickHouseWriteException {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
        InsertSettings settings = new InsertSettings()
                .setDatabase(database)
                .setDeduplicationToken("audit:" + eventId)
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
                .serverSetting("async_insert", "0");
        byte[] body = row.getBytes(StandardCharsets.UTF_8);
        try (InsertResponse ignored = client.insert(TABLE, new ByteArrayInputStream(body), ClickHouseFormat.JSONEachRow, settings)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // the response only closes the exchange
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailureClassifier.classify(TABLE, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw FailureClassifier.classify(TABLE, e);
        }
    }

    /**
     * The rows of a query built by {@link AuditLogSql}, read within the same limits as telemetry reads (over one: a 400
     * saying which); a 503 {@link Rejected} while ClickHouse cannot be reached.
     */
    public List<AuditLogEntry> find(AuditLogSql.Query query) {
        QuerySettings settings = new QuerySettings();
        readLimits.serverSettings().forEach(settings::serverSetting);
        settings.setNetworkTimeout(readLimits.maxExecutionTime().toSeconds() + 30, ChronoUnit.SECONDS);
        List<GenericRecord> rows;
        try {
            rows = client.queryAll(query.sql(), query.parameters(), settings);
        } catch (RuntimeException e) {
            throw TelemetryQueries.translate(e, "the audit trail's store (ClickHouse) is not reachable; try again shortly");
        }
        List<AuditLogEntry> entries = new ArrayList<>();
        for (GenericRecord row : rows) {
            entries.add(entry(row));
        }
        return entries;
    }

    static AuditLogEntry entry(GenericRecord row) {
        return new AuditLogEntry(row.getString("id"), Instant.ofEpochMilli(row.getLong("timestamp_ms")), row.getString("user_id"),
                row.getString("user_email"), row.getString("user_first_name"), row.getString("user_last_name"),
                row.getString("event_type"), row.getString("action"), row.getString("resource"), row.getString("result"),
                row.getString("error_message"), row.getString("ip_address"), row.getString("user_agent"),
                AuditRow.metadata(row.getString("metadata")), row.getString("tenant_id"), row.getString("workspace_id"),
                row.getString("organization_id"), row.getString("session_id"), row.getLong("duration_ms"),
                Instant.ofEpochMilli(row.getLong("created_at_ms")));
    }

    @Override
    public void close() {
        client.close();
    }
}
