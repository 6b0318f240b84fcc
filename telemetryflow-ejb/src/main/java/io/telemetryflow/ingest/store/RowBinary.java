package io.telemetryflow.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A growable buffer of ClickHouse RowBinary values (little-endian numbers, LEB128 lengths). Only the encodings the
 * telemetry tables need: LowCardinality is transparent in RowBinary, Bool is a UInt8, DateTime64(9) is an Int64 of
 * epoch nanoseconds, UUID is its high then its low 64 bits, each little-endian, Nullable is a null-flag byte before
 * the value, Array and Map a LEB128 count before their elements (a Map's as key/value pairs), a Tuple its elements.
 */
final class RowBinary {

    private byte[] bytes;
    private int size;

    RowBinary() {
        this(256);
    }

    RowBinary(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The written bytes, without copying them. */
    InputStream asInputStream() {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("RowBinary block larger than 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length + (bytes.length >> 1)));
        }
    }

    RowBinary raw(byte[] data) {
        return raw(data, 0, data.length);
    }

    RowBinary raw(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
        return this;
    }

    RowBinary raw(RowBinary other) {
        return raw(other.bytes, 0, other.size);
    }

    RowBinary uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    RowBinary bool(boolean value) {
        return uint8(value ? 1 : 0);
    }

    /** Int32, or UInt32 from the bits of a Java int (OTLP fixed32/uint32 fields). */
    RowBinary int32(int value) {
        ensure(4);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 24);
        return this;
    }

    /** Int64, or UInt64 from the bits of a Java long (OTLP fixed64/uint64 fields). */
    RowBinary int64(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    RowBinary float64(double value) {
        return int64(Double.doubleToRawLongBits(value));
    }

    RowBinary varUInt(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    RowBinary string(String value) {
        if (value.isEmpty()) {
            return uint8(0);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varUInt(utf8.length);
        return raw(utf8);
    }

    RowBinary uuid(UUID value) {
        int64(value.getMostSignificantBits());
        return int64(value.getLeastSignificantBits());
    }

    /** DateTime64(9): epoch nanoseconds. */
    RowBinary dateTime64Nanos(long epochNanos) {
        return int64(epochNanos);
    }

    RowBinary nullableFloat64(boolean present, double value) {
        if (!present) {
            return uint8(1);
        }
        uint8(0);
        return float64(value);
    }
}
