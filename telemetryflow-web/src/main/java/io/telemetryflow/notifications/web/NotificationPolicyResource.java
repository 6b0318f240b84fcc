package io.telemetryflow.notifications.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.NotificationPolicy;
import io.telemetryflow.notifications.NotificationRouting;
import io.telemetryflow.notifications.NotificationRouting.PolicyView;
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

/** Notification policies of a tenant (tenantId, default the caller's home tenant); docs/alerting.md, "Notification routing". */
@Path("notification-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationPolicyResource {

    @Inject
    CurrentCaller current;

    @Inject
    NotificationRouting routing;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "Notification policies of the tenant")
    public List<PolicyView> list(@QueryParam("tenantId") String tenantId) {
        return routing.policies(current.get(), tenantId);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "One of the tenant's notification policies")
    public PolicyView get(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        return routing.policy(current.get(), tenantId, id);
    }

    @POST
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "A policy: name, position (order, 0-10000), matchers [{name, op (=, !=, =~, !~), value}], channelIds, groupBy (label names or [\"...\"]; default [alertname]), groupWait (30s), groupInterval (5m), repeatInterval (4h), sendResolved (true), continueMatching (false), defaultPolicy (false; without matchers)")
    public Response create(@QueryParam("tenantId") String tenantId, NotificationPolicy.Spec body) {
        PolicyView created = routing.createPolicy(current.get(), tenantId, body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Replaces the definition (same body as create)")
    public PolicyView update(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId, NotificationPolicy.Spec body) {
        return routing.updatePolicy(current.get(), tenantId, id, body);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Deletes it")
    public void delete(@PathParam("id") UUID id, @QueryParam("tenantId") String tenantId) {
        routing.deletePolicy(current.get(), tenantId, id);
    }
}
