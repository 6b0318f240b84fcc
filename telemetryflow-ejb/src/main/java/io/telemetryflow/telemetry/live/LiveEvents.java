package io.telemetryflow.telemetry.live;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.alerting.AlertState;
import io.telemetryflow.alerting.AlertTransition;
import io.telemetryflow.alerting.AlertTransitions;
import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.OtlpValues;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.telemetry.SeverityLevel;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a stored batch into the live tail's events, bounded so that publishing stays cheap whatever the batch holds:
 * per tenant and batch at most {@link #MAX_RECORDS_PER_BATCH} log records (and at most {@link #MAX_LOG_CHARS_PER_BATCH}
 * characters of them) and as many spans, in events of at most {@link #MAX_RECORDS_PER_EVENT} records; what is left
 * out is counted in the last event's {@code omitted}. Log bodies are cut
 * to {@link #MAX_BODY_CHARS} characters, at most {@link #MAX_ATTRIBUTES} attributes are kept, each value cut to
 * {@link #MAX_ATTRIBUTE_CHARS}. Spans: only root spans (no parent) and entry spans (kind SERVER or CONSUMER), the
 * requests a service received; internal and client spans would multiply the traffic for little use in a tail.
 * Metrics: one event per tenant with the data points per service (at most {@link #MAX_SERVICES} services).
 */
public final class LiveEvents {

    static final int MAX_RECORDS_PER_BATCH = 1000;
    static final int MAX_RECORDS_PER_EVENT = 100;
    static final long MAX_LOG_CHARS_PER_BATCH = 1024 * 1024;
    static final int MAX_BODY_CHARS = 4096;
    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_ATTRIBUTE_CHARS = 512;
    static final int MAX_SERVICES = 500;
    private static final String SERVICE_NAME = "service.name";

    private LiveEvents() {
    }

    public static List<LiveEvent> of(List<TenantRequest> requests, long storedAtMillis) {
        Map<UUID, List<LiveEvent.Log>> logs = new LinkedHashMap<>();
        Map<UUID, List<LiveEvent.Span>> spans = new LinkedHashMap<>();
        Map<UUID, Map<String, Long>> points = new LinkedHashMap<>();
        Map<UUID, long[]> omittedLogs = new LinkedHashMap<>();
        Map<UUID, long[]> omittedSpans = new LinkedHashMap<>();
        for (TenantRequest request : requests) {
            UUID tenant = request.tenant().tenantId();
            long receivedNanos = request.receivedAt().getEpochSecond() * 1_000_000_000L + request.receivedAt().getNano();
            switch (request.request().signal()) {
                case LOGS -> addLogs(request.request().logs().getResourceLogsList(), receivedNanos,
                        logs.computeIfAbsent(tenant, t -> new ArrayList<>()), omittedLogs.computeIfAbsent(tenant, t -> new long[2]));
                case TRACES -> addSpans(request.request().traces().getResourceSpansList(),
                        spans.computeIfAbsent(tenant, t -> new ArrayList<>()), omittedSpans.computeIfAbsent(tenant, t -> new long[1]));
                case METRICS -> addPoints(request.request().metrics().getResourceMetricsList(), points.computeIfAbsent(tenant, t -> new LinkedHashMap<>()));
            }
        }
        List<LiveEvent> events = new ArrayList<>();
        logs.forEach((tenant, records) -> {
            for (int from = 0; from < records.size(); from += MAX_RECORDS_PER_EVENT) {
                int to = Math.min(records.size(), from + MAX_RECORDS_PER_EVENT);
                events.add(new LiveEvent.Logs(tenant, records.subList(from, to), to == records.size() ? omittedLogs.get(tenant)[0] : 0));
            }
        });
        spans.forEach((tenant, records) -> {
            for (int from = 0; from < records.size(); from += MAX_RECORDS_PER_EVENT) {
                int to = Math.min(records.size(), from + MAX_RECORDS_PER_EVENT);
                events.add(new LiveEvent.Traces(tenant, records.subList(from, to), to == records.size() ? omittedSpans.get(tenant)[0] : 0));
            }
        });
        points.forEach((tenant, perService) -> {
            if (!perService.isEmpty()) {
                events.add(new LiveEvent.Metrics(tenant, storedAtMillis,
                        perService.entrySet().stream().map(e -> new LiveEvent.ServiceCount(e.getKey(), e.getValue())).toList()));
            }
        });
        return events;
    }

    /**
     * One event per transition into firing ({@code alert:firing}) or from firing or recovering into normal
     * ({@code alert:resolved}); other transitions (pending, no data, error) are not announced. At most
     * {@link #MAX_RECORDS_PER_BATCH} per evaluation.
     */
    public static List<LiveEvent> alerts(AlertTransitions transitions) {
        UUID tenant = UUID.fromString(transitions.tenantId());
        List<LiveEvent> events = new ArrayList<>();
        for (AlertTransition transition : transitions.transitions()) {
            boolean firing = transition.to() == AlertState.FIRING;
            boolean resolved = transition.to() == AlertState.NORMAL
                    && (transition.from() == AlertState.FIRING || transition.from() == AlertState.RECOVERING);
            if ((!firing && !resolved) || events.size() == MAX_RECORDS_PER_BATCH) {
                continue;
            }
            JsonObjectBuilder labels = JSON.createObjectBuilder();
            new java.util.TreeMap<>(transition.labels()).forEach(labels::add);
            JsonObjectBuilder json = JSON.createObjectBuilder().add("type", firing ? "alert:firing" : "alert:resolved")
                    .add("tenantId", tenant.toString()).add("ruleId", transitions.ruleId().toString()).add("ruleName", transitions.ruleName())
                    .add("severity", transitions.severity().wire()).add("fingerprint", transition.fingerprint()).add("labels", labels)
                    .add("from", transition.from().wire()).add("to", transition.to().wire())
                    .add("reason", transition.reason() == null ? "" : transition.reason()).add("at", transition.at().toString());
            if (transition.value() == null || !Double.isFinite(transition.value())) {
                json.addNull("value");
            } else {
                json.add("value", transition.value());
            }
            events.add(new LiveEvent.Alert(tenant, json.build()));
        }
        return events;
    }

    /** {@code omittedAndChars}: the records left out, and the characters of those kept so far. */
    private static void addLogs(List<ResourceLogs> resources, long receivedNanos, List<LiveEvent.Log> out, long[] omittedAndChars) {
        for (ResourceLogs resource : resources) {
            String service = serviceName(resource.getResource());
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord record : scope.getLogRecordsList()) {
                    if (out.size() >= MAX_RECORDS_PER_BATCH || omittedAndChars[1] >= MAX_LOG_CHARS_PER_BATCH) {
                        omittedAndChars[0]++;
                        continue;
                    }
                    LiveEvent.Log log = log(record, service, receivedNanos);
                    omittedAndChars[1] += chars(log);
                    out.add(log);
                }
            }
        }
    }

    /** About the characters of the log's JSON. */
    private static long chars(LiveEvent.Log log) {
        long chars = 200 + log.body().length() + log.severityText().length() + log.serviceName().length();
        for (Map.Entry<String, String> attribute : log.attributes().entrySet()) {
            chars += 8 + attribute.getKey().length() + attribute.getValue().length();
        }
        return chars;
    }

    static LiveEvent.Log log(LogRecord log, String service, long receivedNanos) {
        long observed = log.getObservedTimeUnixNano() != 0 ? OtlpValues.nanos(log.getObservedTimeUnixNano()) : receivedNanos;
        long time = log.getTimeUnixNano() != 0 ? OtlpValues.nanos(log.getTimeUnixNano()) : observed;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue attribute : log.getAttributesList()) {
            if (attributes.size() == MAX_ATTRIBUTES) {
                break;
            }
            attributes.put(attribute.getKey(), cut(OtlpValues.stringForm(attribute.getValue()), MAX_ATTRIBUTE_CHARS));
        }
        String level = SeverityLevel.of(log.getSeverityNumberValue(), log.getSeverityText()).map(Enum::name).orElse("");
        return new LiveEvent.Log(Long.toUnsignedString(time), level, log.getSeverityText(),
                cut(OtlpValues.stringForm(log.getBody()), MAX_BODY_CHARS), service, OtlpValues.hexId(log.getTraceId()),
                OtlpValues.hexId(log.getSpanId()), attributes);
    }

    private static void addSpans(List<ResourceSpans> resources, List<LiveEvent.Span> out, long[] omitted) {
        for (ResourceSpans resource : resources) {
            String service = serviceName(resource.getResource());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    String parent = OtlpValues.hexId(span.getParentSpanId());
                    boolean entry = span.getKind() == Span.SpanKind.SPAN_KIND_SERVER || span.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER;
                    if (!parent.isEmpty() && !entry) {
                        continue;
                    }
                    if (out.size() >= MAX_RECORDS_PER_BATCH) {
                        omitted[0]++;
                        continue;
                    }
                    long start = OtlpValues.nanos(span.getStartTimeUnixNano());
                    long end = OtlpValues.nanos(span.getEndTimeUnixNano());
                    out.add(new LiveEvent.Span(OtlpValues.hexId(span.getTraceId()), OtlpValues.hexId(span.getSpanId()), parent, service,
                            cut(span.getName(), MAX_ATTRIBUTE_CHARS), OtlpValues.spanKind(span.getKindValue()), Long.toString(start),
                            Math.max(0, end - start), OtlpValues.statusCode(span.getStatus().getCodeValue())));
                }
            }
        }
    }

    private static void addPoints(List<ResourceMetrics> resources, Map<String, Long> perService) {
        for (ResourceMetrics resource : resources) {
            String service = serviceName(resource.getResource());
            long count = 0;
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    count += OtlpItems.dataPoints(metric).size();
                }
            }
            if (count > 0 && (perService.containsKey(service) || perService.size() < MAX_SERVICES)) {
                perService.merge(service, count, Long::sum);
            }
        }
    }

    /** The stored {@code service_name}: the resource's {@code service.name} attribute, or "" without one. */
    private static String serviceName(Resource resource) {
        for (KeyValue attribute : resource.getAttributesList()) {
            if (attribute.getKey().equals(SERVICE_NAME)) {
                return OtlpValues.stringForm(attribute.getValue());
            }
        }
        return "";
    }

    private static String cut(String value, int maxChars) {
        return value.length() <= maxChars ? value : value.substring(0, maxChars);
    }
}
