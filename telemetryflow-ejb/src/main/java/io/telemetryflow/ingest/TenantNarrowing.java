package io.telemetryflow.ingest;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.telemetryflow.apikey.ApiKeyScope;
import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which tenant each resource's telemetry belongs to. The tenant comes from the API key's scope;
 * the resource attributes {@code telemetryflow.tenant.id} and {@code telemetryflow.workspace.id} may only
 * narrow it to a tenant the key may write:
 * <ul>
 * <li>a tenant-scoped key: the attributes are optional and may only repeat the key's own tenant and workspace;</li>
 * <li>an organization- or workspace-scoped key: the resource must name a live, active tenant inside the scope (and, if it
 *     names a workspace, that tenant's workspace), since the key alone does not say which tenant.</li>
 * </ul>
 * A resource failing this is rejected whole (its items counted for partial success), never written elsewhere.
 * Accepted resources are grouped by tenant, because each queued batch belongs to one tenant.
 */
final class TenantNarrowing {

    static final String TENANT_ATTRIBUTE = "telemetryflow.tenant.id";
    static final String WORKSPACE_ATTRIBUTE = "telemetryflow.workspace.id";

    static final String NOT_ALLOWED = "resource names a tenant or workspace this API key may not write";
    static final String NO_TENANT = "resource names no " + TENANT_ATTRIBUTE
            + ", which an organization- or workspace-scoped API key needs";
    static final String MALFORMED = TENANT_ATTRIBUTE + " or " + WORKSPACE_ATTRIBUTE + " is not a UUID";
    /**
     * Tenants one request may name that the key may not write (unknown or out of scope alike) before the resources
     * naming further tenants are rejected without a lookup: each distinct tenant costs a lookup, and the
     * answers a loop of random ids leaves in the cache are bounded, the lookups are not.
     */
    static final int MAX_REFUSED_TENANTS = 8;
    static final String TOO_MANY_REFUSED = "request names more than " + MAX_REFUSED_TENANTS
            + " tenants this API key may not write; resources naming further tenants were not looked up";

    // the canonical 8-4-4-4-12 form only: UUID.fromString also takes forms such as "1-2-3-4-5"
    private static final Pattern UUID_TEXT = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    /**
     * The accepted telemetry per tenant (in order of first appearance), how many items were rejected, and why
     * ("" when none were).
     */
    record Result(Map<TenantPlacement, OtlpRequest> byTenant, long rejected, String errorMessage) {
    }

    /** A resource's tenant, or why it has none. */
    private record Decision(TenantPlacement tenant, String rejection) {

        static Decision accept(TenantPlacement tenant) {
            return new Decision(tenant, null);
        }

        static Decision reject(String reason) {
            return new Decision(null, reason);
        }
    }

    private TenantNarrowing() {
    }

    /**
     * @param tenants where a live, active tenant sits, empty for an unknown, deleted or inactive one (asked only
     *                for keys wider than a tenant)
     */
    static Result apply(OtlpRequest request, ApiKeyScope scope, Function<UUID, Optional<TenantPlacement>> tenants) {
        Function<Resource, Decision> decide = scope.tenantId() != null ? ownTenant(scope) : tenantInScope(scope, tenants);
        Map<TenantPlacement, List<Message>> accepted = new LinkedHashMap<>();
        Map<String, Long> rejectedByReason = new LinkedHashMap<>();
        for (Message resource : request.resources()) {
            Decision decision = decide.apply(resourceOf(resource));
            if (decision.tenant() != null) {
                accepted.computeIfAbsent(decision.tenant(), tenant -> new ArrayList<>()).add(resource);
            } else {
                long items = OtlpItems.count(resource);
                if (items > 0) {
                    rejectedByReason.merge(decision.rejection(), items, Long::sum);
                }
            }
        }
        long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        Map<TenantPlacement, OtlpRequest> byTenant = new LinkedHashMap<>();
        if (accepted.size() == 1 && accepted.values().iterator().next().size() == request.resources().size()) {
            byTenant.put(accepted.keySet().iterator().next(), request); // the usual case: nothing to copy
        } else {
            accepted.forEach((tenant, resources) -> byTenant.put(tenant, request.withResources(resources)));
        }
        return new Result(Collections.unmodifiableMap(byTenant), rejected, message(rejected, rejectedByReason));
    }

    private static Function<Resource, Decision> ownTenant(ApiKeyScope scope) {
        TenantPlacement own = new TenantPlacement(scope.organizationId(), scope.workspaceId(), scope.tenantId());
        String tenant = own.tenantId().toString();
        String workspace = own.workspaceId().toString();
        return resource -> {
            String namedTenant = attribute(resource, TENANT_ATTRIBUTE);
            String namedWorkspace = attribute(resource, WORKSPACE_ATTRIBUTE);
            boolean allowed = (namedTenant == null || namedTenant.equals(tenant))
                    && (namedWorkspace == null || namedWorkspace.equals(workspace));
            return allowed ? Decision.accept(own) : Decision.reject(NOT_ALLOWED);
        };
    }

    private static Function<Resource, Decision> tenantInScope(ApiKeyScope scope, Function<UUID, Optional<TenantPlacement>> tenants) {
        Map<UUID, Decision> decided = new HashMap<>();   // per tenant named, within this request
        int[] refused = {0};
        return resource -> {
            String namedTenant = attribute(resource, TENANT_ATTRIBUTE);
            if (namedTenant == null) {
                return Decision.reject(NO_TENANT);
            }
            String namedWorkspace = attribute(resource, WORKSPACE_ATTRIBUTE);
            if (!UUID_TEXT.matcher(namedTenant).matches() || namedWorkspace != null && !UUID_TEXT.matcher(namedWorkspace).matches()) {
                return Decision.reject(MALFORMED);
            }
            UUID tenantId = UUID.fromString(namedTenant);
            UUID workspaceId = namedWorkspace == null ? null : UUID.fromString(namedWorkspace);
            Decision known = decided.get(tenantId);
            if (known != null) {
                return known.tenant() == null || workspaceId == null || workspaceId.equals(known.tenant().workspaceId())
                        ? known : Decision.reject(NOT_ALLOWED);
            }
            if (refused[0] >= MAX_REFUSED_TENANTS) {
                return Decision.reject(TOO_MANY_REFUSED);
            }
            Decision decision = inScope(scope, tenants.apply(tenantId));
            decided.put(tenantId, decision);
            if (decision.tenant() == null) {
                refused[0]++;
            } else if (workspaceId != null && !workspaceId.equals(decision.tenant().workspaceId())) {
                return Decision.reject(NOT_ALLOWED);
            }
            return decision;
        };
    }

    /** Unknown, deleted or inactive is refused like out of scope: whether a tenant exists is not the caller's business. */
    private static Decision inScope(ApiKeyScope scope, Optional<TenantPlacement> found) {
        return found.filter(tenant -> scope.covers(tenant.organizationId(), tenant.workspaceId(), tenant.tenantId()))
                .map(Decision::accept).orElseGet(() -> Decision.reject(NOT_ALLOWED));
    }

    /** The attribute's string value; null when the resource does not have it (the first one counts). */
    private static String attribute(Resource resource, String key) {
        for (KeyValue kv : resource.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                return kv.getValue().getStringValue();
            }
        }
        return null;
    }

    private static Resource resourceOf(Message resource) {
        if (resource instanceof ResourceSpans spans) {
            return spans.getResource();
        } else if (resource instanceof ResourceLogs logs) {
            return logs.getResource();
        }
        return ((ResourceMetrics) resource).getResource();
    }

    /** E.g. "2 items rejected: resource names ...", with a count per reason when there are several. */
    private static String message(long rejected, Map<String, Long> byReason) {
        if (rejected == 0) {
            return "";
        }
        String reasons = byReason.size() == 1
                ? byReason.keySet().iterator().next()
                : byReason.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
        return rejected + " items rejected: " + reasons;
    }
}
