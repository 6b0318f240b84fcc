package io.telemetryflow.ingest;

import static io.telemetryflow.ingest.TenantNarrowing.MALFORMED;
import static io.telemetryflow.ingest.TenantNarrowing.NOT_ALLOWED;
import static io.telemetryflow.ingest.TenantNarrowing.NO_TENANT;
import static io.telemetryflow.ingest.TenantNarrowing.TENANT_ATTRIBUTE;
import static io.telemetryflow.ingest.TenantNarrowing.TOO_MANY_REFUSED;
import static io.telemetryflow.ingest.TenantNarrowing.WORKSPACE_ATTRIBUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.apikey.ApiKeyScope;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TenantNarrowingTest {

    // organization A: workspace 1 with tenants 1a and 1b, workspace 2 with tenant 2a; organization B: workspace 3, tenant 3a
    private static final UUID ORG_A = UUID.randomUUID();
    private static final UUID ORG_B = UUID.randomUUID();
    private static final TenantPlacement T1A = new TenantPlacement(ORG_A, UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement T1B = new TenantPlacement(ORG_A, T1A.workspaceId(), UUID.randomUUID());
    private static final TenantPlacement T2A = new TenantPlacement(ORG_A, UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement T3A = new TenantPlacement(ORG_B, UUID.randomUUID(), UUID.randomUUID());

    private static final ApiKeyScope TENANT_KEY = ApiKeyScope.tenant(ORG_A, T1A.workspaceId(), T1A.tenantId());
    private static final ApiKeyScope WORKSPACE_KEY = new ApiKeyScope(ORG_A, T1A.workspaceId(), null);
    private static final ApiKeyScope ORGANIZATION_KEY = new ApiKeyScope(ORG_A, null, null);

    /** Live tenants only: a deleted tenant is as absent as an unknown one. */
    private final Map<UUID, TenantPlacement> live = Map.of(T1A.tenantId(), T1A, T1B.tenantId(), T1B,
            T2A.tenantId(), T2A, T3A.tenantId(), T3A);
    private final List<UUID> lookedUp = new ArrayList<>();
    private final Function<UUID, Optional<TenantPlacement>> tenants = id -> {
        lookedUp.add(id);
        return Optional.ofNullable(live.get(id));
    };

    // --- tenant-scoped keys: the attributes may only repeat the key's own tenant

    @Test
    void tenantKeyAcceptsItsOwnTenantOrNoAttributeUnchanged() {
        OtlpRequest request = traces(
                spans(2, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T1A.workspaceId().toString()),
                spans(3, TENANT_ATTRIBUTE, T1A.tenantId().toString()),
                spans(1));

        TenantNarrowing.Result result = TenantNarrowing.apply(request, TENANT_KEY, tenants);

        assertThat(result.byTenant()).containsOnlyKeys(T1A);
        assertThat(result.byTenant().get(T1A)).isSameAs(request);
        assertThat(result.rejected()).isZero();
        assertThat(result.errorMessage()).isEmpty();
        assertThat(lookedUp).as("a tenant key needs no lookup").isEmpty();
    }

    @Test
    void tenantKeyRejectsAnotherTenantOrWorkspace() {
        OtlpRequest request = traces(
                spans(2, TENANT_ATTRIBUTE, T1B.tenantId().toString()),
                spans(1, "service.name", "kept"),
                spans(3, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T2A.workspaceId().toString()),
                spans(4, TENANT_ATTRIBUTE, T1A.tenantId().toString().toUpperCase()));

        TenantNarrowing.Result result = TenantNarrowing.apply(request, TENANT_KEY, tenants);

        assertThat(result.rejected()).isEqualTo(9);
        assertThat(result.errorMessage()).isEqualTo("9 items rejected: " + NOT_ALLOWED);
        assertThat(result.byTenant()).containsOnlyKeys(T1A);
        assertThat(serviceNames(result.byTenant().get(T1A))).containsExactly("kept");
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void tenantKeyWithEverythingRejectedQueuesNothing() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(spans(2, TENANT_ATTRIBUTE, T2A.tenantId().toString())),
                TENANT_KEY, tenants);
        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isEqualTo(2);
    }

    // --- workspace-scoped keys: each resource names a live tenant of the workspace

    @Test
    void workspaceKeyAcceptsATenantOfItsWorkspace() {
        OtlpRequest request = traces(spans(2, TENANT_ATTRIBUTE, T1A.tenantId().toString()),
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T1A.workspaceId().toString()));

        TenantNarrowing.Result result = TenantNarrowing.apply(request, WORKSPACE_KEY, tenants);

        assertThat(result.byTenant()).containsOnlyKeys(T1A);
        assertThat(result.byTenant().get(T1A)).isSameAs(request);
        assertThat(result.rejected()).isZero();
        assertThat(result.errorMessage()).isEmpty();
    }

    @Test
    void workspaceKeyRejectsATenantOfAnotherWorkspace() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(
                spans(2, TENANT_ATTRIBUTE, T2A.tenantId().toString(), "service.name", "other workspace"),
                spans(1, TENANT_ATTRIBUTE, T1B.tenantId().toString(), "service.name", "own workspace")), WORKSPACE_KEY, tenants);

        assertThat(result.byTenant()).containsOnlyKeys(T1B);
        assertThat(serviceNames(result.byTenant().get(T1B))).containsExactly("own workspace");
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.errorMessage()).isEqualTo("2 items rejected: " + NOT_ALLOWED);
    }

    @Test
    void workspaceKeyRejectsAResourceNamingNoTenant() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(spans(3, "service.name", "anonymous"),
                spans(1, WORKSPACE_ATTRIBUTE, T1A.workspaceId().toString())), WORKSPACE_KEY, tenants);

        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isEqualTo(4);
        assertThat(result.errorMessage()).isEqualTo("4 items rejected: " + NO_TENANT);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void workspaceKeyRejectsMalformedUuidsWithoutALookup() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(
                spans(1, TENANT_ATTRIBUTE, "production"),
                spans(1, TENANT_ATTRIBUTE, "1-2-3-4-5"), // UUID.fromString would take this one
                spans(1, TENANT_ATTRIBUTE, ""),
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId() + " "),
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, "default")), WORKSPACE_KEY, tenants);

        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isEqualTo(5);
        assertThat(result.errorMessage()).isEqualTo("5 items rejected: " + MALFORMED);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void workspaceKeyRejectsAWorkspaceAttributeThatIsNotTheTenantsWorkspace() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(
                spans(2, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T2A.workspaceId().toString())),
                WORKSPACE_KEY, tenants);

        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.errorMessage()).isEqualTo("2 items rejected: " + NOT_ALLOWED);
    }

    @Test
    void unknownOrDeletedTenantIsRejectedLikeOneOutOfScope() {
        UUID unknown = UUID.randomUUID();
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(spans(2, TENANT_ATTRIBUTE, unknown.toString())),
                ORGANIZATION_KEY, tenants);

        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.errorMessage()).isEqualTo("2 items rejected: " + NOT_ALLOWED);
        assertThat(lookedUp).containsExactly(unknown);
    }

    // --- organization-scoped keys

    @Test
    void organizationKeyGroupsResourcesByTenant() {
        OtlpRequest request = traces(
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString(), "service.name", "a"),
                spans(2, TENANT_ATTRIBUTE, T2A.tenantId().toString(), "service.name", "b"),
                spans(3, TENANT_ATTRIBUTE, T1A.tenantId().toString().toUpperCase(), "service.name", "c"),
                spans(4, TENANT_ATTRIBUTE, T3A.tenantId().toString(), "service.name", "other organization"));

        TenantNarrowing.Result result = TenantNarrowing.apply(request, ORGANIZATION_KEY, tenants);

        assertThat(result.byTenant().keySet()).containsExactly(T1A, T2A);
        assertThat(serviceNames(result.byTenant().get(T1A))).containsExactly("a", "c");
        assertThat(serviceNames(result.byTenant().get(T2A))).containsExactly("b");
        assertThat(result.byTenant().get(T2A).signal()).isEqualTo(OtlpSignal.TRACES);
        assertThat(result.byTenant().get(T2A).encoding()).isEqualTo(request.encoding());
        assertThat(result.rejected()).isEqualTo(4);
        assertThat(result.errorMessage()).isEqualTo("4 items rejected: " + NOT_ALLOWED);
    }

    @Test
    void aTenantNamedByManyResourcesIsLookedUpOnce() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString()),
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T2A.workspaceId().toString()),
                spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString(), WORKSPACE_ATTRIBUTE, T1A.workspaceId().toString())),
                ORGANIZATION_KEY, tenants);

        assertThat(lookedUp).containsExactly(T1A.tenantId());
        assertThat(result.byTenant().keySet()).containsExactly(T1A);
        assertThat(result.rejected()).as("the one naming another workspace").isEqualTo(1);
    }

    @Test
    void afterEightRefusedTenantsFurtherTenantsAreNotLookedUp() {
        List<ResourceSpans> resources = new ArrayList<>();
        resources.add(spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString()));
        resources.add(spans(1, TENANT_ATTRIBUTE, T3A.tenantId().toString()));   // exists, out of scope: refused like unknown
        for (int i = 0; i < 10; i++) {
            resources.add(spans(1, TENANT_ATTRIBUTE, UUID.randomUUID().toString()));
        }
        resources.add(spans(1, TENANT_ATTRIBUTE, T1A.tenantId().toString()));  // decided before: still accepted
        resources.add(spans(1, TENANT_ATTRIBUTE, T1B.tenantId().toString()));  // a new tenant after the limit: not looked up

        TenantNarrowing.Result result = TenantNarrowing.apply(traces(resources.toArray(ResourceSpans[]::new)), ORGANIZATION_KEY, tenants);

        assertThat(lookedUp).hasSize(1 + TenantNarrowing.MAX_REFUSED_TENANTS).doesNotContain(T1B.tenantId());
        assertThat(result.byTenant().keySet()).containsExactly(T1A);
        assertThat(OtlpItems.count(result.byTenant().get(T1A))).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(12);
        assertThat(result.errorMessage()).isEqualTo("12 items rejected: " + NOT_ALLOWED + " (8); " + TOO_MANY_REFUSED + " (4)");
    }

    // --- counts and message

    @Test
    void logsCountRejectedRecords() {
        OtlpRequest request = new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.JSON, ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(TENANT_ATTRIBUTE, T2A.tenantId().toString()))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance()).addLogRecords(LogRecord.getDefaultInstance()))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance())))
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(TENANT_ATTRIBUTE, T1A.tenantId().toString()))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance())))
                .build());

        TenantNarrowing.Result result = TenantNarrowing.apply(request, WORKSPACE_KEY, tenants);

        assertThat(result.rejected()).isEqualTo(3);
        assertThat(result.errorMessage()).isEqualTo("3 items rejected: " + NOT_ALLOWED);
        assertThat(result.byTenant()).containsOnlyKeys(T1A);
        assertThat(result.byTenant().get(T1A).logs().getResourceLogsCount()).isEqualTo(1);
        assertThat(OtlpItems.count(result.byTenant().get(T1A))).isEqualTo(1);
    }

    @Test
    void metricsCountRejectedDataPoints() {
        Metric gauge = Metric.newBuilder().setName("temperature").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.getDefaultInstance()).addDataPoints(NumberDataPoint.getDefaultInstance())
                .addDataPoints(NumberDataPoint.getDefaultInstance())).build();
        Metric histogram = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.getDefaultInstance()).addDataPoints(HistogramDataPoint.getDefaultInstance())).build();
        OtlpRequest request = new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("service.name", "anonymous"))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge).addMetrics(histogram)))
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(TENANT_ATTRIBUTE, T1B.tenantId().toString()))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(histogram)))
                .build());

        TenantNarrowing.Result result = TenantNarrowing.apply(request, ORGANIZATION_KEY, tenants);

        assertThat(result.rejected()).isEqualTo(5);
        assertThat(result.errorMessage()).isEqualTo("5 items rejected: " + NO_TENANT);
        assertThat(result.byTenant()).containsOnlyKeys(T1B);
        assertThat(OtlpItems.count(result.byTenant().get(T1B))).isEqualTo(2);
    }

    @Test
    void messageCountsEachReasonWhenThereAreSeveral() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(
                spans(2, TENANT_ATTRIBUTE, T3A.tenantId().toString()),
                spans(1),
                spans(3, TENANT_ATTRIBUTE, "nope"),
                spans(4, TENANT_ATTRIBUTE, T2A.tenantId().toString())), WORKSPACE_KEY, tenants);

        assertThat(result.rejected()).isEqualTo(10);
        assertThat(result.errorMessage()).isEqualTo("10 items rejected: " + NOT_ALLOWED + " (6); " + NO_TENANT + " (1); " + MALFORMED + " (3)");
    }

    @Test
    void resourcesWithoutItemsAreDroppedUncounted() {
        TenantNarrowing.Result result = TenantNarrowing.apply(traces(spans(0), spans(0, TENANT_ATTRIBUTE, T3A.tenantId().toString())),
                ORGANIZATION_KEY, tenants);
        assertThat(result.byTenant()).isEmpty();
        assertThat(result.rejected()).isZero();
        assertThat(result.errorMessage()).isEmpty();
    }

    // --- helpers

    private static OtlpRequest traces(ResourceSpans... resources) {
        return new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF,
                ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build());
    }

    /** A resource with {@code count} spans and the given attributes (key, value, key, value...). */
    private static ResourceSpans spans(int count, String... attributes) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < count; i++) {
            scope.addSpans(Span.newBuilder().setName("span-" + i));
        }
        return ResourceSpans.newBuilder().setResource(resource(attributes)).addScopeSpans(scope).build();
    }

    private static Resource resource(String... attributes) {
        Resource.Builder resource = Resource.newBuilder();
        for (int i = 0; i < attributes.length; i += 2) {
            resource.addAttributes(KeyValue.newBuilder().setKey(attributes[i])
                    .setValue(AnyValue.newBuilder().setStringValue(attributes[i + 1])));
        }
        return resource.build();
    }

    private static List<String> serviceNames(OtlpRequest request) {
        return request.traces().getResourceSpansList().stream()
                .flatMap(resource -> resource.getResource().getAttributesList().stream())
                .filter(kv -> kv.getKey().equals("service.name")).map(kv -> kv.getValue().getStringValue()).toList();
    }
}
