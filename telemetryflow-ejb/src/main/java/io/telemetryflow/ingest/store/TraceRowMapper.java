package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.ingest.otlp.OtlpValues;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.List;

/**
 * Spans to {@code otel_traces} rows: one row per span, events and links as arrays of named tuples, times as epoch
 * nanoseconds, ids as lowercase hex, kind and status as their names. {@code otel_traces_trace_id_ts},
 * {@code otel_trace_spans} and the service catalogue are filled by materialized views on the insert.
 */
final class TraceRowMapper {

    private TraceRowMapper() {
    }

    static void map(ExportTraceServiceRequest request, TenantPlacement tenant, TelemetryRows rows) {
        TableBlock block = null;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            byte[] resource = null;
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                if (scopeSpans.getSpansCount() == 0) {
                    continue;
                }
                if (resource == null) {
                    resource = Envelope.resource(tenant, resourceSpans.getResource(), resourceSpans.getSchemaUrl());
                }
                if (block == null) {
                    block = rows.block(TelemetryTable.TRACES);
                }
                byte[] envelope = Envelope.scope(resource, scopeSpans.getScope(), scopeSpans.getSchemaUrl());
                for (Span span : scopeSpans.getSpansList()) {
                    span(envelope, span, block.out());
                    block.endRow();
                }
            }
        }
    }

    private static void span(byte[] envelope, Span span, RowBinary out) {
        out.raw(envelope);
        out.string(OtlpValues.hexId(span.getTraceId()));
        out.string(OtlpValues.hexId(span.getSpanId()));
        out.string(OtlpValues.hexId(span.getParentSpanId()));
        out.string(span.getTraceState());
        out.int32(span.getFlags());
        out.string(span.getName());
        out.string(OtlpValues.spanKind(span.getKindValue()));
        out.dateTime64Nanos(OtlpValues.nanos(span.getStartTimeUnixNano()));
        out.dateTime64Nanos(OtlpValues.nanos(span.getEndTimeUnixNano()));
        AttributeEncoder.encode(span.getAttributesList()).write(out);
        out.int32(span.getDroppedAttributesCount());
        out.string(OtlpValues.statusCode(span.getStatus().getCodeValue()));
        out.string(span.getStatus().getMessage());

        List<Span.Event> events = span.getEventsList();
        out.varUInt(events.size());
        for (Span.Event event : events) {
            out.dateTime64Nanos(OtlpValues.nanos(event.getTimeUnixNano()));
            out.string(event.getName());
            AttributeEncoder.encode(event.getAttributesList()).write(out);
            out.int32(event.getDroppedAttributesCount());
        }
        out.int32(span.getDroppedEventsCount());

        List<Span.Link> links = span.getLinksList();
        out.varUInt(links.size());
        for (Span.Link link : links) {
            out.string(OtlpValues.hexId(link.getTraceId()));
            out.string(OtlpValues.hexId(link.getSpanId()));
            out.string(link.getTraceState());
            out.int32(link.getFlags());
            AttributeEncoder.encode(link.getAttributesList()).write(out);
            out.int32(link.getDroppedAttributesCount());
        }
        out.int32(span.getDroppedLinksCount());
    }
}
