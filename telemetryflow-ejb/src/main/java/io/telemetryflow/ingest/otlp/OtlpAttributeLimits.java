package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Limits on attributes, the open-ended part of every OTLP item, modelled on the OpenTelemetry SDK's attribute
 * limits: at most {@code maxCount} attributes per item, keys of at most {@code maxKeyLength} characters, and values
 * of at most {@code maxValueLength} characters (string values) or bytes (bytes values). An array or key-value list
 * inside a value holds at most {@code maxCount} elements, and the strings in it obey the same length limit.
 * <p>
 * Over the limits, {@link #trim} does what the SDK does: attributes beyond the count and attributes with too long a
 * key are dropped and added to the item's {@code dropped_attributes_count} (resource, scope, span, span event, span
 * link, log record); too long values are truncated (strings and bytes to the limit, arrays and lists to their first
 * elements). Exemplars' filtered attributes and metric metadata have no such count: they are trimmed all the same,
 * and only the warning counts them. Data points are the exception, see {@link #problem}.
 */
public final class OtlpAttributeLimits {

    public static final OtlpAttributeLimits DEFAULTS = new OtlpAttributeLimits(128, 256, 64 * 1024);

    private final int maxCount;
    private final int maxKeyLength;
    private final int maxValueLength;
    private final String tooMany;
    private final String keyTooLong;
    private final String valueTooLong;

    public OtlpAttributeLimits(int maxCount, int maxKeyLength, int maxValueLength) {
        if (maxCount < 1 || maxKeyLength < 1 || maxValueLength < 2) {
            throw new IllegalArgumentException("attribute limits must be positive (values at least 2 characters): "
                    + maxCount + ", " + maxKeyLength + ", " + maxValueLength);
        }
        this.maxCount = maxCount;
        this.maxKeyLength = maxKeyLength;
        this.maxValueLength = maxValueLength;
        this.tooMany = "more than " + maxCount + " attributes (or elements in an attribute value)";
        this.keyTooLong = "attribute key longer than " + maxKeyLength + " characters";
        this.valueTooLong = "attribute value longer than " + maxValueLength + " characters";
    }

    /**
     * Why these attributes are over the limits, or null when they are not. A data point's attributes name its time
     * series, so trimming them would silently merge distinct series, and OTLP has no field to record it: the
     * validation rejects such a data point instead, with this reason.
     */
    public String problem(List<KeyValue> attributes) {
        if (attributes.size() > maxCount) {
            return tooMany;
        }
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().length() > maxKeyLength) {
                return keyTooLong;
            }
            String problem = valueProblem(attribute.getValue());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String valueProblem(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue().length() > maxValueLength ? valueTooLong : null;
            case BYTES_VALUE -> value.getBytesValue().size() > maxValueLength ? valueTooLong : null;
            case ARRAY_VALUE -> {
                List<AnyValue> values = value.getArrayValue().getValuesList();
                if (values.size() > maxCount) {
                    yield tooMany;
                }
                yield values.stream().map(this::valueProblem).filter(Objects::nonNull).findFirst().orElse(null);
            }
            case KVLIST_VALUE -> problem(value.getKvlistValue().getValuesList());
            default -> null;
        };
    }

    /**
     * The request with every attribute list except data points' within the limits (the very same request when all
     * are), and what that took.
     */
    public Trimmed trim(OtlpRequest request) {
        if (attributeLists(request).allMatch(attributes -> problem(attributes) == null)) {
            return new Trimmed(request, 0, 0);
        }
        Counts counts = new Counts();
        Message trimmed = switch (request.signal()) {
            case TRACES -> traces(request.traces(), counts);
            case METRICS -> metrics(request.metrics(), counts);
            case LOGS -> logs(request.logs(), counts);
        };
        return new Trimmed(request.withMessage(trimmed), counts.dropped, counts.truncated);
    }

    /** A request after {@link #trim}: how many attributes were dropped and how many values truncated. */
    public record Trimmed(OtlpRequest request, long droppedAttributes, long truncatedValues) {

        /** A warning for {@code partial_success.error_message}, "" when nothing was trimmed. */
        public String warning() {
            if (droppedAttributes == 0 && truncatedValues == 0) {
                return "";
            }
            return droppedAttributes + (droppedAttributes == 1 ? " attribute" : " attributes") + " dropped and "
                    + truncatedValues + (truncatedValues == 1 ? " attribute value" : " attribute values") + " truncated "
                    + "(over the server's attribute count or length limits)";
        }
    }

    private static final class Counts {
        long dropped;
        long truncated;
    }

    // the read-only scan: every attribute list trim() looks after

    private static Stream<List<KeyValue>> attributeLists(OtlpRequest request) {
        return switch (request.signal()) {
            case TRACES -> request.traces().getResourceSpansList().stream().flatMap(resource -> Stream.concat(
                    Stream.of(resource.getResource().getAttributesList()),
                    resource.getScopeSpansList().stream().flatMap(scope -> Stream.concat(
                            Stream.of(scope.getScope().getAttributesList()),
                            scope.getSpansList().stream().flatMap(OtlpAttributeLimits::attributeLists)))));
            case METRICS -> request.metrics().getResourceMetricsList().stream().flatMap(resource -> Stream.concat(
                    Stream.of(resource.getResource().getAttributesList()),
                    resource.getScopeMetricsList().stream().flatMap(scope -> Stream.concat(
                            Stream.of(scope.getScope().getAttributesList()),
                            scope.getMetricsList().stream().flatMap(OtlpAttributeLimits::attributeLists)))));
            case LOGS -> request.logs().getResourceLogsList().stream().flatMap(resource -> Stream.concat(
                    Stream.of(resource.getResource().getAttributesList()),
                    resource.getScopeLogsList().stream().flatMap(scope -> Stream.concat(
                            Stream.of(scope.getScope().getAttributesList()),
                            scope.getLogRecordsList().stream().map(log -> log.getAttributesList())))));
        };
    }

    private static Stream<List<KeyValue>> attributeLists(Span span) {
        return Stream.of(Stream.of(span.getAttributesList()),
                span.getEventsList().stream().map(Span.Event::getAttributesList),
                span.getLinksList().stream().map(Span.Link::getAttributesList)).flatMap(lists -> lists);
    }

    private static Stream<List<KeyValue>> attributeLists(Metric metric) {
        return Stream.concat(Stream.of(metric.getMetadataList()), OtlpItems.dataPoints(metric).stream()
                .flatMap(point -> OtlpItems.exemplars(point).stream()).map(Exemplar::getFilteredAttributesList));
    }

    // the copy with trimmed attributes, only for a request that needs it

    private ExportTraceServiceRequest traces(ExportTraceServiceRequest request, Counts counts) {
        var builder = request.toBuilder();
        for (var resource : builder.getResourceSpansBuilderList()) {
            if (resource.hasResource()) {
                trim(resource.getResourceBuilder(), counts);
            }
            for (var scope : resource.getScopeSpansBuilderList()) {
                if (scope.hasScope()) {
                    trim(scope.getScopeBuilder(), counts);
                }
                for (var span : scope.getSpansBuilderList()) {
                    trim(span.getAttributesList(), span.getDroppedAttributesCount(),
                            kept -> span.clearAttributes().addAllAttributes(kept), span::setDroppedAttributesCount, counts);
                    for (var event : span.getEventsBuilderList()) {
                        trim(event.getAttributesList(), event.getDroppedAttributesCount(),
                                kept -> event.clearAttributes().addAllAttributes(kept), event::setDroppedAttributesCount, counts);
                    }
                    for (var link : span.getLinksBuilderList()) {
                        trim(link.getAttributesList(), link.getDroppedAttributesCount(),
                                kept -> link.clearAttributes().addAllAttributes(kept), link::setDroppedAttributesCount, counts);
                    }
                }
            }
        }
        return builder.build();
    }

    private ExportMetricsServiceRequest metrics(ExportMetricsServiceRequest request, Counts counts) {
        var builder = request.toBuilder();
        for (var resource : builder.getResourceMetricsBuilderList()) {
            if (resource.hasResource()) {
                trim(resource.getResourceBuilder(), counts);
            }
            for (var scope : resource.getScopeMetricsBuilderList()) {
                if (scope.hasScope()) {
                    trim(scope.getScopeBuilder(), counts);
                }
                List<Metric> metrics = new ArrayList<>(scope.getMetricsCount());
                for (Metric metric : scope.getMetricsList()) {
                    metrics.add(attributeLists(metric).allMatch(attributes -> problem(attributes) == null) ? metric : trim(metric, counts));
                }
                scope.clearMetrics().addAllMetrics(metrics);
            }
        }
        return builder.build();
    }

    private ExportLogsServiceRequest logs(ExportLogsServiceRequest request, Counts counts) {
        var builder = request.toBuilder();
        for (var resource : builder.getResourceLogsBuilderList()) {
            if (resource.hasResource()) {
                trim(resource.getResourceBuilder(), counts);
            }
            for (var scope : resource.getScopeLogsBuilderList()) {
                if (scope.hasScope()) {
                    trim(scope.getScopeBuilder(), counts);
                }
                for (var log : scope.getLogRecordsBuilderList()) {
                    trim(log.getAttributesList(), log.getDroppedAttributesCount(),
                            kept -> log.clearAttributes().addAllAttributes(kept), log::setDroppedAttributesCount, counts);
                }
            }
        }
        return builder.build();
    }

    private void trim(Resource.Builder resource, Counts counts) {
        trim(resource.getAttributesList(), resource.getDroppedAttributesCount(),
                kept -> resource.clearAttributes().addAllAttributes(kept), resource::setDroppedAttributesCount, counts);
    }

    private void trim(InstrumentationScope.Builder scope, Counts counts) {
        trim(scope.getAttributesList(), scope.getDroppedAttributesCount(),
                kept -> scope.clearAttributes().addAllAttributes(kept), scope::setDroppedAttributesCount, counts);
    }

    /** Metadata and exemplars' filtered attributes: OTLP has no dropped count for them, only the warning counts them. */
    private Metric trim(Metric metric, Counts counts) {
        var builder = metric.toBuilder();
        counts.dropped += trim(metric.getMetadataList(), kept -> builder.clearMetadata().addAllMetadata(kept), counts);
        List<Exemplar.Builder> exemplars = switch (metric.getDataCase()) {
            case GAUGE -> builder.getGaugeBuilder().getDataPointsBuilderList().stream()
                    .flatMap(p -> p.getExemplarsBuilderList().stream()).toList();
            case SUM -> builder.getSumBuilder().getDataPointsBuilderList().stream()
                    .flatMap(p -> p.getExemplarsBuilderList().stream()).toList();
            case HISTOGRAM -> builder.getHistogramBuilder().getDataPointsBuilderList().stream()
                    .flatMap(p -> p.getExemplarsBuilderList().stream()).toList();
            case EXPONENTIAL_HISTOGRAM -> builder.getExponentialHistogramBuilder().getDataPointsBuilderList().stream()
                    .flatMap(p -> p.getExemplarsBuilderList().stream()).toList();
            case SUMMARY, DATA_NOT_SET -> List.of();
        };
        for (Exemplar.Builder exemplar : exemplars) {
            counts.dropped += trim(exemplar.getFilteredAttributesList(),
                    kept -> exemplar.clearFilteredAttributes().addAllFilteredAttributes(kept), counts);
        }
        return builder.build();
    }

    /**
     * Trims an item's attributes in place when they are over the limits and adds those dropped to the item's
     * {@code dropped_attributes_count} (a uint32): {@code setDropped} gets {@code droppedBefore} plus them, saturating
     * at the largest uint32.
     */
    private void trim(List<KeyValue> attributes, int droppedBefore, Consumer<List<KeyValue>> replace, IntConsumer setDropped,
                      Counts counts) {
        int dropped = trim(attributes, replace, counts);
        if (dropped > 0) {
            counts.dropped += dropped;
            setDropped.accept((int) Math.min(0xFFFF_FFFFL, Integer.toUnsignedLong(droppedBefore) + dropped));
        }
    }

    /**
     * An attribute list within the limits, handed to {@code replace} when it was not; values shortened are counted
     * in {@code counts}, the attributes dropped are returned.
     */
    private int trim(List<KeyValue> attributes, Consumer<List<KeyValue>> replace, Counts counts) {
        if (problem(attributes) == null) {
            return 0;
        }
        List<KeyValue> kept = new ArrayList<>(Math.min(attributes.size(), maxCount));
        int dropped = 0;
        for (KeyValue attribute : attributes) {
            if (kept.size() >= maxCount || attribute.getKey().length() > maxKeyLength) {
                dropped++;
                continue;
            }
            AnyValue value = trimmed(attribute.getValue(), counts);
            kept.add(value == attribute.getValue() ? attribute : attribute.toBuilder().setValue(value).build());
        }
        replace.accept(kept);
        return dropped;
    }

    /** The value within the limits: the same instance when it is; each value shortened counts once. */
    private AnyValue trimmed(AnyValue value, Counts counts) {
        if (valueProblem(value) == null) {
            return value;
        }
        AnyValue.Builder builder = value.toBuilder();
        switch (value.getValueCase()) {
            case STRING_VALUE -> {
                counts.truncated++;
                builder.setStringValue(truncate(value.getStringValue()));
            }
            case BYTES_VALUE -> {
                counts.truncated++;
                builder.setBytesValue(value.getBytesValue().substring(0, maxValueLength));
            }
            case ARRAY_VALUE -> {
                List<AnyValue> values = value.getArrayValue().getValuesList();
                if (values.size() > maxCount) {
                    counts.truncated++;
                }
                List<AnyValue> kept = values.stream().limit(maxCount).map(element -> trimmed(element, counts)).toList();
                builder.setArrayValue(ArrayValue.newBuilder().addAllValues(kept));
            }
            case KVLIST_VALUE -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                if (trim(value.getKvlistValue().getValuesList(), list::addAllValues, counts) > 0) {
                    counts.truncated++; // entries of a value are not the item's attributes
                }
                builder.setKvlistValue(list);
            }
            default -> throw new IllegalStateException("no limit applies to " + value.getValueCase());
        }
        return builder.build();
    }

    /** The first {@code maxValueLength} characters, one fewer rather than half a surrogate pair. */
    private String truncate(String value) {
        int end = Character.isHighSurrogate(value.charAt(maxValueLength - 1)) ? maxValueLength - 1 : maxValueLength;
        return value.substring(0, end);
    }
}
