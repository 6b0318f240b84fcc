package io.telemetryflow.audit;

import io.telemetryflow.iam.Caller;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the ClickHouse queries of the audit API. Every query starts from {@link #scope}, the one place that decides
 * which organizations' rows a caller may read; filter values only ever travel as {@code {name:Type}} parameters, the
 * SQL text is made of constant fragments.
 */
public final class AuditLogSql {

    /** A query and its parameters, ready for client-v2 {@code queryAll(sql, parameters)}. */
    public record Query(String sql, Map<String, Object> parameters) {
    }

    static final String COLUMNS = """
            toString(id) AS id, toUnixTimestamp64Milli(timestamp) AS timestamp_ms, user_id, user_email, user_first_name,
            user_last_name, toString(event_type) AS event_type, action, resource, toString(result) AS result, error_message,
            ip_address, user_agent, metadata, tenant_id, workspace_id, organization_id, session_id, duration_ms,
            toUnixTimestamp64Milli(created_at) AS created_at_ms""";

    private AuditLogSql() {
    }

    /**
     * One page of rows, newest first. One row more than the limit is asked for, so the caller can tell whether
     * another page follows.
     */
    public static Query page(Caller caller, AuditLogFilter filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append("\nFROM audit_logs\nWHERE ")
                .append(scope(caller, parameters));
        where(sql, parameters, "timestamp >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')", "from_ms", filter.from().toEpochMilli());
        where(sql, parameters, "timestamp < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')", "to_ms", filter.to().toEpochMilli());
        if (filter.organizationId() != null) {
            where(sql, parameters, "organization_id = {organization_id:String}", "organization_id", filter.organizationId().toString());
        }
        if (filter.userId() != null) {
            where(sql, parameters, "user_id = {user_id:String}", "user_id", filter.userId().toString());
        }
        if (filter.eventType() != null) {
            where(sql, parameters, "event_type = {event_type:String}", "event_type", filter.eventType().name());
        }
        if (filter.result() != null) {
            where(sql, parameters, "result = {result:String}", "result", filter.result().name());
        }
        if (filter.action() != null) {
            where(sql, parameters, "action = {action:String}", "action", filter.action());
        }
        if (filter.resource() != null) {
            where(sql, parameters, "startsWith(resource, {resource:String})", "resource", filter.resource());
        }
        sql.append("\nORDER BY timestamp DESC, id DESC\nLIMIT {limit:UInt32} OFFSET {offset:UInt64}");
        parameters.put("limit", filter.limit() + 1);
        parameters.put("offset", filter.offset());
        return new Query(sql.toString(), parameters);
    }

    /**
     * The tenant-scope predicate: a caller reads the rows of its own organization only; a Super Administrator reads
     * every row (including SYSTEM events, which belong to no organization).
     */
    static String scope(Caller caller, Map<String, Object> parameters) {
        if (caller.superAdministrator()) {
            return "1 = 1";
        }
        parameters.put("scope_organization_id", caller.organizationId().toString());
        return "organization_id = {scope_organization_id:String}";
    }

    private static void where(StringBuilder sql, Map<String, Object> parameters, String predicate, String name, Object value) {
        sql.append("\n  AND ").append(predicate);
        parameters.put(name, value);
    }
}
