package io.telemetryflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.audit.AuditEvent.Result;
import io.telemetryflow.audit.AuditEvent.Type;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.UnstorableBatchException;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit trail's storage against a real ClickHouse with the real migrations (one database for the class, dropped
 * afterwards): rows written as the queue consumer writes them and read back through the audit API's query code
 * (scoping, filters, paging), redelivery stored once, the daily views counting, and an unreachable server reported
 * as "retry later" (the consumer re-queues on that), never silently dropped.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class AuditLogStoreIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_audit_it");

    private static ClickHouseConnector clickHouse;
    private static AuditLogStore store;

    private final UUID organization = UUID.randomUUID();
    private final UUID otherOrganization = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);

    @BeforeAll
    static void migrate() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "audit-store-it");
        store = new AuditLogStore(clickHouse.settings(), QueryLimits.defaults());
    }

    @AfterAll
    static void drop() throws SQLException {
        store.close();
        TestDatabases.drop(clickHouse);
    }

    @Test
    void theTableHasTheReferenceColumnsSortKeyTtlAndIndexes() throws Exception {
        assertThat(rows("SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'audit_logs' ORDER BY position"))
                .containsExactly(List.of("id", "UUID"), List.of("timestamp", "DateTime64(3, 'UTC')"), List.of("user_id", "String"),
                        List.of("user_email", "String"), List.of("user_first_name", "String"), List.of("user_last_name", "String"),
                        List.of("event_type", "Enum8('AUTH' = 1, 'AUTHZ' = 2, 'DATA' = 3, 'SYSTEM' = 4)"),
                        List.of("action", "LowCardinality(String)"), List.of("resource", "String"),
                        List.of("result", "Enum8('SUCCESS' = 1, 'FAILURE' = 2, 'DENIED' = 3)"), List.of("error_message", "String"),
                        List.of("ip_address", "String"), List.of("user_agent", "String"), List.of("metadata", "String"),
                        List.of("tenant_id", "String"), List.of("workspace_id", "String"), List.of("organization_id", "String"),
                        List.of("session_id", "String"), List.of("duration_ms", "UInt32"), List.of("created_at", "DateTime64(3, 'UTC')"));
        assertThat(rows("SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'audit_logs'"))
                .containsExactly(List.of("MergeTree", "toDate(timestamp)", "organization_id, timestamp"));
        assertThat(rows("SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = 'audit_logs'").get(0).get(0))
                .contains("TTL toDateTime(timestamp) + toIntervalDay(90)").contains("non_replicated_deduplication_window = 10000");
        assertThat(rows("SELECT name, type FROM system.data_skipping_indices WHERE database = currentDatabase() AND table = 'audit_logs'"
                + " ORDER BY name")).contains(List.of("idx_user_id", "bloom_filter"));
        assertThat(rows("SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name LIKE 'audit_logs_%' ORDER BY name"))
                .containsExactly(List.of("audit_logs_stats", "SummingMergeTree"), List.of("audit_logs_stats_mv", "MaterializedView"),
                        List.of("audit_logs_user_activity", "SummingMergeTree"), List.of("audit_logs_user_activity_mv", "MaterializedView"));
    }

    @Test
    void aWrittenEventReadsBackWithEveryColumn() throws Exception {
        AuditEvent event = AuditEvent.builder(Type.AUTH, "auth.login", Result.FAILURE)
                .at(base.plusMillis(7))
                .resource("/api/v2/auth/login")
                .error("invalid credentials")
                .user(alice, "alice@example.com", "Alice", "Ä Lïddell")
                .client("192.0.2.10", "Mozilla/5.0 \"quoted\" \\ backslash")
                .metadata(Map.of("attempt", "3", "reason", "password"))
                .scope(organization, UUID.randomUUID(), UUID.randomUUID())
                .session("sid-42")
                .duration(12)
                .build();
        write(event);

        List<AuditLogEntry> rows = page(admin(organization), filter(Map.of())).items();

        assertThat(rows).hasSize(1);
        AuditLogEntry row = rows.get(0);
        assertThat(row.id()).isEqualTo(event.id().toString());
        assertThat(row.timestamp()).isEqualTo(base.plusMillis(7));
        assertThat(row.userId()).isEqualTo(alice.toString());
        assertThat(row.userEmail()).isEqualTo("alice@example.com");
        assertThat(row.userFirstName()).isEqualTo("Alice");
        assertThat(row.userLastName()).isEqualTo("Ä Lïddell");
        assertThat(row.eventType()).isEqualTo("AUTH");
        assertThat(row.action()).isEqualTo("auth.login");
        assertThat(row.resource()).isEqualTo("/api/v2/auth/login");
        assertThat(row.result()).isEqualTo("FAILURE");
        assertThat(row.errorMessage()).isEqualTo("invalid credentials");
        assertThat(row.ipAddress()).isEqualTo("192.0.2.10");
        assertThat(row.userAgent()).isEqualTo("Mozilla/5.0 \"quoted\" \\ backslash");
        assertThat(row.metadata()).isEqualTo(Map.of("attempt", "3", "reason", "password"));
        assertThat(row.organizationId()).isEqualTo(organization.toString());
        assertThat(row.workspaceId()).isEqualTo(event.workspaceId());
        assertThat(row.tenantId()).isEqualTo(event.tenantId());
        assertThat(row.sessionId()).isEqualTo("sid-42");
        assertThat(row.durationMs()).isEqualTo(12);
        assertThat(row.createdAt()).isAfter(base);
    }

    @Test
    void aCallerSeesItsOrganizationOnlyAndASuperAdministratorEverything() throws Exception {
        write(event(Type.DATA, Result.SUCCESS, alice, organization, "/api/v2/iam/users", base));
        write(event(Type.DATA, Result.SUCCESS, bob, otherOrganization, "/api/v2/iam/users", base.plusSeconds(1)));
        AuditEvent system = AuditEvent.builder(Type.SYSTEM, "platform.started", Result.SUCCESS).at(base.plusSeconds(2)).build();
        write(system);

        assertThat(page(admin(organization), filter(Map.of())).items()).extracting(AuditLogEntry::organizationId).containsOnly(organization.toString())
                .hasSize(1);
        // naming another organization never widens a caller's scope
        assertThat(page(admin(organization), filter(Map.of("organizationId", otherOrganization.toString()))).items()).isEmpty();

        List<String> everything = page(superAdmin(), filter(Map.of())).items().stream().map(AuditLogEntry::id).toList();
        assertThat(everything).contains(system.id().toString());
        assertThat(page(superAdmin(), filter(Map.of("organizationId", otherOrganization.toString()))).items())
                .extracting(AuditLogEntry::userId).containsExactly(bob.toString());
    }

    @Test
    void filtersPagingAndNewestFirst() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(event(i % 2 == 0 ? Type.AUTHZ : Type.AUTH, i % 2 == 0 ? Result.DENIED : Result.SUCCESS, i < 5 ? alice : bob,
                    organization, i % 3 == 0 ? "/api/v2/audit/logs" : "/api/v2/iam/users/" + i, base.plusSeconds(i)));
        }
        for (AuditEvent event : events) {
            write(event);
        }
        Caller caller = admin(organization);

        assertThat(page(caller, filter(Map.of())).items()).extracting(AuditLogEntry::id)
                .containsExactlyElementsOf(newestFirst(events));
        assertThat(page(caller, filter(Map.of("userId", bob.toString()))).items()).extracting(AuditLogEntry::id)
                .containsExactly(events.get(6).id().toString(), events.get(5).id().toString());
        assertThat(page(caller, filter(Map.of("eventType", "AUTHZ", "result", "DENIED"))).items()).hasSize(4)
                .allSatisfy(row -> assertThat(row.result()).isEqualTo("DENIED"));
        assertThat(page(caller, filter(Map.of("result", "FAILURE"))).items()).isEmpty();
        assertThat(page(caller, filter(Map.of("resource", "/api/v2/iam/users"))).items()).extracting(AuditLogEntry::resource)
                .containsExactly("/api/v2/iam/users/5", "/api/v2/iam/users/4", "/api/v2/iam/users/2", "/api/v2/iam/users/1");
        assertThat(page(caller, filter(Map.of("action", "GET x:read"))).items()).hasSize(4);
        assertThat(page(caller, filter(Map.of("from", base.plusSeconds(2).toString(), "to", base.plusSeconds(4).toString()))).items())
                .extracting(AuditLogEntry::id).as("from inclusive, to exclusive")
                .containsExactly(events.get(3).id().toString(), events.get(2).id().toString());
        // values with quotes and backslashes are parameters, matched literally
        assertThat(page(caller, filter(Map.of("resource", "/x') OR 1=1 --\\"))).items()).isEmpty();
        AuditEvent odd = event(Type.DATA, Result.SUCCESS, alice, organization, "/odd/it's \\ \"quoted\"\ttab", base.plusSeconds(30));
        write(odd);
        assertThat(page(caller, filter(Map.of("resource", odd.resource()))).items()).extracting(AuditLogEntry::id)
                .containsExactly(odd.id().toString());

        AuditLogPage first = page(caller, filter(Map.of("limit", "3", "to", base.plusSeconds(10).toString())));
        AuditLogPage third = page(caller, filter(Map.of("limit", "3", "offset", "6", "to", base.plusSeconds(10).toString())));
        assertThat(first.items()).hasSize(3);
        assertThat(first.hasMore()).isTrue();
        assertThat(third.items()).extracting(AuditLogEntry::id).containsExactly(events.get(0).id().toString());
        assertThat(third.hasMore()).isFalse();
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndTheDailyViewsCount() throws Exception {
        AuditEvent denied = event(Type.AUTHZ, Result.DENIED, alice, organization, "/api/v2/audit/logs", base);
        AuditEvent login = event(Type.AUTH, Result.SUCCESS, alice, organization, "/api/v2/auth/login", base.plusSeconds(1));
        AuditEvent other = event(Type.AUTH, Result.SUCCESS, bob, organization, "/api/v2/auth/login", base.plusSeconds(2));
        write(denied);
        write(denied);   // a redelivery of the same queue message
        write(login);
        write(other);

        assertThat(count("SELECT count() FROM audit_logs WHERE organization_id = '" + organization + "'")).isEqualTo(3);
        assertThat(rows("SELECT toString(event_type), toString(result), toString(sum(count)) FROM audit_logs_stats"
                + " WHERE organization_id = '" + organization + "'"
                + " GROUP BY event_type, result ORDER BY event_type, result"))
                .containsExactly(List.of("AUTH", "SUCCESS", "2"), List.of("AUTHZ", "DENIED", "1"));
        assertThat(rows("SELECT user_id, toString(event_type), toString(sum(count)) FROM audit_logs_user_activity"
                + " WHERE organization_id = '" + organization + "' GROUP BY user_id, event_type ORDER BY user_id = '" + alice
                + "' DESC, event_type"))
                .containsExactly(List.of(alice.toString(), "AUTH", "1"), List.of(alice.toString(), "AUTHZ", "1"),
                        List.of(bob.toString(), "AUTH", "1"));
    }

    @Test
    void readsRunReadOnlyWithinTheReadLimits() throws Exception {
        write(event(Type.DATA, Result.SUCCESS, alice, organization, "/api/v2/iam/users", base));
        try (AuditLogStore small = new AuditLogStore(clickHouse.settings(), QueryLimits.defaults().withMaxBytesToRead(16))) {
            assertThatThrownBy(() -> small.find(AuditLogSql.page(superAdmin(), filter(Map.of()))))
                    .isInstanceOfSatisfying(Rejected.class, rejected -> {
                        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
                        assertThat(rejected.getMessage()).contains("read more data than the limit allows");
                    });
        }
        long before = count("SELECT count() FROM audit_logs");
        AuditLogSql.Query write = new AuditLogSql.Query("INSERT INTO audit_logs (id) SELECT generateUUIDv4()", Map.of());
        assertThatThrownBy(() -> store.find(write)).isNotInstanceOf(Rejected.class).hasStackTraceContaining("(READONLY)");
        assertThat(count("SELECT count() FROM audit_logs")).isEqualTo(before);
    }

    @Test
    void anUnreachableServerIsRetryLaterAndABadRowIsUnstorable() {
        ClickHouseSettings closedPort = new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:1", "default", "", DATABASE, "");
        AuditEvent event = event(Type.AUTH, Result.FAILURE, alice, organization, "/api/v2/auth/login", base);
        try (AuditLogStore unreachable = new AuditLogStore(closedPort, QueryLimits.defaults())) {
            assertThatThrownBy(() -> unreachable.write(event.id().toString(), AuditRow.json(event)))
                    .isInstanceOf(ClickHouseUnavailableException.class);
        }
        assertThatThrownBy(() -> store.write("bad-1", "{\"id\":\"not-a-uuid\",\"event_type\":\"LOGIN\"}"))
                .isInstanceOf(UnstorableBatchException.class);
    }

    // ---------------------------------------------------------------------------------------------

    private static void write(AuditEvent event) throws Exception {
        store.write(event.id().toString(), AuditRow.json(event));
    }

    private static AuditEvent event(Type type, Result result, UUID user, UUID organization, String resource, Instant at) {
        return AuditEvent.builder(type, type == Type.AUTHZ ? "GET x:read" : "auth.login", result)
                .at(at)
                .resource(resource)
                .user(user, user + "@example.com", null, null)
                .scope(organization, null, null)
                .build();
    }

    private AuditLogFilter filter(Map<String, String> values) {
        return AuditLogFilter.parse(values.getOrDefault("from", base.minusSeconds(60).toString()),
                values.getOrDefault("to", base.plusSeconds(60).toString()), values.get("userId"), values.get("eventType"),
                values.get("result"), values.get("resource"), values.get("action"), values.get("organizationId"), values.get("limit"),
                values.get("offset"), Instant.now());
    }

    private static AuditLogPage page(Caller caller, AuditLogFilter filter) {
        AuditLogs logs = new AuditLogs();
        logs.store = store;
        return logs.find(caller, filter);
    }

    private static Caller admin(UUID organization) {
        return new Caller(UUID.randomUUID(), "admin@example.com", organization, null, null, Set.of("Administrator"),
                Set.of(Permission.parse("audit:read")), false, null);
    }

    private static Caller superAdmin() {
        return new Caller(UUID.randomUUID(), "root@example.com", UUID.randomUUID(), null, null, Set.of("Super Administrator"),
                Set.of(Permission.parse("*:*")), true, null);
    }

    private static List<String> newestFirst(List<AuditEvent> events) {
        List<String> ids = new ArrayList<>(events.stream().map(event -> event.id().toString()).toList());
        Collections.reverse(ids);
        return ids;
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = clickHouse.open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
