package io.telemetryflow.notifications.channels;

import io.telemetryflow.platform.error.Rejected;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A validated channel definition from the API: {@code {name, type, config:{...}, templates:{title, body}?, enabled?}}.
 * Other top-level fields (id, tenantId, times of a channel read before) are ignored, so a read channel can be sent back
 * as an update; unknown settings inside {@code config} are refused. Templates are compiled here, so a bad one is a 400
 * naming it before anything is stored or sent.
 */
public record ChannelSpec(String name, ChannelConfig config, String titleTemplate, String bodyTemplate, boolean enabled) {

    static final int MAX_NAME = 200;

    /**
     * @param stored the channel's current configuration on an update (keeps masked secrets), null otherwise
     */
    public static ChannelSpec parse(JsonObject body, ChannelConfig stored) {
        if (body == null) {
            throw Rejected.invalid("body", "a JSON object {name, type, config, templates?, enabled?} is required");
        }
        String name = string(body, "name").map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw Rejected.invalid("name", "name must have 1 to " + MAX_NAME + " characters");
        }
        ChannelType type = ChannelType.parse("type", string(body, "type").orElse(null));
        JsonValue config = body.get("config");
        if (config != null && config.getValueType() != JsonValue.ValueType.OBJECT && config.getValueType() != JsonValue.ValueType.NULL) {
            throw Rejected.invalid("config", "config must be an object of the channel's settings");
        }
        ChannelConfig parsed = ChannelConfig.parse(type, config instanceof JsonObject ? (JsonObject) config : null, stored);
        String title = null;
        String bodyTemplate = null;
        JsonValue templates = body.get("templates");
        if (templates instanceof JsonObject) {
            JsonObject given = (JsonObject) templates;
            for (String key : given.keySet()) {
                if (!key.equals("title") && !key.equals("body")) {
                    throw Rejected.invalid("templates." + key, "templates." + key + " is not a template: templates has title and body");
                }
            }
            title = string(given, "title", "templates.title").filter(t -> !t.isBlank()).orElse(null);
            bodyTemplate = string(given, "body", "templates.body").filter(t -> !t.isBlank()).orElse(null);
        } else if (templates != null && templates.getValueType() != JsonValue.ValueType.NULL) {
            throw Rejected.invalid("templates", "templates must be an object {title, body}");
        }
        TemplateText.compile(title, bodyTemplate, type.escaping());
        JsonValue enabled = body.get("enabled");
        if (enabled != null && enabled.getValueType() != JsonValue.ValueType.TRUE && enabled.getValueType() != JsonValue.ValueType.FALSE
                && enabled.getValueType() != JsonValue.ValueType.NULL) {
            throw Rejected.invalid("enabled", "enabled must be true or false");
        }
        return new ChannelSpec(name, parsed, title, bodyTemplate, enabled == null || enabled.getValueType() != JsonValue.ValueType.FALSE);
    }

    public TemplateText templates() {
        return TemplateText.compile(titleTemplate, bodyTemplate, config.type().escaping());
    }

    private static java.util.Optional<String> string(JsonObject json, String name) {
        return string(json, name, name);
    }

    private static java.util.Optional<String> string(JsonObject json, String name, String field) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.Optional.empty();
        }
        if (!(value instanceof JsonString)) {
            throw Rejected.invalid(field, field + " must be a string");
        }
        return java.util.Optional.of(((JsonString) value).getString());
    }
}
