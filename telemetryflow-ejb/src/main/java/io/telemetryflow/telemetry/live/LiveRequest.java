package io.telemetryflow.telemetry.live;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.telemetry.SeverityLevel;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;

/** A message a live-tail client sends (docs/telemetry-api.md, "Live tail"). */
public sealed interface LiveRequest {

    int MAX_TOKEN_CHARS = 8192;
    int MAX_FILTER_CHARS = 256;

    /** {@code {"type":"auth","token":"<access token>"}}: the first message when the handshake carried no token. */
    record Auth(String token) implements LiveRequest {
    }

    /** {@code {"type":"subscribe","channel":..., "tenantId"?:..., "filters"?:{...}}}; {@code tenantId} null = home tenant. */
    record Subscribe(LiveChannel channel, String tenantId, LiveFilter filter) implements LiveRequest {
    }

    /** {@code {"type":"unsubscribe","channel":..., "tenantId"?:...}}; without a tenant, every subscription of the channel. */
    record Unsubscribe(LiveChannel channel, String tenantId) implements LiveRequest {
    }

    /** {@code {"type":"ping"}}, answered with {@code {"type":"pong"}}. */
    record Ping() implements LiveRequest {
    }

    /** @throws InvalidLiveRequest with a reason the client can act on */
    static LiveRequest parse(String text) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidLiveRequest("a message must be a JSON object");
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidLiveRequest("a message must be a JSON object");
        }
        String type = string(json, "type", 32);
        if (type == null) {
            throw new InvalidLiveRequest("type is required");
        }
        return switch (type) {
            case "auth" -> {
                allowOnly(json, Set.of("type", "token"));
                String token = string(json, "token", MAX_TOKEN_CHARS);
                if (token == null || token.isBlank()) {
                    throw new InvalidLiveRequest("token is required");
                }
                yield new Auth(token);
            }
            case "subscribe" -> {
                allowOnly(json, Set.of("type", "channel", "tenantId", "filters"));
                LiveChannel channel = channel(json);
                yield new Subscribe(channel, string(json, "tenantId", 64), filter(channel, json));
            }
            case "unsubscribe" -> {
                allowOnly(json, Set.of("type", "channel", "tenantId"));
                yield new Unsubscribe(channel(json), string(json, "tenantId", 64));
            }
            case "ping" -> new Ping();
            default -> throw new InvalidLiveRequest("unknown type '" + type + "': auth, subscribe, unsubscribe or ping");
        };
    }

    private static LiveChannel channel(JsonObject json) {
        String name = string(json, "channel", 32);
        if (name == null) {
            throw new InvalidLiveRequest("channel is required: logs:new, metrics:new or traces:new");
        }
        return LiveChannel.named(name)
                .orElseThrow(() -> new InvalidLiveRequest("unknown channel '" + name + "': logs:new, metrics:new or traces:new"));
    }

    private static LiveFilter filter(LiveChannel channel, JsonObject json) {
        JsonValue value = json.get("filters");
        if (value == null || value == JsonValue.NULL) {
            return LiveFilter.NONE;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidLiveRequest("filters must be an object");
        }
        JsonObject filters = value.asJsonObject();
        allowOnly(filters, channel == LiveChannel.LOGS ? Set.of("service", "severity", "query")
                : channel == LiveChannel.ALERTS ? Set.of() : Set.of("service"));
        String severity = string(filters, "severity", 16);
        SeverityLevel level = severity == null ? null : SeverityLevel.named(severity)
                .orElseThrow(() -> new InvalidLiveRequest("filters.severity must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL"));
        String query = string(filters, "query", MAX_FILTER_CHARS);
        return new LiveFilter(string(filters, "service", MAX_FILTER_CHARS), level, query == null || query.isEmpty() ? null : query);
    }

    private static void allowOnly(JsonObject json, Set<String> names) {
        for (String name : json.keySet()) {
            if (!names.contains(name)) {
                throw new InvalidLiveRequest("unknown field '" + (name.length() > 64 ? name.substring(0, 64) : name) + "'");
            }
        }
    }

    /** A string field, null when absent or null; refused when of another type or longer than {@code maxChars}. */
    private static String string(JsonObject json, String name, int maxChars) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidLiveRequest(name + " must be a string");
        }
        if (string.getString().length() > maxChars) {
            throw new InvalidLiveRequest(name + " is longer than " + maxChars + " characters");
        }
        return string.getString();
    }

    /** A message the server cannot act on; the reason goes back to the client in an error message. */
    final class InvalidLiveRequest extends RuntimeException {

        public InvalidLiveRequest(String reason) {
            super(reason, null, false, false);
        }
    }
}
