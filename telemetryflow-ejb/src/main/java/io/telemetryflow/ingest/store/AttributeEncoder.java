package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.telemetryflow.ingest.otlp.OtlpValues;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
            values[kept] = OtlpValues.stringForm(value);
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
}
