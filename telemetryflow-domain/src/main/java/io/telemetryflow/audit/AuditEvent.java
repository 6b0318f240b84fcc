package io.telemetryflow.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the audit trail (ClickHouse {@code audit_logs}), with the reference's columns. Built
 * with {@link #builder}; everything but type, action and result is optional.
 */
public record AuditEvent(UUID id, Instant timestamp, Type type, String action, String resource, Result result,
                         String errorMessage, String userId, String userEmail, String userFirstName, String userLastName,
                         String ipAddress, String userAgent, Map<String, String> metadata, String tenantId,
                         String workspaceId, String organizationId, String sessionId, long durationMs)
        implements Serializable {

    public enum Type { AUTH, AUTHZ, DATA, SYSTEM }

    public enum Result { SUCCESS, FAILURE, DENIED }

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Builder builder(Type type, String action, Result result) {
        return new Builder(type, action, result);
    }

    /** Fills an event step by step; unset text fields become empty strings in storage. */
    public static final class Builder {
        private final Type type;
        private final String action;
        private final Result result;
        private Instant timestamp = Instant.now();
        private String resource;
        private String errorMessage;
        private String userId;
        private String userEmail;
        private String userFirstName;
        private String userLastName;
        private String ipAddress;
        private String userAgent;
        private Map<String, String> metadata = Map.of();
        private String tenantId;
        private String workspaceId;
        private String organizationId;
        private String sessionId;
        private long durationMs;

        private Builder(Type type, String action, Result result) {
            this.type = type;
            this.action = action;
            this.result = result;
        }

        public Builder at(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        public Builder error(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder user(UUID id, String email, String firstName, String lastName) {
            this.userId = id == null ? null : id.toString();
            this.userEmail = email;
            this.userFirstName = firstName;
            this.userLastName = lastName;
            return this;
        }

        public Builder client(String ipAddress, String userAgent) {
            this.ipAddress = ipAddress;
            this.userAgent = userAgent;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder scope(UUID organizationId, UUID workspaceId, UUID tenantId) {
            this.organizationId = organizationId == null ? null : organizationId.toString();
            this.workspaceId = workspaceId == null ? null : workspaceId.toString();
            this.tenantId = tenantId == null ? null : tenantId.toString();
            return this;
        }

        public Builder session(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder duration(long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(UUID.randomUUID(), timestamp, type, action, resource, result, errorMessage, userId, userEmail,
                    userFirstName, userLastName, ipAddress, userAgent, metadata, tenantId, workspaceId, organizationId,
                    sessionId, durationMs);
        }
    }
}
