package io.telemetryflow.ingest;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.telemetryflow.apikey.ApiKeyScope;
import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import java.util.function.Predicate;

/**
 * Resource attributes {@code telemetryflow.tenant.id} and {@code telemetryflow.workspace.id} may
 * only repeat the key's own tenant: a resource naming any other tenant is rejected whole (counted
 * as rejected items, reported through partial success), never written elsewhere.
 */
final class TenantNarrowing {

    static final String TENANT_ATTRIBUTE = "telemetryflow.tenant.id";
    static final String WORKSPACE_ATTRIBUTE = "telemetryflow.workspace.id";

    record Result(OtlpRequest accepted, long rejected) {
    }

    private TenantNarrowing() {
    }

    static Result apply(OtlpRequest request, ApiKeyScope scope) {
        Predicate<Resource> allowed = resource -> matches(resource, TENANT_ATTRIBUTE, scope.tenantId().toString())
                && matches(resource, WORKSPACE_ATTRIBUTE, scope.workspaceId().toString());
        Message message = request.message();
        long rejected = 0;
        switch (request.signal()) {
            case TRACES -> {
                ExportTraceServiceRequest.Builder kept = ExportTraceServiceRequest.newBuilder();
                for (var resource : request.traces().getResourceSpansList()) {
                    if (allowed.test(resource.getResource())) {
                        kept.addResourceSpans(resource);
                    } else {
                        rejected += resource.getScopeSpansList().stream().mapToLong(s -> s.getSpansCount()).sum();
                    }
                }
                message = kept.build();
            }
            case LOGS -> {
                ExportLogsServiceRequest.Builder kept = ExportLogsServiceRequest.newBuilder();
                for (var resource : request.logs().getResourceLogsList()) {
                    if (allowed.test(resource.getResource())) {
                        kept.addResourceLogs(resource);
                    } else {
                        rejected += resource.getScopeLogsList().stream().mapToLong(s -> s.getLogRecordsCount()).sum();
                    }
                }
                message = kept.build();
            }
            case METRICS -> {
                ExportMetricsServiceRequest.Builder kept = ExportMetricsServiceRequest.newBuilder();
                for (var resource : request.metrics().getResourceMetricsList()) {
                    if (allowed.test(resource.getResource())) {
                        kept.addResourceMetrics(resource);
                    } else {
                        rejected += resource.getScopeMetricsList().stream()
                                .flatMap(s -> s.getMetricsList().stream())
                                .mapToLong(metric -> OtlpItems.dataPoints(metric).size()).sum();
                    }
                }
                message = kept.build();
            }
        }
        return rejected == 0 ? new Result(request, 0) : new Result(request.withMessage(message), rejected);
    }

    private static boolean matches(Resource resource, String attribute, String expected) {
        for (KeyValue kv : resource.getAttributesList()) {
            if (kv.getKey().equals(attribute)) {
                return kv.getValue().getStringValue().equals(expected);
            }
        }
        return true;
    }
}
