package io.telemetryflow.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Conversions of OTLP scalars into the column forms of the telemetry schema (docs/clickhouse-schema.md). */
public final class OtlpValues {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String[] SPAN_KINDS = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
    private static final String[] STATUS_CODES = {"UNSET", "OK", "ERROR"};

    private OtlpValues() {
    }

    /**
     * A trace or span id as lowercase hex; {@code ""} when absent. All-zero ids are the W3C/OTel "invalid" id, which
     * senders use for "none" (a root span's parent, a log outside any trace), so they are stored as absent too.
     */
    public static String hexId(ByteString id) {
        int length = id.size();
        boolean zero = true;
        for (int i = 0; i < length && zero; i++) {
            zero = id.byteAt(i) == 0;
        }
        if (zero) {
            return "";
        }
        char[] chars = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = id.byteAt(i) & 0xFF;
            chars[2 * i] = HEX[b >>> 4];
            chars[2 * i + 1] = HEX[b & 0x0F];
        }
        return new String(chars);
    }

    /**
     * An OTLP fixed64 time (unsigned epoch nanoseconds) as the Int64 a DateTime64(9) holds. Values past 2^63 - 1
     * (year 2262, the end of DateTime64(9)'s range) would wrap to negative, so they are clamped to the maximum.
     */
    public static long nanos(long unsignedEpochNanos) {
        return unsignedEpochNanos < 0 ? Long.MAX_VALUE : unsignedEpochNanos;
    }

    /** Span kind as stored: its name without prefix, or its decimal number when unknown. */
    public static String spanKind(int number) {
        return number >= 0 && number < SPAN_KINDS.length ? SPAN_KINDS[number] : Integer.toString(number);
    }

    /** Status code as stored: UNSET/OK/ERROR, or its decimal number when unknown. */
    public static String statusCode(int number) {
        return number >= 0 && number < STATUS_CODES.length ? STATUS_CODES[number] : Integer.toString(number);
    }

    /** An OTLP enum number for a UInt8 column: values outside 0..255 (never sent by a conforming sender) become 0. */
    public static int uint8(int number) {
        return number >= 0 && number <= 255 ? number : 0;
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
