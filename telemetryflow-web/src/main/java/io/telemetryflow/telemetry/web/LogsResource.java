package io.telemetryflow.telemetry.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import io.telemetryflow.telemetry.logs.LogQueries;
import io.telemetryflow.telemetry.logs.LogRequests;
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
 * The logs explorer's API (docs/telemetry-api.md, "Logs"): search, volume histogram, top values, and the logs of a
 * trace. A missing body counts as an empty one: every field is optional.
 */
@Path("telemetry/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    private static final String FILTERS = "tenantId (default: your home tenant); from/to (ISO-8601, epoch ms, now, now-15m; "
            + "default the last hour); query (words match whole body tokens, case-sensitive; words with punctuation and "
            + "\"quoted phrases\" match as substrings); severity (TRACE|DEBUG|INFO|WARN|ERROR|FATAL, at or above); service "
            + "(a name or a list); traceId (32 hex); spanId (16 hex); filters ([{key, op: eq|neq|in|not_in|regex|not_regex|exists, "
            + "value|values}], resource. prefix for resource attributes)";

    @Inject
    CurrentCaller current;

    @Inject
    LogQueries logs;

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "logs:read", belowOrganization = true)
    @Operation(summary = "Search log records, newest first. Body: " + FILTERS + "; limit (1-1000, default 100); cursor (nextCursor "
            + "of the previous page, with the same filters). Answer: logs, nextCursor, hasMore, totalEstimate {count, exact}")
    public Response search(LogRequests.Search request) {
        return CachedAnswers.of(logs.search(current.get(), request != null ? request : LogRequests.Search.EMPTY));
    }

    @POST
    @Path("histogram")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "logs:read", belowOrganization = true)
    @Operation(summary = "Matching log records over time per severity level, for the explorer's bar chart. Body: " + FILTERS
            + "; step (30s, 5m, 1h, 1d; default about 60 buckets; at most 1000 buckets). Answer: stepMillis, buckets "
            + "[{timestamp (epoch ms), counts {TRACE..FATAL, UNSPECIFIED}, total}] (zero-filled), total")
    public Response histogram(LogRequests.Histogram request) {
        return CachedAnswers.of(logs.histogram(current.get(), request != null ? request : LogRequests.Histogram.EMPTY));
    }

    @POST
    @Path("top-values")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "logs:read", belowOrganization = true)
    @Operation(summary = "The most frequent values of a field among matching log records. Body: " + FILTERS + "; field "
            + "(required: service.name, severity, scope.name, an attribute key, or resource.<key>); limit (1-100, default 10). "
            + "Answer: field, values [{value, count}], otherCount, total, truncated")
    public Response topValues(LogRequests.TopValues request) {
        return CachedAnswers.of(logs.topValues(current.get(), request != null ? request : LogRequests.TopValues.EMPTY));
    }

    @GET
    @Path("by-trace/{traceId}")
    @RequiresPermission(value = "logs:read", belowOrganization = true)
    @Operation(summary = "The log records carrying a trace id (32 hex), oldest first. Query: tenantId; from/to (default: the "
            + "trace's span range widened by 5 minutes, or the last hour when its spans are unknown); limit (1-1000, default 100). "
            + "Answer: traceId, from, to, logs, hasMore")
    public Response byTrace(@PathParam("traceId") String traceId, @QueryParam("tenantId") String tenantId,
                            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit) {
        return CachedAnswers.of(logs.byTrace(current.get(), new LogRequests.ByTrace(traceId, tenantId, from, to, limit)));
    }
}
