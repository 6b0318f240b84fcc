package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one encoder of OTLP values into the schema's typed representation (docs/clickhouse-schema.md, "Typed
 * attribute values"), shared by every attribute map, exemplar attributes and the log body:
 * <ul>
 * <li>string: as is, no type entry; int: decimal ({@code int}); double: {@link Double#toString} ({@code double});
 *     bool: {@code true}/{@code false} ({@code bool}); bytes: base64 ({@code bytes}); not set: {@code ""} ({@code empty});</li>
 * <li>array and kvlist: compact JSON ({@code array}, {@code kvlist}), in which ints have no point and doubles always
 *     have one (or an exponent), nested bytes are base64 strings, nested non-finite doubles are the strings
 *     {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, and a nested unset value is {@code null}.</li>
 * </ul>
 * Duplicate keys keep their first value (what OTel SDK lookups return); keys are sorted. Stateless.
 */
public final class AttributeEncoder {

    static final String INT = "int";
    static final String DOUBLE = "double";
    static final String BOOL = "bool";
    static final String BYTES = "bytes";
    static final String ARRAY = "array";
    static final String KVLIST = "kvlist";
    static final String EMPTY = "empty";
    static final String STRING = "string";

    private static final Comparator<KeyValue> BY_KEY = Comparator.comparing(KeyValue::getKey);

    private AttributeEncoder() {
    }

    static Attributes encode(List<KeyValue> attributes) {
        int n = attributes.size();
        if (n == 0) {
            return Attributes.EMPTY;
        }
        KeyValue[] sorted = attributes.toArray(new KeyValue[0]);
        if (n > 1) {
            Arrays.sort(sorted, BY_KEY); // stable: the first of equal keys stays first
        }
        String[] keys = new String[n];
        String[] values = new String[n];
        String[] types = new String[n];
        int kept = 0;
        int typed = 0;
        for (int i = 0; i < n; i++) {
            String key = sorted[i].getKey();
            if (kept > 0 && keys[kept - 1].equals(key)) {
                continue; // duplicate key
            }
            AnyValue value = sorted[i].getValue();
            keys[kept] = key;
            values[kept] = stringForm(value);
            String type = type(value);
            types[kept] = type == STRING ? null : type;
            if (types[kept] != null) {
                typed++;
            }
            kept++;
        }
        if (kept < n) {
            keys = Arrays.copyOf(keys, kept);
            values = Arrays.copyOf(values, kept);
            types = Arrays.copyOf(types, kept);
        }
        return new Attributes(keys, values, types, typed);
    }

    /** The type name of a value: {@code string} for strings (which attribute maps leave out), as {@code body_type} uses. */
    static String type(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> STRING;
            case INT_VALUE -> INT;
            case DOUBLE_VALUE -> DOUBLE;
            case BOOL_VALUE -> BOOL;
            case BYTES_VALUE -> BYTES;
            case ARRAY_VALUE -> ARRAY;
            case KVLIST_VALUE -> KVLIST;
            case VALUE_NOT_SET -> EMPTY;
        };
    }

    /** The string form of a value as stored in an attribute map or the log body. */
    public static String stringForm(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> value.getBoolValue() ? "true" : "false";
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> {
                StringBuilder json = new StringBuilder(64);
                json(value, json);
                yield json.toString();
            }
            case VALUE_NOT_SET -> "";
        };
    }

    private static void json(AnyValue value, StringBuilder out) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> jsonString(value.getStringValue(), out);
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                if (Double.isFinite(d)) {
                    out.append(Double.toString(d)); // always has a '.' or an 'E': JSON reads it as a double
                } else {
                    jsonString(Double.toString(d), out);
                }
            }
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case BYTES_VALUE -> jsonString(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()), out);
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> items = value.getArrayValue().getValuesList();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    json(items.get(i), out);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                List<KeyValue> members = value.getKvlistValue().getValuesList();
                Set<String> seen = members.size() > 1 ? new HashSet<>() : null;
                boolean first = true;
                for (KeyValue member : members) {
                    if (seen != null && !seen.add(member.getKey())) {
                        continue; // duplicate key: JSON readers disagree on which one wins, so keep the first only
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    jsonString(member.getKey(), out);
                    out.append(':');
                    json(member.getValue(), out);
                }
                out.append('}');
            }
            case VALUE_NOT_SET -> out.append("null");
        }
    }

    private static void jsonString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
