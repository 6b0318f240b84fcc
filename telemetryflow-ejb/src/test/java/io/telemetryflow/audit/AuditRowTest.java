package io.telemetryflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.telemetryflow.audit.AuditEvent.Result;
import io.telemetryflow.audit.AuditEvent.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRowTest {

    private static final UUID USER = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b01");
    private static final UUID ORGANIZATION = UUID.fromString("0b6f3a52-7d1e-4b8e-9a51-3f0c2d9e8a11");
    private static final UUID WORKSPACE = UUID.fromString("5e2d8c41-9f3b-4a6e-8d27-1c4b7e9f0a22");
    private static final UUID TENANT = UUID.fromString("9a7c1e63-2b4d-4f8a-b5c9-6d3e0f1a2b33");

    @Test
    void everyColumnOfTheReferenceSchemaIsWrittenWithItsStorageForm() {
        AuditEvent event = AuditEvent.builder(Type.AUTH, "auth.login", Result.FAILURE)
                .at(Instant.parse("2025-03-04T05:06:07.891234Z"))
                .resource("/api/v2/auth/login")
                .error("bad \"password\"\n")
                .user(USER, "admin@telemetryflow.id", "Ada", "Admin")
                .client("10.0.0.7", "curl/8.5")
                .metadata(Map.of("reason", "password", "attempt", "3"))
                .scope(ORGANIZATION, WORKSPACE, TENANT)
                .session("sid-1")
                .duration(42)
                .build();

        JsonObject row = JsonParser.parseString(AuditRow.json(event)).getAsJsonObject();

        assertThat(row.keySet()).containsExactlyInAnyOrder("id", "timestamp", "user_id", "user_email", "user_first_name",
                "user_last_name", "event_type", "action", "resource", "result", "error_message", "ip_address", "user_agent",
                "metadata", "tenant_id", "workspace_id", "organization_id", "session_id", "duration_ms");
        assertThat(row.get("id").getAsString()).isEqualTo(event.id().toString());
        assertThat(row.get("timestamp").getAsString()).as("UTC, millisecond precision").isEqualTo("2025-03-04 05:06:07.891");
        assertThat(row.get("user_id").getAsString()).isEqualTo(USER.toString());
        assertThat(row.get("user_email").getAsString()).isEqualTo("admin@telemetryflow.id");
        assertThat(row.get("user_first_name").getAsString()).isEqualTo("Ada");
        assertThat(row.get("user_last_name").getAsString()).isEqualTo("Admin");
        assertThat(row.get("event_type").getAsString()).isEqualTo("AUTH");
        assertThat(row.get("action").getAsString()).isEqualTo("auth.login");
        assertThat(row.get("resource").getAsString()).isEqualTo("/api/v2/auth/login");
        assertThat(row.get("result").getAsString()).isEqualTo("FAILURE");
        assertThat(row.get("error_message").getAsString()).isEqualTo("bad \"password\"\n");
        assertThat(row.get("ip_address").getAsString()).isEqualTo("10.0.0.7");
        assertThat(row.get("user_agent").getAsString()).isEqualTo("curl/8.5");
        assertThat(row.get("metadata").getAsString()).as("a JSON object, keys sorted").isEqualTo("{\"attempt\":\"3\",\"reason\":\"password\"}");
        assertThat(row.get("organization_id").getAsString()).isEqualTo(ORGANIZATION.toString());
        assertThat(row.get("workspace_id").getAsString()).isEqualTo(WORKSPACE.toString());
        assertThat(row.get("tenant_id").getAsString()).isEqualTo(TENANT.toString());
        assertThat(row.get("session_id").getAsString()).isEqualTo("sid-1");
        assertThat(row.get("duration_ms").getAsLong()).isEqualTo(42);
    }

    @Test
    void absentValuesAreEmptyStringsAndDurationFitsUInt32() {
        AuditEvent event = AuditEvent.builder(Type.SYSTEM, "platform.started", Result.SUCCESS).duration(1L << 40).build();

        JsonObject row = JsonParser.parseString(AuditRow.json(event)).getAsJsonObject();

        for (String column : new String[] {"user_id", "user_email", "user_first_name", "user_last_name", "resource", "error_message",
                "ip_address", "user_agent", "tenant_id", "workspace_id", "organization_id", "session_id"}) {
            assertThat(row.get(column).getAsString()).as(column).isEmpty();
        }
        assertThat(row.get("metadata").getAsString()).isEqualTo("{}");
        assertThat(row.get("duration_ms").getAsLong()).isEqualTo(0xFFFF_FFFFL);
        assertThat(JsonParser.parseString(AuditRow.json(AuditEvent.builder(Type.SYSTEM, "x", Result.SUCCESS).duration(-5).build()))
                .getAsJsonObject().get("duration_ms").getAsLong()).isZero();
    }

    @Test
    void sameEventAlwaysGivesTheSameRowText() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            metadata.put("k" + i, "v" + i);
        }
        AuditEvent event = AuditEvent.builder(Type.DATA, "user.create", Result.SUCCESS).metadata(metadata).build();
        AuditEvent copy = new AuditEvent(event.id(), event.timestamp(), event.type(), event.action(), event.resource(), event.result(),
                event.errorMessage(), event.userId(), event.userEmail(), event.userFirstName(), event.userLastName(), event.ipAddress(),
                event.userAgent(), Map.copyOf(metadata), event.tenantId(), event.workspaceId(), event.organizationId(),
                event.sessionId(), event.durationMs());

        assertThat(AuditRow.json(copy)).isEqualTo(AuditRow.json(event));
    }

    @Test
    void metadataColumnReadsBackAsAMap() {
        assertThat(AuditRow.metadata("{\"a\":\"1\",\"b\":\"x y\"}")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "x y"));
        assertThat(AuditRow.metadata("")).isEmpty();
        assertThat(AuditRow.metadata("not json {")).containsExactly(Map.entry("raw", "not json {"));
    }
}
