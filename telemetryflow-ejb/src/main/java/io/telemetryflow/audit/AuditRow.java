package io.telemetryflow.audit;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AuditEvent} as one {@code JSONEachRow} line of ClickHouse {@code audit_logs}: the form the event travels
 * in on the audit-events queue and is inserted in, so the consumer never re-interprets it. Absent text is {@code ''},
 * metadata is a JSON object string, {@code created_at} is left to the table's default (insert time).
 */
public final class AuditRow {

    static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final Gson GSON = new Gson();
    private static final Type METADATA = new TypeToken<Map<String, String>>() { }.getType();

    private AuditRow() {
    }

    public static String json(AuditEvent event) {
        JsonObject row = new JsonObject();
        row.addProperty("id", event.id().toString());
        row.addProperty("timestamp", CH_TIME.format(event.timestamp()));
        row.addProperty("user_id", text(event.userId()));
        row.addProperty("user_email", text(event.userEmail()));
        row.addProperty("user_first_name", text(event.userFirstName()));
        row.addProperty("user_last_name", text(event.userLastName()));
        row.addProperty("event_type", event.type().name());
        row.addProperty("action", event.action());
        row.addProperty("resource", text(event.resource()));
        row.addProperty("result", event.result().name());
        row.addProperty("error_message", text(event.errorMessage()));
        row.addProperty("ip_address", text(event.ipAddress()));
        row.addProperty("user_agent", text(event.userAgent()));
        // sorted, so one event always has one text (its deduplication token names one content)
        row.addProperty("metadata", GSON.toJson(new TreeMap<>(event.metadata())));
        row.addProperty("tenant_id", text(event.tenantId()));
        row.addProperty("workspace_id", text(event.workspaceId()));
        row.addProperty("organization_id", text(event.organizationId()));
        row.addProperty("session_id", text(event.sessionId()));
        row.addProperty("duration_ms", Math.max(0, Math.min(event.durationMs(), UINT32_MAX)));
        return GSON.toJson(row);
    }

    /** The metadata column back as a map; a value that is not a JSON object of strings (never written by us) is kept whole. */
    static Map<String, String> metadata(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> parsed = GSON.fromJson(json, METADATA);
            return parsed == null ? Map.of() : parsed;
        } catch (RuntimeException e) {
            return Map.of("raw", json);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
