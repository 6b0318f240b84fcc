package io.telemetryflow.ingest.otlp;

import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.Objects;

/** A validated request with the tenant it belongs to and when the platform received it. */
public record TenantRequest(TenantPlacement tenant, OtlpRequest request, Instant receivedAt) {

    public TenantRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
