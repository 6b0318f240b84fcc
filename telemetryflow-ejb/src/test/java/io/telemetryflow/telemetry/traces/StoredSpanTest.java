package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The span documents of {@code otel_trace_spans}, as V9's view writes them, read back into spans. */
class StoredSpanTest {

    /** What ClickHouse's toJSONString wrote for a span with an event and a link (slashes escaped, as it does). */
    private static final String DOCUMENT = """
            {"span_id":"8d08e2ea80f6ecc9","parent_span_id":"dde3d9a7dd9e45f2","service":"ad-service","name":"DELETE \\/api\\/ads\\/{id}",\
            "kind":"SERVER","start_ns":"1795319113019352641","end_ns":"1795319113046795738","duration_ns":"27443097",\
            "status":"ERROR","status_message":"boom \\"quoted\\"","trace_state":"k=v","flags":257,\
            "attributes":{"http.route":"\\/api\\/ads\\/{id}","http.status_code":"500"},"attribute_types":{"http.status_code":"int"},\
            "dropped_attributes":2,"resource_attributes":{"service.name":"ad-service"},"resource_attribute_types":{},\
            "scope":"io.opentelemetry.spring-webmvc-6.0","scope_version":"2.10.0","scope_attributes":{"a":"b"},\
            "events":[{"time_ns":"1795319113020000000","name":"exception","attributes":{"exception.type":"IOException"},\
            "attribute_types":{},"dropped_attributes":1}],"dropped_events":3,\
            "links":[{"trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331","trace_state":"",\
            "flags":"1","attributes":{"link.kind":"retry"},"attribute_types":{},"dropped_attributes":0}],"dropped_links":4}""";

    @Test
    void readsEveryFieldOfTheDocument() {
        TraceSpan span = TraceReader.span(DOCUMENT);

        assertThat(span.spanId()).isEqualTo("8d08e2ea80f6ecc9");
        assertThat(span.parentSpanId()).isEqualTo("dde3d9a7dd9e45f2");
        assertThat(span.serviceName()).isEqualTo("ad-service");
        assertThat(span.name()).isEqualTo("DELETE /api/ads/{id}");
        assertThat(span.kind()).isEqualTo("SERVER");
        assertThat(span.startTimeUnixNano()).isEqualTo("1795319113019352641");
        assertThat(span.endTimeUnixNano()).isEqualTo("1795319113046795738");
        assertThat(span.durationNanos()).isEqualTo(27_443_097L);
        assertThat(span.statusCode()).isEqualTo("ERROR");
        assertThat(span.statusMessage()).isEqualTo("boom \"quoted\"");
        assertThat(span.traceState()).isEqualTo("k=v");
        assertThat(span.flags()).isEqualTo(257);
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
}
