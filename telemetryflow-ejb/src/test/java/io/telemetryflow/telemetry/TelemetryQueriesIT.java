package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The query runner against a real ClickHouse with the real migrations: values bound by {@link TelemetrySql} compare as
 * themselves whatever characters they hold (so no request text can change a query), only the scoped tenant's rows come
 * back, and every limit (result rows, bytes read, execution time, memory) and a bad regular expression end in a 400 that says
 * which, an unreachable server in a 503 — never a partial answer.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class TelemetryQueriesIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_query_it");

    /** Bodies that would change a query if they were spliced into SQL or parsed as escapes. */
    static final List<String> HOSTILE = List.of("it's", "back\\slash", "trailing\\", "\\'", "' OR 1=1 --", "'); DROP TABLE otel_logs; --",
            "{tenant_id:UUID}", "currentDatabase()", "%", "_", "line\nbreak", "tab\there", "ünïcødé ✓", "\\N", "NULL", "\"quoted\"");

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement OTHER = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final Instant BASE = Instant.now().minus(Duration.ofMinutes(30));

    private static ClickHouseConnector clickHouse;
    private static TelemetryQueries queries;

    @BeforeAll
    static void migrateAndLoad() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "telemetry-queries-it");
        try (Connection connection = clickHouse.open(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO otel_logs (organization_id, workspace_id, tenant_id, timestamp, body) VALUES (?, ?, ?, ?, ?)")) {
            for (TenantPlacement tenant : List.of(TENANT, OTHER)) {
                for (int i = 0; i < HOSTILE.size(); i++) {
                    insert.setObject(1, tenant.organizationId());
                    insert.setObject(2, tenant.workspaceId());
                    insert.setObject(3, tenant.tenantId());
                    insert.setObject(4, BASE.plusSeconds(i));
                    insert.setString(5, HOSTILE.get(i));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        queries = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults());
    }

    @AfterAll
    static void drop() throws SQLException {
        queries.close();
        TestDatabases.drop(clickHouse);
    }

    @Test
    void everyBoundValueMatchesExactlyItselfAndOnlyInTheScopedTenant() {
        for (String body : HOSTILE) {
            TelemetrySql sql = TelemetrySql.forTenant(TENANT);
            sql.where("body = " + sql.bind("String", body));
            // the scope refuses tenant_id outside its predicate, so the row's organization tells the tenants apart
            List<GenericRecord> rows = queries.rows(sql.select("body, toString(organization_id) AS organization", "otel_logs", ""));
            assertThat(rows).as("rows for %s", body).hasSize(1);
            assertThat(rows.get(0).getString("body")).isEqualTo(body);
            assertThat(rows.get(0).getString("organization")).isEqualTo(TENANT.organizationId().toString());
        }
        TelemetrySql all = TelemetrySql.forTenant(TENANT);
        all.where("body IN (" + all.list(HOSTILE) + ")");
        assertThat(queries.rows(all.select("count() AS rows", "otel_logs", "")).get(0).getLong("rows")).isEqualTo(HOSTILE.size());
    }

    @Test
    void aResultOverTheRowLimitIsRefusedNotCut() {
        try (TelemetryQueries small = limited(QueryLimits.defaults().withMaxResultRows(3))) {
            assertRejected(() -> small.rows(TelemetrySql.forTenant(TENANT).select("body", "otel_logs", "")), "result size limit");
            assertThat(small.rows(TelemetrySql.forTenant(TENANT).select("body", "otel_logs", "LIMIT 3"))).hasSize(3);
        }
    }

    @Test
    void readingMoreThanTheByteLimitIsRefused() {
        try (TelemetryQueries small = limited(QueryLimits.defaults().withMaxBytesToRead(16))) {
            assertRejected(() -> small.rows(TelemetrySql.forTenant(TENANT).select("body", "otel_logs", "")), "read more data");
        }
    }

    @Test
    void aQueryOverTheTimeLimitIsRefused() {
        try (TelemetryQueries quick = limited(QueryLimits.defaults().withMaxExecutionTime(Duration.ofSeconds(1)))) {
            // one row per block, so the server checks the elapsed time between rows: 16 × 0.3 s sleeps exceed 1 s
            TelemetrySql sql = TelemetrySql.forTenant(TENANT);
            assertRejected(() -> quick.rows(sql.select("sleepEachRow(0.3) AS slept", "otel_logs", "SETTINGS max_block_size = 1")),
                    "execution time limit");
        }
    }

    @Test
    void aQueryOverTheMemoryLimitIsRefused() {
        try (TelemetryQueries small = limited(QueryLimits.defaults().withMaxMemoryBytes(4L << 20))) {
            // 16 rows of about 1 MB each, gathered into one array
            assertRejected(() -> small.rows(TelemetrySql.forTenant(TENANT).select("length(groupArray(repeat(body, 100000))) AS n",
                    "otel_logs", "")), "more memory than the limit allows");
        }
        assertThat(queries.rows(TelemetrySql.forTenant(TENANT).select("length(groupArray(repeat(body, 100000))) AS n", "otel_logs", ""))
                .get(0).getLong("n")).isEqualTo(HOSTILE.size());
    }

    @Test
    void queriesAreReadOnly() {
        TelemetrySql.Query write = new TelemetrySql.Query("INSERT INTO otel_logs SELECT * FROM otel_logs WHERE "
                + TelemetrySql.TENANT_PREDICATE, Map.of("tenant_id", TENANT.tenantId().toString()));
        assertThatThrownBy(() -> queries.rows(write)).isNotInstanceOf(Rejected.class).hasStackTraceContaining("(READONLY)");
        assertThat(queries.rows(TelemetrySql.forTenant(TENANT).select("count() AS n", "otel_logs", "")).get(0).getLong("n"))
                .isEqualTo(HOSTILE.size());
    }

    @Test
    void aTenantWithItsQueriesRunningGetsA429AndOtherTenantsDoNot() throws Exception {
        try (TelemetryQueries one = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults(), 1)) {
            // 16 rows, one per block, 0.1 s each: the slot is held for about 1.6 s
            CompletableFuture<List<GenericRecord>> slow = CompletableFuture.supplyAsync(() -> one.rows(TelemetrySql.forTenant(TENANT)
                    .select("sleepEachRow(0.1) AS slept", "otel_logs", "SETTINGS max_block_size = 1")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (one.running(TENANT.tenantId().toString()) == 0 && !slow.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(slow).as("the slow query is still running").isNotDone();

            assertThatThrownBy(() -> one.rows(TelemetrySql.forTenant(TENANT).select("count() AS n", "otel_logs", "")))
                    .isInstanceOfSatisfying(Rejected.class, rejected -> {
                        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.TOO_MANY_REQUESTS);
                        assertThat(rejected.retryAfterSeconds()).isPositive();
                    });
            assertThat(one.rows(TelemetrySql.forTenant(OTHER).select("count() AS n", "otel_logs", "")).get(0).getLong("n"))
                    .isEqualTo(HOSTILE.size());

            assertThat(slow.get(30, TimeUnit.SECONDS)).hasSize(HOSTILE.size());
            assertThat(one.running(TENANT.tenantId().toString())).isZero();
            assertThat(one.rows(TelemetrySql.forTenant(TENANT).select("count() AS n", "otel_logs", "")).get(0).getLong("n"))
                    .isEqualTo(HOSTILE.size());
        }
    }

    @Test
    void anInvalidRegularExpressionIsABadRequest() {
        TelemetrySql sql = TelemetrySql.forTenant(TENANT);
        sql.where("match(body, " + sql.bind("String", "([unclosed") + ")");
        assertThatThrownBy(() -> queries.rows(sql.select("body", "otel_logs", ""))).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.field()).isEqualTo("filters");
        });
    }

    @Test
    void anUnreachableServerIsServiceUnavailableWithRetryAfter() {
        ClickHouseSettings nowhere = new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:1", "default", "", DATABASE, "");
        try (TelemetryQueries unreachable = new TelemetryQueries(ClickHouseClients.create(nowhere), QueryLimits.defaults())) {
            assertThatThrownBy(() -> unreachable.rows(TelemetrySql.forTenant(TENANT).select("body", "otel_logs", "")))
                    .isInstanceOfSatisfying(Rejected.class, rejected -> {
                        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.SERVICE_UNAVAILABLE);
                        assertThat(rejected.retryAfterSeconds()).isPositive();
                    });
        }
    }

    private static TelemetryQueries limited(QueryLimits limits) {
        return new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), limits);
    }

    private static void assertRejected(Runnable query, String detail) {
        assertThatThrownBy(query::run).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.getMessage()).contains(detail);
        });
    }
}
