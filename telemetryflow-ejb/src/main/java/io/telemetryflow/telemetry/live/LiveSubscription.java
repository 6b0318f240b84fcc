package io.telemetryflow.telemetry.live;

import io.telemetryflow.tenancy.TenantPlacement;
import java.util.Optional;
import java.util.UUID;

/**
 * One channel of one tenant, narrowed by a filter. The tenant was authorized for the caller when subscribing (and is
 * again at every re-check); {@code requestedTenant} is what the client named (null: its home tenant).
 */
record LiveSubscription(LiveChannel channel, String requestedTenant, TenantPlacement tenant, LiveFilter filter) {

    Key key() {
        return new Key(channel, tenant.tenantId());
    }

    Optional<LiveEvent> select(LiveEvent event) {
        return event.channel() == channel && event.tenantId().equals(tenant.tenantId()) ? event.select(filter) : Optional.empty();
    }

    record Key(LiveChannel channel, UUID tenantId) {
    }
}
