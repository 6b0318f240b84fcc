package io.telemetryflow.alerting.web;

import io.telemetryflow.alerting.AlertInstanceView;
import io.telemetryflow.alerting.AlertInstances;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Alert instances of a tenant: what is firing and pending now (docs/alerting.md). */
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertInstancesResource {

    @Inject
    CurrentCaller current;

    @Inject
    AlertInstances instances;

    @GET
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "Alert instances, most recently changed first: state (comma-separated, default firing,pending; all), severity, "
            + "ruleId, q (rule name or fingerprint contains), tenantId, limit, offset")
    public AlertInstanceView.Page list(@QueryParam("tenantId") String tenantId, @QueryParam("state") String state,
                                       @QueryParam("severity") String severity, @QueryParam("ruleId") String ruleId,
                                       @QueryParam("q") String q, @BeanParam PageParams page) {
        return instances.list(current.get(), new AlertInstances.Filter(tenantId, state, severity, ruleId, q), page.request());
    }
}
