package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What observers of a stored batch (cache freshness, live tail) learn about its age per tenant. */
class TelemetryStoredTest {

    private static final TenantPlacement A = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement B = new TenantPlacement(A.organizationId(), A.workspaceId(), UUID.randomUUID());
    private static final Instant STORED_AT = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void eachTenantGetsItsEarliestRecordTimeAndATenantWithoutTimesTheStoreTime() {
        TelemetryStored stored = new TelemetryStored(List.of(
                logs(A, Instant.parse("2026-12-06T11:59:00Z"), Instant.parse("2026-12-06T11:58:30Z")),
                logs(A, Instant.parse("2026-12-06T10:00:00Z")),
                logs(B, (Instant) null)), STORED_AT);

        assertThat(stored.oldestRecordByTenant()).containsOnly(
                entry(A.tenantId(), Instant.parse("2026-12-06T10:00:00Z")),
                entry(B.tenantId(), STORED_AT));
    }

    private static TenantRequest logs(TenantPlacement tenant, Instant... times) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (Instant time : times) {
            scope.addLogRecords(time == null ? LogRecord.getDefaultInstance()
                    : LogRecord.newBuilder().setTimeUnixNano(time.getEpochSecond() * 1_000_000_000L + time.getNano()).build());
        }
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
        return new TenantRequest(tenant, new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, request), STORED_AT.minusSeconds(1));
    }
}
