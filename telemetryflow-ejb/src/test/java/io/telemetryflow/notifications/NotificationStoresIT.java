package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.GroupStore.StoredGroup;
import io.telemetryflow.notifications.RoutingStore.Kind;
import io.telemetryflow.platform.migration.PostgresSchema;
import io.telemetryflow.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The notification stores' SQL against a real PostgreSQL with the real migrations, in a schema of its own: every
 * statement runs, binds its parameters and reads back what it wrote, scoped by tenant.
 */
class NotificationStoresIT {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private final String schema = "tf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final UUID tenant = UUID.randomUUID();
    private final UUID otherTenant = UUID.randomUUID();
    private final RoutingStore routing = new RoutingStore();
    private final GroupStore groups = new GroupStore();

    @BeforeEach
    void migrate() throws Exception {
        execute("CREATE SCHEMA " + schema);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestDatabases.PG_URL + (TestDatabases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUser(TestDatabases.PG_USER);
        dataSource.setPassword(TestDatabases.PG_PASSWORD);
        PostgresSchema.migrate(dataSource);
        routing.postgres = dataSource;
        groups.postgres = dataSource;
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            UUID region = UUID.randomUUID();
            UUID organization = UUID.randomUUID();
            UUID workspace = UUID.randomUUID();
            String stamp = "now(), 'it', now(), 'it'";
            statement.execute("INSERT INTO regions (id, code, name, created_at, created_by, updated_at, updated_by) VALUES ('" + region
                    + "', 'r', 'r', " + stamp + ")");
            statement.execute("INSERT INTO organizations (id, region_id, slug, name, created_at, created_by, updated_at, updated_by) VALUES ('"
                    + organization + "', '" + region + "', 'o', 'o', " + stamp + ")");
            statement.execute("INSERT INTO workspaces (id, organization_id, slug, name, created_at, created_by, updated_at, updated_by) VALUES ('"
                    + workspace + "', '" + organization + "', 'w', 'w', " + stamp + ")");
            for (UUID id : List.of(tenant, otherTenant)) {
                statement.execute("INSERT INTO tenants (id, workspace_id, slug, name, created_at, created_by, updated_at, updated_by) VALUES ('"
                        + id + "', '" + workspace + "', '" + id.toString().substring(0, 8) + "', 't', " + stamp + ")");
            }
        }
    }

    @AfterEach
    void drop() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void routingObjectsAreStoredPerTenantWithTheirColumns() {
        UUID id = UUID.randomUUID();
        Silence silence = new Silence.Spec(List.of(new LabelMatcher.Spec("team", "=", "db")), null, T0.plusSeconds(3600).toString(), "x").parse(T0);
        routing.insert(Kind.SILENCE, tenant, id, List.of(silence.startsAt(), silence.endsAt()), NotificationJson.write(silence.spec()), "a@b", T0);

        assertThat(routing.find(Kind.SILENCE, tenant, id)).hasValueSatisfying(row -> {
            assertThat(row.createdBy()).isEqualTo("a@b");
            assertThat(Silence.restore(NotificationJson.read(row.definition(), Silence.Spec.class))).isEqualTo(silence);
        });
        assertThat(routing.find(Kind.SILENCE, otherTenant, id)).isEmpty();
        assertThat(routing.activeSilences(tenant, T0.plusSeconds(10))).hasSize(1);
        assertThat(routing.activeSilences(tenant, T0.plusSeconds(3600))).isEmpty();
        assertThat(routing.activeSilences(otherTenant, T0.plusSeconds(10))).isEmpty();

        Silence expired = silence.expire(T0.plusSeconds(60));
        assertThat(routing.update(Kind.SILENCE, otherTenant, id, List.of(expired.startsAt(), expired.endsAt()), "{}", "c@d", T0)).isFalse();
        assertThat(routing.update(Kind.SILENCE, tenant, id, List.of(expired.startsAt(), expired.endsAt()),
                NotificationJson.write(expired.spec()), "c@d", T0.plusSeconds(60))).isTrue();
        assertThat(routing.activeSilences(tenant, T0.plusSeconds(61))).isEmpty();

        NotificationPolicy policy = new NotificationPolicy.Spec("p", 3, null, List.of(UUID.randomUUID().toString()), null, null, null, null,
                null, null, true).parse();
        UUID policyId = UUID.randomUUID();
        routing.insert(Kind.POLICY, tenant, policyId, List.of(policy.name(), policy.position(), policy.defaultPolicy()),
                NotificationJson.write(policy.spec()), "a@b", T0);
        assertThat(AlertNotifications.policies(routing, tenant)).containsEntry(policyId, policy);
        assertThat(routing.liveChannels(tenant, policy.channelIds())).isEmpty();
        assertThat(routing.delete(Kind.POLICY, otherTenant, policyId)).isFalse();
        assertThat(routing.delete(Kind.POLICY, tenant, policyId)).isTrue();
        assertThat(routing.list(Kind.POLICY, tenant)).isEmpty();
    }

    @Test
    void groupsNotificationsAndAttemptsRoundTrip() {
        UUID policy = UUID.randomUUID();
        UUID rule = UUID.randomUUID();
        GroupTiming timing = new GroupTiming(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(1), true);
        String key = GroupKey.of(policy, rule, Map.of("alertname", "cpu"));
        StoredGroup opened = groups.openLocked(tenant, key, policy, rule, "cpu", "HIGH", Map.of("alertname", "cpu"), Map.of("summary", "s"),
                AggregationGroup.open(timing, T0));
        StoredGroup again = groups.openLocked(tenant, key, policy, rule, "cpu", "HIGH", Map.of("alertname", "cpu"), Map.of(),
                AggregationGroup.open(timing, T0.plusSeconds(30)));
        assertThat(again.id()).as("opened once").isEqualTo(opened.id());

        GroupAlert alert = new GroupAlert("0123456789abcdef", Map.of("alertname", "cpu", "host", "h"), true, "firing", 0.9, T0, null);
        groups.save(opened, "cpu", "HIGH", Map.of("summary", "s"), opened.state().observe(alert));
        groups.alertFiring(tenant, rule, alert.fingerprint(), alert.labels(), T0);
        assertThat(groups.firingAlerts(tenant)).containsExactly(new ActiveAlert(rule + "/" + alert.fingerprint(), alert.labels()));
        assertThat(groups.firingAlerts(otherTenant)).isEmpty();

        assertThat(groups.dueLocked(T0, 10)).isEmpty();
        List<StoredGroup> due = groups.dueLocked(T0.plusSeconds(1), 10);
        assertThat(due).singleElement().satisfies(group -> assertThat(group.state().alerts()).containsKey(alert.fingerprint()));
        assertThat(groups.ruleGroupsLocked(tenant, rule)).hasSize(1);
        assertThat(groups.ruleGroupsLocked(otherTenant, rule)).isEmpty();

        UUID sent = UUID.randomUUID();
        UUID channel = UUID.randomUUID();
        groups.insertSend(sent, due.get(0), "firing", List.of(alert.fingerprint()), List.of(channel), "{\"m\":1}", T0.plusSeconds(1), null);
        groups.insertSend(UUID.randomUUID(), due.get(0), "firing", List.of(alert.fingerprint()), List.of(channel), "{}", T0.plusSeconds(2),
                NotificationFlusher.DROPPED_BY_CAP);
        assertThat(groups.sentSinceLocked(tenant, rule, T0)).containsExactly(T0.plusSeconds(1));
        assertThat(groups.send(sent)).hasValueSatisfying(stored -> {
            assertThat(stored.tenantId()).isEqualTo(tenant);
            assertThat(stored.message()).isEqualTo("{\"m\":1}");
        });

        groups.recordAttempt(sent, tenant, channel, 1, T0.plusSeconds(2), "retrying", 503, "the receiver answered 503");
        groups.recordAttempt(sent, tenant, channel, 2, T0.plusSeconds(5), "delivered", 200, null);
        assertThat(groups.attempts(tenant, rule, alert.fingerprint(), 10)).extracting(GroupStore.Attempt::attempt, GroupStore.Attempt::outcome,
                GroupStore.Attempt::statusCode).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "retrying", 503),
                org.assertj.core.groups.Tuple.tuple(2, "delivered", 200));
        assertThat(groups.attempts(otherTenant, rule, alert.fingerprint(), 10)).isEmpty();
        assertThat(groups.attempts(tenant, rule, "fedcba9876543210", 10)).isEmpty();
        assertThat(groups.dropped(tenant, rule, alert.fingerprint(), 10)).singleElement()
                .satisfies(dropped -> assertThat(dropped.reason()).isEqualTo("rate_limited"));

        groups.alertResolved(tenant, rule, alert.fingerprint());
        assertThat(groups.firingAlerts(tenant)).isEmpty();
        groups.delete(due.get(0));
        assertThat(groups.dueLocked(T0.plusSeconds(3600), 10)).isEmpty();
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = TestDatabases.postgres(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.execute();
        }
    }

}
