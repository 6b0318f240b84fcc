package io.telemetryflow.notifications.web;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.channels.ChannelAdministration;
import io.telemetryflow.notifications.channels.ChannelView;
import io.telemetryflow.notifications.channels.DeliveryResult;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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
import java.io.StringReader;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Notification channels of a tenant (docs/alerting.md, "Notification channels"): CRUD, and "send test" of a stored
 * channel or of one not saved yet. {@code tenantId} (query) names the tenant of a list, a create or an unsaved test;
 * the caller's home tenant otherwise. Secrets in {@code config} are write-only: answers show them as "********", and an
 * update that sends that mask keeps the stored secret. A test answers 200 with how the delivery went.
 */
@Path("notification-channels")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationChannelsResource {

    private static final String BODY = "{name, type: email|slack|teams|pagerduty|opsgenie|telegram|discord|webhook, config: {the type's "
            + "settings}, templates: {title, body} (Mustache; optional), enabled}";

    @Inject
    CurrentCaller current;

    @Inject
    ChannelAdministration channels;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "List a tenant's notification channels by name (tenantId: default your home tenant; limit, offset)")
    public Page<ChannelView> list(@QueryParam("tenantId") String tenantId, @BeanParam PageParams page) {
        return channels.list(current.get(), tenantId, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "One notification channel, its secrets masked")
    public ChannelView get(@PathParam("id") UUID id) {
        return channels.get(current.get(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Create a notification channel. Body: " + BODY)
    public Response create(@QueryParam("tenantId") String tenantId, String body) {
        ChannelView created = channels.create(current.get(), tenantId, object(body));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Replace a notification channel's definition; masked or absent secrets keep their values. Body: " + BODY)
    public ChannelView update(@PathParam("id") UUID id, String body) {
        return channels.update(current.get(), id, object(body));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Delete a notification channel")
    public void delete(@PathParam("id") UUID id) {
        channels.delete(current.get(), id);
    }

    /** The body as a JSON object; read here so that malformed JSON or another JSON value is a 400 naming the body. */
    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw Rejected.invalid("body", "the body must be a JSON object " + BODY);
        }
    }

    @POST
    @Path("{id}/test")
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Send a test notification through a stored channel. Answer: {delivered, retryable, statusCode, error}")
    public DeliveryResult test(@PathParam("id") UUID id) {
        return channels.test(current.get(), id);
    }

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "notifications:write", belowOrganization = true)
    @Operation(summary = "Send a test notification through a channel that is not saved (tenantId: default your home tenant). Body: "
            + BODY + ". Answer: {delivered, retryable, statusCode, error}")
    public DeliveryResult testUnsaved(@QueryParam("tenantId") String tenantId, String body) {
        return channels.testUnsaved(current.get(), tenantId, object(body));
    }
}
