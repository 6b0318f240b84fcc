package io.telemetryflow.telemetry;

import io.telemetryflow.platform.error.Rejected;
import java.util.List;
import java.util.Locale;

/**
 * One condition on an attribute of the records a query reads: {@code key op value(s)}. A key starting with
 * {@code resource.} names a resource attribute ({@code resource.service.version}), any other key a record attribute.
 * Values compare as the attribute's string form (docs/clickhouse-schema.md, typed attribute values); a missing
 * attribute reads as {@code ''}. The SQL is built by {@link TelemetrySql#attribute}: key and values only ever travel
 * as query parameters.
 */
public record AttributeFilter(String key, Operator operator, List<String> values) {

    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_VALUES = 100;
    public static final int MAX_FILTERS = 20;
    static final String RESOURCE_PREFIX = "resource.";

    public enum Operator {
        /** equals the single value */
        EQ,
        /** differs from the single value */
        NEQ,
        /** equals one of the values */
        IN,
        /** equals none of the values */
        NOT_IN,
        /** matches the single RE2 regular expression (unanchored, as ClickHouse's {@code match}) */
        REGEX,
        /** does not match the single regular expression */
        NOT_REGEX,
        /** the attribute is present (no values) */
        EXISTS;

        static Operator parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Rejected.invalid("filters.op", "op must be one of eq, neq, in, not_in, regex, not_regex, exists");
            }
        }
    }

    public AttributeFilter {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw Rejected.invalid("filters.key", "a filter needs a key of 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (key.startsWith(RESOURCE_PREFIX) && key.length() == RESOURCE_PREFIX.length()) {
            throw Rejected.invalid("filters.key", "resource. must be followed by an attribute name");
        }
        values = values == null ? List.of() : List.copyOf(values);
        int wanted = switch (operator) {
            case EXISTS -> 0;
            case IN, NOT_IN -> -1;
            default -> 1;
        };
        if (wanted >= 0 && values.size() != wanted || wanted < 0 && (values.isEmpty() || values.size() > MAX_VALUES)) {
            throw Rejected.invalid("filters.value", switch (operator) {
                case EXISTS -> "exists takes no value";
                case IN, NOT_IN -> operator.name().toLowerCase(Locale.ROOT) + " takes 1 to " + MAX_VALUES + " values";
                default -> operator.name().toLowerCase(Locale.ROOT) + " takes exactly one value";
            });
        }
        for (String value : values) {
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw Rejected.invalid("filters.value", "filter values must be present and at most " + MAX_VALUE_LENGTH + " characters");
            }
        }
    }

    /** A filter from request fields: {@code op} by name, {@code value} for single-valued operators, {@code values} for lists. */
    public static AttributeFilter of(String key, String op, String value, List<String> values) {
        Operator operator = op == null ? Operator.EQ : Operator.parse(op);
        List<String> all = values != null && !values.isEmpty() ? values : value == null ? List.of() : List.of(value);
        return new AttributeFilter(key, operator, all);
    }

    public boolean onResource() {
        return key.startsWith(RESOURCE_PREFIX);
    }

    /** The attribute name within its map. */
    public String attributeName() {
        return onResource() ? key.substring(RESOURCE_PREFIX.length()) : key;
    }
}
