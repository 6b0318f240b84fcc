package io.telemetryflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditLogSqlTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final UUID OWN_ORGANIZATION = UUID.fromString("0b6f3a52-7d1e-4b8e-9a51-3f0c2d9e8a11");
    private static final UUID OTHER_ORGANIZATION = UUID.fromString("d4e5f6a7-b8c9-4d0e-a1f2-3b4c5d6e7f44");

    private final Caller administrator = caller(false);
    private final Caller superAdministrator = caller(true);

    @Test
    void aCallerBelowSuperAdministratorIsAlwaysScopedToItsOrganization() {
        AuditLogSql.Query query = AuditLogSql.page(administrator, filter(null, null, null, null, null, null));

        assertThat(query.sql()).contains("WHERE organization_id = {scope_organization_id:String}");
        assertThat(query.parameters()).containsEntry("scope_organization_id", OWN_ORGANIZATION.toString());
    }

    @Test
    void naminganotherOrganizationOnlyNarrowsTheScopeNeverWidensIt() {
        AuditLogSql.Query query = AuditLogSql.page(administrator, filter(null, null, null, null, null, OTHER_ORGANIZATION.toString()));

        // both predicates hold at once: rows of the other organization can never match
        assertThat(query.sql()).contains("organization_id = {scope_organization_id:String}").contains("organization_id = {organization_id:String}");
        assertThat(query.parameters()).containsEntry("scope_organization_id", OWN_ORGANIZATION.toString())
                .containsEntry("organization_id", OTHER_ORGANIZATION.toString());
    }

    @Test
    void aSuperAdministratorSeesEveryOrganizationOrTheOneNamed() {
        AuditLogSql.Query all = AuditLogSql.page(superAdministrator, filter(null, null, null, null, null, null));
        assertThat(all.sql()).doesNotContain("organization_id =");
        assertThat(all.parameters()).doesNotContainKeys("scope_organization_id", "organization_id");

        AuditLogSql.Query one = AuditLogSql.page(superAdministrator, filter(null, null, null, null, null, OTHER_ORGANIZATION.toString()));
        assertThat(one.sql()).contains("organization_id = {organization_id:String}").doesNotContain("scope_organization_id");
        assertThat(one.parameters()).containsEntry("organization_id", OTHER_ORGANIZATION.toString());
    }

    @Test
    void filterValuesTravelAsParametersOnly() {
        UUID user = UUID.randomUUID();
        String hostileResource = "/x') OR 1=1 --";
        String hostileAction = "GET'; DROP TABLE audit_logs; --";
        AuditLogSql.Query query = AuditLogSql.page(administrator, filter(user.toString(), "data", "failure", hostileResource,
                hostileAction, null));

        assertThat(query.sql())
                .doesNotContain(user.toString(), hostileResource, hostileAction, OWN_ORGANIZATION.toString(), "DATA", "FAILURE")
                .contains("user_id = {user_id:String}", "event_type = {event_type:String}", "result = {result:String}",
                        "action = {action:String}", "startsWith(resource, {resource:String})",
                        "timestamp >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')",
                        "timestamp < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')",
                        "ORDER BY timestamp DESC, id DESC", "LIMIT {limit:UInt32} OFFSET {offset:UInt64}");
        assertThat(query.parameters()).containsAllEntriesOf(Map.of(
                "user_id", user.toString(),
                "event_type", "DATA",
                "result", "FAILURE",
                "resource", hostileResource,
                "action", hostileAction,
                "from_ms", NOW.minusSeconds(86_400).toEpochMilli(),
                "to_ms", NOW.toEpochMilli(),
                "limit", 51,
                "offset", 10L));
        // every {name:Type} in the text has its parameter, and no parameter is unused
        assertThat(query.sql().split("\\{", -1)).hasSize(query.parameters().size() + 1);
        query.parameters().keySet().forEach(name -> assertThat(query.sql()).contains("{" + name + ":"));
    }

    @Test
    void absentFiltersAddNoPredicate() {
        AuditLogSql.Query query = AuditLogSql.page(administrator, filter(null, null, null, null, null, null));

        assertThat(query.sql()).doesNotContain("user_id =", "event_type =", "result =", "action =", "startsWith");
        assertThat(query.parameters()).containsOnlyKeys("scope_organization_id", "from_ms", "to_ms", "limit", "offset");
    }

    private static AuditLogFilter filter(String userId, String eventType, String result, String resource, String action,
                                         String organizationId) {
        return AuditLogFilter.parse(null, null, userId, eventType, result, resource, action, organizationId, "50", "10", NOW);
    }

    private static Caller caller(boolean superAdministrator) {
        return new Caller(UUID.randomUUID(), "someone@telemetryflow.id", OWN_ORGANIZATION, null, null,
                Set.of(superAdministrator ? "Super Administrator" : "Administrator"), Set.of(Permission.parse("audit:read")),
                superAdministrator, "sid");
    }
}
