package io.telemetryflow.telemetry.traces;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the span documents of {@code otel_trace_spans}: one ClickHouse RowBinary row each (little-endian numbers,
 * LEB128 lengths and counts), in the layout V9__trace_span_documents.sql describes, starting with a format version.
 */
final class StoredSpans {

    private StoredSpans() {
    }

    static TraceSpan read(byte[] document) {
        Cursor in = new Cursor(document);
        int version = in.uint8();
        if (version != 1) {
            throw new IllegalStateException("unknown span document version " + version);
        }
        String spanId = in.string();
        String parentSpanId = in.string();
        String service = in.string();
        String name = in.string();
        String kind = in.string();
        long start = in.int64();
        long end = in.int64();
        long duration = in.int64();
        String status = in.string();
        String statusMessage = in.string();
        String traceState = in.string();
        long flags = in.uint32();
        Map<String, String> attributes = in.map();
        Map<String, String> attributeTypes = in.map();
        long droppedAttributes = in.uint32();
        Map<String, String> resourceAttributes = in.map();
        Map<String, String> resourceAttributeTypes = in.map();
        TraceSpan.Scope scope = new TraceSpan.Scope(in.string(), in.string(), in.map());
        List<TraceSpan.Event> events = new ArrayList<>();
        for (long i = in.count(); i > 0; i--) {
            events.add(new TraceSpan.Event(Long.toString(in.int64()), in.string(), in.map(), in.map(), in.uint32()));
        }
        long droppedEvents = in.uint32();
        List<TraceSpan.Link> links = new ArrayList<>();
        for (long i = in.count(); i > 0; i--) {
            links.add(new TraceSpan.Link(in.string(), in.string(), in.string(), in.uint32(), in.map(), in.map(), in.uint32()));
        }
        long droppedLinks = in.uint32();
        in.end();
        return TraceSpan.stored(spanId, parentSpanId, service, name, kind, start, end, duration, status, statusMessage, traceState,
                flags, attributes, attributeTypes, droppedAttributes, resourceAttributes, resourceAttributeTypes, scope, events,
                droppedEvents, links, droppedLinks);
    }

    /** Reads RowBinary values in order; a document that ends early or has bytes left over is refused. */
    private static final class Cursor {

        private final byte[] bytes;
        private int at;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        int uint8() {
            need(1);
            return bytes[at++] & 0xFF;
        }

        long uint32() {
            return littleEndian(4);
        }

        long int64() {
            return littleEndian(8);
        }

        /** A LEB128 length or count. */
        long count() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int next = uint8();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("malformed length in span document at byte " + at);
        }

        String string() {
            long length = count();
            need(length);
            String value = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return value;
        }

        /** A Map(String, String), keys in order. */
        Map<String, String> map() {
            Map<String, String> map = new TreeMap<>();
            for (long i = count(); i > 0; i--) {
                map.put(string(), string());
            }
            return map;
        }

        void end() {
            if (at != bytes.length) {
                throw new IllegalStateException("span document has " + (bytes.length - at) + " bytes after its last field");
            }
        }

        private long littleEndian(int size) {
            need(size);
            long value = 0;
            for (int i = 0; i < size; i++) {
                value |= (bytes[at++] & 0xFFL) << (8 * i);
            }
            return value;
        }

        private void need(long size) {
            if (size > bytes.length - at) {
                throw new IllegalStateException("span document ends at byte " + bytes.length + ", needs " + size + " more from " + at);
            }
        }
    }
}
