package io.telemetryflow.alerting.web;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.alerting.AlertRuleSpec;
import io.telemetryflow.platform.error.Rejected;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;

/**
 * A rule body with a field beside the spec: {@code version} (PUT) or {@code hours} (preview). The body is read twice,
 * as JSON-P for that field and as the {@link AlertRuleSpec} (JSON-B ignores the extra field); either failing is a 400.
 * Its size is bounded by the API's body limit ({@code ApiBodyLimit}).
 */
record AlertRuleBodies(AlertRuleSpec spec, JsonObject json) {

    private static final Jsonb JSONB = JsonbBuilder.create();

    static AlertRuleBodies read(String body) {
        if (body == null || body.isBlank()) {
            throw Rejected.invalid("body", "a JSON body with the rule is required");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return new AlertRuleBodies(JSONB.fromJson(body, AlertRuleSpec.class), json);
        } catch (JsonException | JsonbException e) {
            throw Rejected.invalid("body", "the request body is not a valid JSON rule");
        }
    }

    /** A whole number field, or null when absent; 400 naming it otherwise. */
    Long number(String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw Rejected.invalid(field, field + " must be a whole number");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw Rejected.invalid(field, field + " is out of range");
        }
    }
}
