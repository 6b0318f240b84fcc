package io.telemetryflow.telemetry.web;

import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.telemetry.traces.RedQuery;
import io.telemetryflow.telemetry.traces.ServiceMapQuery;
import io.telemetryflow.telemetry.traces.TraceId;
import io.telemetryflow.telemetry.traces.TraceRequests;
import io.telemetryflow.telemetry.traces.TraceSearch;
import io.telemetryflow.telemetry.traces.Traces;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The traces read API (docs/telemetry-api.md, "Traces"): search, one trace as a tree, the service map and RED
 * metrics, for the caller's home tenant or the {@code tenantId} named. Answers carry {@code X-Cache: HIT|MISS}.
 */
@Path("telemetry/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

    @Inject
    CurrentCaller current;

    @Inject
    TelemetryScopes scopes;

    @Inject
    Traces traces;

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "traces:read", belowOrganization = true)
    @Operation(summary = "Trace search. Body: from/to (ISO-8601, epoch ms, now, now-1h; default the last hour), service, operation "
            + "(span name), minDuration/maxDuration (nanoseconds or \"250ms\", \"2s\"), status (UNSET, OK, ERROR), filters "
            + "([{key, op: eq|neq|in|not_in|regex|not_regex|exists, value | values}], resource. prefix for resource attributes, at "
            + "most 20), tenantId, limit (1-500, default 50). A trace matches when any of its spans in the range matches. Answer: "
            + "{traces: [{traceId, rootService, rootOperation, rootInferred, startTimeUnixNano, durationNanos, spanCount, errorCount, "
            + "services}], hasMore}, newest first")
    public Response search(TraceRequests.Search body) {
        TraceRequests.Search request = body == null ? TraceRequests.Search.EMPTY : body;
        TraceSearch search = request.toSearch();
        return CachedAnswers.of(traces.search(tenant(request.tenantId()), search));
    }

    @GET
    @Path("service-map")
    @RequiresPermission(value = "traces:read", belowOrganization = true)
    @Operation(summary = "Service map over from/to (default the last hour), tenantId: nodes {service, calls, errors, errorRate} "
            + "(entry spans) and edges {source, target, calls, errors, errorRate, latencyNanos {p50, p95, p99}} from CLIENT/PRODUCER "
            + "spans to child spans of another service")
    public Response serviceMap(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tenantId") String tenantId) {
        ServiceMapQuery query = new ServiceMapQuery(from, to);
        return CachedAnswers.of(traces.serviceMap(tenant(tenantId), query));
    }

    @GET
    @Path("red")
    @RequiresPermission(value = "traces:read", belowOrganization = true)
    @Operation(summary = "RED metrics of entry spans (SERVER, CONSUMER and root spans) over from/to: per service, or per operation "
            + "with service; rate (requests/s), errors, errorRate, durationNanos {p50, p95, p99}; step (seconds, or 30s, 5m) adds "
            + "chart series [epochMillis, value]; limit (1-1000 groups, default 100), tenantId")
    public Response red(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("service") String service,
                        @QueryParam("step") String step, @QueryParam("limit") String limit, @QueryParam("tenantId") String tenantId) {
        RedQuery query = RedQuery.parse(from, to, service, step, limit);
        return CachedAnswers.of(traces.red(tenant(tenantId), query));
    }

    @GET
    @Path("{traceId}")
    @RequiresPermission(value = "traces:read", belowOrganization = true)
    @Operation(summary = "One trace (32 hex digits), tenantId: every span with attributes, events and links, in depth-first order "
            + "by start time with depth, parentSpanId, childSpanIds and orphan; the critical path; summary fields; truncated beyond "
            + "10 000 spans. 404 for an unknown trace")
    public Response trace(@PathParam("traceId") String traceId, @QueryParam("tenantId") String tenantId) {
        TraceId id = TraceId.parse(traceId);
        return CachedAnswers.of(traces.trace(tenant(tenantId), id));
    }

    private TenantPlacement tenant(String tenantId) {
        return scopes.resolve(current.get(), tenantId, Permission.TRACES_READ);
    }
}
