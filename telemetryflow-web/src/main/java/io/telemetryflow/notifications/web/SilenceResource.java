package io.telemetryflow.notifications.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.Silence;
import io.telemetryflow.notifications.NotificationRouting;
import io.telemetryflow.notifications.NotificationRouting.SilenceView;
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

/** Silences of a tenant (tenantId, default the caller's home tenant); docs/alerting.md, "Notification routing". */
@Path("silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    @Inject
    CurrentCaller current;

    @Inject
    NotificationRouting routing;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "Silences of the tenant")
    public List<SilenceView> list(@QueryParam("tenantId") String tenantId) {
        return routing.silences(current.get(), tenantId);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "One of the tenant's silences")
    public SilenceView get(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        return routing.silence(current.get(), tenantId, id);
    }

    @POST
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "A silence: matchers (at least one; they must not match every alert), startsAt (ISO-8601; default and earliest now), endsAt (after startsAt, at most 366 days later), comment; the author is the caller")
    public Response create(@QueryParam("tenantId") String tenantId, Silence.Spec body) {
        SilenceView created = routing.createSilence(current.get(), tenantId, body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Replaces the definition (same body as create)")
    public SilenceView update(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId, Silence.Spec body) {
        return routing.updateSilence(current.get(), tenantId, id, body);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Deletes it")
    public void delete(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        routing.deleteSilence(current.get(), tenantId, id);
    }

    @POST
    @Path("{id}/expire")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Ends the silence now; it stays listed, as expired")
    public SilenceView expire(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        return routing.expireSilence(current.get(), tenantId, id);
    }
}
