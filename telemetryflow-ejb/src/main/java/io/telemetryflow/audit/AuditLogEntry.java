package io.telemetryflow.audit;

import java.time.Instant;
import java.util.Map;

/** One stored audit row as the audit API returns it (absent text is ''). */
public record AuditLogEntry(String id, Instant timestamp, String userId, String userEmail, String userFirstName,
                            String userLastName, String eventType, String action, String resource, String result,
                            String errorMessage, String ipAddress, String userAgent, Map<String, String> metadata,
                            String tenantId, String workspaceId, String organizationId, String sessionId, long durationMs,
                            Instant createdAt) {
}
