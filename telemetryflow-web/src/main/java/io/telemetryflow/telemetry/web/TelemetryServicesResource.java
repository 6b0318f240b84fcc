package io.telemetryflow.telemetry.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import io.telemetryflow.telemetry.services.ServiceCatalogue;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The services of a tenant for pickers (docs/telemetry-api.md, Services). The filter can name one permission: it asks
 * for metrics:read somewhere; the service then checks the read permission of each signal in the tenant itself.
 */
@Path("telemetry/services")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryServicesResource {

    @Inject
    CurrentCaller current;

    @Inject
    ServiceCatalogue catalogue;

    @GET
    @RequiresPermission(value = "metrics:read", belowOrganization = true)
    @Operation(summary = "Services with the signals they sent, firstSeen, lastSeen and record counts per signal: signal (traces, logs "
            + "or metrics; default every signal the caller may read), tenantId, limit (1-1000, default 1000)")
    public Response services(@QueryParam("signal") String signal, @QueryParam("tenantId") String tenantId,
                             @QueryParam("limit") String limit) {
        return CachedAnswers.of(catalogue.services(current.get(), tenantId, signal, limit));
    }
}
