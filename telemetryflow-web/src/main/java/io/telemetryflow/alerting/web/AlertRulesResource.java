package io.telemetryflow.alerting.web;

import io.telemetryflow.alerting.AlertInstanceView;
import io.telemetryflow.alerting.AlertInstances;
import io.telemetryflow.alerting.AlertPreview;
import io.telemetryflow.alerting.AlertRuleSpec;
import io.telemetryflow.alerting.AlertRuleView;
import io.telemetryflow.alerting.AlertRules;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Alert rules of a tenant, their preview, history, statistics and instance acknowledgement (docs/alerting.md). */
@Path("alerts/rules")
@Produces(MediaType.APPLICATION_JSON)
public class AlertRulesResource {

    @Inject
    CurrentCaller current;

    @Inject
    AlertRules rules;

    @Inject
    AlertInstances instances;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "Alert rules of a tenant (tenantId, default the home tenant), by name: name (contains), enabled, limit, offset")
    public AlertRuleView.Page list(@QueryParam("tenantId") String tenantId, @QueryParam("name") String name,
                                   @QueryParam("enabled") String enabled, @BeanParam PageParams page) {
        return rules.list(current.get(), tenantId, name, flag(enabled), page.request());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "alerts:write", belowOrganization = true)
    @Operation(summary = "Create an alert rule (the rule JSON of docs/alerting.md; tenantId optional)")
    public Response create(String body) {
        AlertRuleView created = rules.create(current.get(), AlertRuleBodies.read(body).spec());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "One alert rule with its instance counts and last evaluation")
    public AlertRuleView get(@PathParam("id") UUID id) {
        return rules.get(current.get(), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "alerts:write", belowOrganization = true)
    @Operation(summary = "Replace an alert rule: the rule JSON plus the version you read (409 when it changed since)")
    public AlertRuleView update(@PathParam("id") UUID id, String body) {
        AlertRuleBodies request = AlertRuleBodies.read(body);
        return rules.update(current.get(), id, request.spec(), request.number("version"));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "alerts:write", belowOrganization = true)
    @Operation(summary = "Delete an alert rule and its instances (its history stays until it expires)")
    public void delete(@PathParam("id") UUID id) {
        rules.delete(current.get(), id);
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "Evaluate an unsaved rule over the last hours (1-24): its series, threshold crossings and state transitions")
    public PreviewAnswer preview(String body) {
        AlertRuleBodies request = AlertRuleBodies.read(body);
        Long hours = request.number("hours");
        AlertPreview.PreviewResult result = rules.preview(current.get(), request.spec(),
                hours == null || hours > Integer.MAX_VALUE || hours < Integer.MIN_VALUE ? null : hours.intValue());
        return PreviewAnswer.of(result);
    }

    @GET
    @Path("{id}/history")
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "State transitions of a rule's instances, newest first: fingerprint (one instance), limit, offset")
    public AlertInstanceView.History history(@PathParam("id") UUID id, @QueryParam("fingerprint") String fingerprint,
                                             @BeanParam PageParams page) {
        return instances.history(current.get(), id, fingerprint, page.request());
    }

    @GET
    @Path("{id}/stats")
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "How often the rule fired and its mean time to resolve (seconds), over the retained history")
    public AlertInstanceView.Stats stats(@PathParam("id") UUID id) {
        return instances.stats(current.get(), id);
    }

    @POST
    @Path("{id}/instances/{fingerprint}/acknowledge")
    @RequiresPermission(value = "alerts:write", belowOrganization = true)
    @Operation(summary = "Acknowledge an alert instance (until it fires anew or returns to normal)")
    public AlertInstanceView acknowledge(@PathParam("id") UUID id, @PathParam("fingerprint") String fingerprint) {
        return instances.acknowledge(current.get(), id, fingerprint);
    }

    static Boolean flag(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Rejected.invalid("enabled", "enabled must be true or false");
        };
    }
}
