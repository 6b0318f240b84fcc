package io.telemetryflow.alerting;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/** How rule specs and instance labels are kept in PostgreSQL's jsonb columns. */
final class AlertJson {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private AlertJson() {
    }

    /** The spec as stored: without {@code tenantId}, which the row holds. */
    static String spec(AlertRuleSpec spec) {
        return JSONB.toJson(withoutTenant(spec));
    }

    static AlertRuleSpec spec(String json) {
        return JSONB.fromJson(json, AlertRuleSpec.class);
    }

    static AlertRuleSpec withoutTenant(AlertRuleSpec spec) {
        return new AlertRuleSpec(spec.name(), spec.kind(), spec.query(), spec.condition(), spec.interval(), spec.evaluationDelay(),
                spec.noData(), spec.onError(), spec.resolveMissingAfter(), spec.labels(), spec.annotations(), spec.severity(), spec.enabled(),
                null);
    }

    static String labels(Map<String, String> labels) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        new TreeMap<>(labels).forEach(object::add);
        return object.build().toString();
    }

    static Map<String, String> labels(String json) {
        Map<String, String> labels = new TreeMap<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            object.forEach((key, value) -> labels.put(key, value.getValueType() == JsonValue.ValueType.STRING
                    ? object.getString(key) : value.toString()));
        }
        return labels;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
