package io.telemetryflow.alerting;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.clickhouse.FailureClassifier;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ClickHouse {@code alert_history} (V11): the transitions of each evaluation, inserted at once with the deduplication
 * token {@code alert:<rule>:<tick>} (a redelivered evaluation adds nothing), and the queries that read them back, built
 * through {@link TelemetrySql#forTenant} like every telemetry read. Thread-safe; close it to release the client.
 */
public final class AlertHistory implements AutoCloseable {

    static final String TABLE = "alert_history";
    static final int MAX_STATS_ROWS = 100_000;
    private static final long TIMEOUT_SECONDS = 30;
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "fingerprint, labels, from_state, to_state, value, reason, toUnixTimestamp64Milli(at) AS at_ms";

    private final Client client;
    private final String database;

    AlertHistory(ClickHouseSettings settings) {
        this.client = ClickHouseClients.create(settings);
        this.database = Objects.requireNonNull(settings.database(), "database");
    }

    void write(UUID tenantId, UUID ruleId, Instant tick, List<AlertTransition> transitions) throws ClickHouseWriteException {
        if (transitions.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder();
        for (AlertTransition transition : transitions) {
            rows.append(row(tenantId, ruleId, transition)).append('\n');
        }
        InsertSettings settings = new InsertSettings().setDatabase(database).setDeduplicationToken("alert:" + ruleId + ":" + tick.toEpochMilli())
                .serverSetting("insert_deduplicate", "1").serverSetting("async_insert", "0");
        byte[] body = rows.toString().getBytes(StandardCharsets.UTF_8);
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

    static String row(UUID tenantId, UUID ruleId, AlertTransition transition) {
        JsonObjectBuilder labels = JSON.createObjectBuilder();
        new java.util.TreeMap<>(transition.labels()).forEach(labels::add);
        JsonObjectBuilder row = JSON.createObjectBuilder().add("tenant_id", tenantId.toString()).add("rule_id", ruleId.toString())
                .add("fingerprint", transition.fingerprint()).add("labels", labels)
                .add("from_state", transition.from().wire()).add("to_state", transition.to().wire())
                .add("reason", transition.reason() == null ? "" : transition.reason()).add("at", CH_TIME.format(transition.at()));
        if (transition.value() == null || !Double.isFinite(transition.value())) {
            row.addNull("value");
        } else {
            row.add("value", transition.value());
        }
        return row.build().toString();
    }

    /** A page of a rule's transitions, newest first; {@code fingerprint} narrows it to one instance. */
    static TelemetrySql.Query page(TenantPlacement tenant, UUID ruleId, String fingerprint, int limit, int offset) {
        TelemetrySql sql = scope(tenant, ruleId, fingerprint);
        return sql.select(COLUMNS, TABLE, "ORDER BY at DESC, fingerprint\nLIMIT " + sql.bind("UInt32", limit) + " OFFSET "
                + sql.bind("UInt32", offset));
    }

    static TelemetrySql.Query count(TenantPlacement tenant, UUID ruleId, String fingerprint) {
        return scope(tenant, ruleId, fingerprint).select("count() AS total", TABLE, "");
    }

    /** The transitions into and out of firing, per instance in time order: what the firing count and time to resolve come from. */
    static TelemetrySql.Query episodes(TenantPlacement tenant, UUID ruleId) {
        TelemetrySql sql = scope(tenant, ruleId, null);
        sql.where("to_state IN ('firing', 'normal')");
        return sql.select("fingerprint, from_state, to_state, toUnixTimestamp64Milli(at) AS at_ms", TABLE,
                "ORDER BY fingerprint, at\nLIMIT " + sql.bind("UInt32", MAX_STATS_ROWS));
    }

    private static TelemetrySql scope(TenantPlacement tenant, UUID ruleId, String fingerprint) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("rule_id = " + sql.bind("UUID", ruleId.toString()));
        if (fingerprint != null) {
            sql.where("fingerprint = " + sql.bind("String", fingerprint));
        }
        return sql;
    }

    @Override
    public void close() {
        client.close();
    }
}
