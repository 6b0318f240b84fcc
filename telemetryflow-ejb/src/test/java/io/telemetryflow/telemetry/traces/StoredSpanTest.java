package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The span documents of {@code otel_trace_spans}, in V9's layout, read back into spans. (TraceReaderIT reads the ones
 * ClickHouse's view writes for spans sent through OTLP.)
 */
class StoredSpanTest {

    @Test
    void readsEveryFieldOfTheDocument() {
        TraceSpan span = StoredSpans.read(document());

        assertThat(span.spanId()).isEqualTo("8d08e2ea80f6ecc9");
        assertThat(span.parentSpanId()).isEqualTo("dde3d9a7dd9e45f2");
        assertThat(span.serviceName()).isEqualTo("ad-service");
        assertThat(span.name()).isEqualTo("DELETE /api/ads/{id}");
        assertThat(span.kind()).isEqualTo("SERVER");
        assertThat(span.startTimeUnixNano()).isEqualTo("1795319113019352641");
        assertThat(span.endTimeUnixNano()).isEqualTo("1795319113046795738");
        assertThat(span.durationNanos()).isEqualTo(27_443_097L);
        assertThat(span.statusCode()).isEqualTo("ERROR");
        assertThat(span.statusMessage()).isEqualTo("boom: naïve \"quoted\" ✓");
        assertThat(span.traceState()).isEqualTo("k=v");
        assertThat(span.flags()).isEqualTo(0xFFFF_FFFFL);
        assertThat(span.attributes()).containsExactly(Map.entry("http.route", "/api/ads/{id}"), Map.entry("http.status_code", "500"));
        assertThat(span.attributeTypes()).containsExactly(Map.entry("http.status_code", "int"));
        assertThat(span.droppedAttributesCount()).isEqualTo(2);
        assertThat(span.resourceAttributes()).containsExactly(Map.entry("service.name", "ad-service"));
        assertThat(span.resourceAttributeTypes()).isEmpty();
        assertThat(span.scope()).isEqualTo(new TraceSpan.Scope("io.opentelemetry.spring-webmvc-6.0", "2.10.0", Map.of("a", "b")));
        assertThat(span.events()).containsExactly(new TraceSpan.Event("1795319113020000000", "exception",
                Map.of("exception.type", "IOException"), Map.of(), 1));
        assertThat(span.droppedEventsCount()).isEqualTo(3);
        assertThat(span.links()).containsExactly(new TraceSpan.Link("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", 1,
                Map.of("link.kind", "retry"), Map.of(), 0));
        assertThat(span.droppedLinksCount()).isEqualTo(4);
    }

    @Test
    void aLongStringHasAMultiByteLength() {
        String message = "x".repeat(300);   // length 300: two LEB128 bytes
        TraceSpan span = StoredSpans.read(document(message));
        assertThat(span.statusMessage()).isEqualTo(message);
    }

    @Test
    void aTruncatedOrOverlongOrUnknownDocumentIsRefused() {
        byte[] whole = document();
        assertThatThrownBy(() -> StoredSpans.read(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends at byte");
        assertThatThrownBy(() -> StoredSpans.read(Arrays.copyOf(whole, whole.length + 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 bytes after its last field");
        byte[] version2 = whole.clone();
        version2[0] = 2;
        assertThatThrownBy(() -> StoredSpans.read(version2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("version 2");
    }

    private static byte[] document() {
        return document("boom: naïve \"quoted\" ✓");
    }

    /** The bytes of V9's formatRow('RowBinary', ...) for one span with an event and a link. */
    private static byte[] document(String statusMessage) {
        Writer out = new Writer();
        out.uint8(1);
        out.string("8d08e2ea80f6ecc9").string("dde3d9a7dd9e45f2").string("ad-service").string("DELETE /api/ads/{id}").string("SERVER");
        out.int64(1795319113019352641L).int64(1795319113046795738L).int64(27_443_097L);
        out.string("ERROR").string(statusMessage).string("k=v").uint32(0xFFFF_FFFFL);
        out.map(ordered("http.route", "/api/ads/{id}", "http.status_code", "500")).map(Map.of("http.status_code", "int")).uint32(2);
        out.map(Map.of("service.name", "ad-service")).map(Map.of());
        out.string("io.opentelemetry.spring-webmvc-6.0").string("2.10.0").map(Map.of("a", "b"));
        out.count(1).int64(1795319113020000000L).string("exception").map(Map.of("exception.type", "IOException")).map(Map.of()).uint32(1);
        out.uint32(3);
        out.count(1).string("0af7651916cd43dd8448eb211c80319c").string("b7ad6b7169203331").string("").uint32(1)
                .map(Map.of("link.kind", "retry")).map(Map.of()).uint32(0);
        out.uint32(4);
        return out.bytes.toByteArray();
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static final class Writer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Writer uint8(int value) {
            bytes.write(value);
            return this;
        }

        Writer uint32(long value) {
            for (int i = 0; i < 4; i++) {
                bytes.write((int) (value >>> (8 * i)));
            }
            return this;
        }

        Writer int64(long value) {
            for (int i = 0; i < 8; i++) {
                bytes.write((int) (value >>> (8 * i)));
            }
            return this;
        }

        Writer count(long value) {
            while ((value & ~0x7FL) != 0) {
                bytes.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            bytes.write((int) value);
            return this;
        }

        Writer string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            count(utf8.length);
            bytes.writeBytes(utf8);
            return this;
        }

        Writer map(Map<String, String> map) {
            count(map.size());
            map.forEach((key, value) -> string(key).string(value));
            return this;
        }
    }
}
