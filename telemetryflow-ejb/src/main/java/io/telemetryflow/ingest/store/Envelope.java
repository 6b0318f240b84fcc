package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.telemetryflow.tenancy.TenantPlacement;

/**
 * The leading columns shared by every row of one resource and scope (tenancy, resource, scope: see
 * {@link TelemetryTable}), encoded once per scope and copied into each row.
 */
final class Envelope {

    private Envelope() {
    }

    /** Tenancy plus resource columns, once per resource. */
    static byte[] resource(TenantPlacement tenant, Resource resource, String schemaUrl) {
        RowBinary out = new RowBinary(256);
        out.uuid(tenant.organizationId()).uuid(tenant.workspaceId()).uuid(tenant.tenantId());
        AttributeEncoder.encode(resource.getAttributesList()).write(out);
        out.int32(resource.getDroppedAttributesCount());
        out.string(schemaUrl);
        return out.toByteArray();
    }

    /** The full envelope: {@link #resource} followed by the scope columns. */
    static byte[] scope(byte[] resourcePart, InstrumentationScope scope, String schemaUrl) {
        RowBinary out = new RowBinary(resourcePart.length + 128);
        out.raw(resourcePart);
        out.string(scope.getName()).string(scope.getVersion());
        AttributeEncoder.encode(scope.getAttributesList()).write(out);
        out.int32(scope.getDroppedAttributesCount());
        out.string(schemaUrl);
        return out.toByteArray();
    }
}
