package io.telemetryflow.apikey.web;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.apikey.ApiKeyService.NewApiKey;
import io.telemetryflow.platform.error.Rejected;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Request bodies of {@link ApiKeyResource}. Ids and times arrive as text so that a bad one is a 400 naming its field. */
public final class ApiKeyRequests {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private ApiKeyRequests() {
    }

    /** Where the key may act; every part optional (organization: the caller's; workspace: the tenant's). */
    public record Scope(@Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String organizationId,
                        @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String workspaceId,
                        @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String tenantId) {
    }

    /** {@code expiresAt}: an ISO-8601 instant such as 2027-01-31T00:00:00Z, or absent for a key that never expires. */
    public record Create(@NotBlank @Size(max = 200) String name,
                         @NotEmpty @Size(max = 100) List<@NotBlank String> permissions,
                         @Valid Scope scope,
                         String expiresAt) {

        NewApiKey toCommand() {
            Scope given = scope == null ? new Scope(null, null, null) : scope;
            return new NewApiKey(name, permissions, uuid(given.organizationId()), uuid(given.workspaceId()), uuid(given.tenantId()),
                    expiry());
        }

        private Instant expiry() {
            if (expiresAt == null || expiresAt.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(expiresAt.strip());
            } catch (DateTimeParseException e) {
                throw Rejected.invalid("expiresAt", "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
        }
    }

    /**
     * Optional body of a rotation: {@code gracePeriod} as an ISO-8601 duration (PT1H), at most the configured grace.
     * Read from the raw body so that a rotation without a body (and so without a Content-Type) is not a 415.
     */
    public record Rotate(String gracePeriod) {

        static Rotate parse(String body) {
            if (body == null || body.isBlank()) {
                return new Rotate(null);
            }
            try (JsonReader reader = JSON.createReader(new StringReader(body))) {
                JsonObject json = reader.readObject();
                JsonValue grace = json.get("gracePeriod");
                if (grace == null || grace.getValueType() == JsonValue.ValueType.NULL) {
                    return new Rotate(null);
                }
                if (grace.getValueType() != JsonValue.ValueType.STRING) {
                    throw Rejected.invalid("gracePeriod", "gracePeriod must be an ISO-8601 duration such as PT1H");
                }
                return new Rotate(((JsonString) grace).getString());
            } catch (JsonException e) {
                throw Rejected.invalid("body", "the body must be a JSON object such as {\"gracePeriod\": \"PT1H\"}");
            }
        }

        Duration grace() {
            if (gracePeriod == null || gracePeriod.isBlank()) {
                return null;
            }
            try {
                return Duration.parse(gracePeriod.strip());
            } catch (DateTimeParseException e) {
                throw Rejected.invalid("gracePeriod", "gracePeriod must be an ISO-8601 duration such as PT1H");
            }
        }
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);   // shape checked by @Pattern
    }
}
