package io.telemetryflow.notifications;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.Map;

/** The JSON of stored definitions, group states and notification messages (one thread-safe Jsonb). */
final class NotificationJson {

    private static final Jsonb JSONB = JsonbBuilder.create();
    static final Type LABELS = new java.util.HashMap<String, String>() { }.getClass().getGenericSuperclass();

    private NotificationJson() {
    }

    static String write(Object value) {
        return JSONB.toJson(value);
    }

    static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    static Map<String, String> labels(String json) {
        return JSONB.fromJson(json, LABELS);
    }
}
