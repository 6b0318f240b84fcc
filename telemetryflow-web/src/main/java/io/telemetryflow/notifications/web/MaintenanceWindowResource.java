package io.telemetryflow.notifications.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.MaintenanceWindow;
import io.telemetryflow.notifications.NotificationRouting;
import io.telemetryflow.notifications.NotificationRouting.WindowView;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Recurring maintenance windows of a tenant (tenantId, default the caller's home tenant); docs/alerting.md, "Notification routing". */
@Path("maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MaintenanceWindowResource {

    @Inject
    CurrentCaller current;

    @Inject
    NotificationRouting routing;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "Recurring maintenance windows of the tenant")
    public List<WindowView> list(@QueryParam("tenantId") String tenantId) {
        return routing.windows(current.get(), tenantId);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "One of the tenant's maintenance windows")
    public WindowView get(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        return routing.window(current.get(), tenantId, id);
    }

    @POST
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "A weekly window: name, days (mon..sun), startTime (HH:mm, local), duration (e.g. 2h, at most 7d), timeZone (IANA), matchers (optional; none: every alert)")
    public Response create(@QueryParam("tenantId") String tenantId, MaintenanceWindow.Spec body) {
        WindowView created = routing.createWindow(current.get(), tenantId, body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Replaces the definition (same body as create)")
    public WindowView update(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId, MaintenanceWindow.Spec body) {
        return routing.updateWindow(current.get(), tenantId, id, body);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Deletes it")
    public void delete(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        routing.deleteWindow(current.get(), tenantId, id);
    }
}
