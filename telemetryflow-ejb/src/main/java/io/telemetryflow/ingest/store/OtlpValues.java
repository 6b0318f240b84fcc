package io.telemetryflow.ingest.store;

import com.google.protobuf.ByteString;

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
    static int uint8(int number) {
        return number >= 0 && number <= 255 ? number : 0;
    }
}
