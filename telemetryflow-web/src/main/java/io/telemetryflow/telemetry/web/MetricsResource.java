package io.telemetryflow.telemetry.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import io.telemetryflow.telemetry.metrics.MetricExemplarRequest;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import io.telemetryflow.telemetry.metrics.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Metric series, exemplars and the metric catalogues of a tenant (docs/telemetry-api.md, Metrics). */
@Path("telemetry/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Inject
    CurrentCaller current;

    @Inject
    Metrics metrics;

    @POST
    @Path("query")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Series of one metric: metric (required), type (gauge, sum, histogram, exponential_histogram, summary; "
            + "default chosen from the catalogue), from/to (ISO-8601, epoch ms, now, now-1h; default the last hour), step (seconds or "
            + "30s/5m/1h; default about 120 points; at most 11000 points), aggregation (avg, min, max, sum, count, rate, increase, "
            + "p50, p90, p95, p99), service, filters [{key, op (eq, neq, in, not_in, regex, not_regex, exists), value | values}] "
            + "(resource.<name> for resource attributes), groupBy (up to 5 keys; resource.<name>, service.name), tenantId, "
            + "limit (series, 1-1000, default 100). Points are [epochMillis, value]; truncated when more series existed.")
    public Response query(MetricSeriesRequest request) {
        return CachedAnswers.of(metrics.series(current.get(), request == null ? MetricSeriesRequest.EMPTY : request));
    }

    @POST
    @Path("exemplars")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Exemplars of a metric's points, newest first, each with its trace and span id: metric (required), type, "
            + "from/to, service, filters, tenantId, limit (1-1000, default 100)")
    public Response exemplars(MetricExemplarRequest request) {
        return CachedAnswers.of(metrics.exemplars(current.get(), request == null ? MetricExemplarRequest.EMPTY : request));
    }

    @GET
    @Path("names")
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Metric names with type, unit, description, temporality, monotonic, lastSeen and services: service, "
            + "prefix (of the name), tenantId, limit (1-1000, default 1000)")
    public Response names(@QueryParam("service") String service, @QueryParam("prefix") String prefix,
                          @QueryParam("tenantId") String tenantId, @QueryParam("limit") String limit) {
        return CachedAnswers.of(metrics.names(current.get(), tenantId, service, prefix, limit));
    }

    @GET
    @Path("attributes/keys")
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Attribute keys of a metric for autocompletion (resource.<name> for resource attributes): metric (required), "
            + "prefix, tenantId, limit (1-1000, default 1000)")
    public Response attributeKeys(@QueryParam("metric") String metric, @QueryParam("prefix") String prefix,
                                  @QueryParam("tenantId") String tenantId, @QueryParam("limit") String limit) {
        return CachedAnswers.of(metrics.attributeKeys(current.get(), tenantId, metric, prefix, limit));
    }

    @GET
    @Path("attributes/values")
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Values of one attribute key of a metric for autocompletion: metric and key (required), prefix, tenantId, "
            + "limit (1-1000, default 1000)")
    public Response attributeValues(@QueryParam("metric") String metric, @QueryParam("key") String key,
                                    @QueryParam("prefix") String prefix, @QueryParam("tenantId") String tenantId,
                                    @QueryParam("limit") String limit) {
        return CachedAnswers.of(metrics.attributeValues(current.get(), tenantId, metric, key, prefix, limit));
    }
}
