package io.telemetryflow.notifications.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.InhibitionRule;
import io.telemetryflow.notifications.NotificationRouting;
import io.telemetryflow.notifications.NotificationRouting.InhibitionView;
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

/** Inhibition rules of a tenant (tenantId, default the caller's home tenant); docs/alerting.md, "Notification routing". */
@Path("inhibition-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InhibitionRuleResource {

    @Inject
    CurrentCaller current;

    @Inject
    NotificationRouting routing;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "Inhibition rules of the tenant")
    public List<InhibitionView> list(@QueryParam("tenantId") String tenantId) {
        return routing.inhibitionRules(current.get(), tenantId);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "One of the tenant's inhibition rules")
    public InhibitionView get(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        return routing.inhibitionRule(current.get(), tenantId, id);
    }

    @POST
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "An inhibition rule: name, sourceMatchers, targetMatchers, equal (label names): a firing source mutes the matching targets with the same equal labels")
    public Response create(@QueryParam("tenantId") String tenantId, InhibitionRule.Spec body) {
        InhibitionView created = routing.createInhibitionRule(current.get(), tenantId, body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Replaces the definition (same body as create)")
    public InhibitionView update(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId, InhibitionRule.Spec body) {
        return routing.updateInhibitionRule(current.get(), tenantId, id, body);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Deletes it")
    public void delete(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        routing.deleteInhibitionRule(current.get(), tenantId, id);
    }
}
