package io.telemetryflow.apikey.web;

import io.telemetryflow.apikey.ApiKeyService;
import io.telemetryflow.apikey.ApiKeyStatus;
import io.telemetryflow.apikey.ApiKeyView;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * API keys for OTLP ingestion: {@code POST /api-keys} creates one (201, the secret shown this once),
 * {@code GET /api-keys} and {@code GET /api-keys/{id}} read them (never the secret), and the actions
 * {@code POST /api-keys/{id}/rotate} and {@code POST /api-keys/{id}/revoke} change them. A key of another
 * organization, or an id that is not a UUID, is a 404.
 */
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    CurrentCaller current;

    @Inject
    ApiKeyService keys;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "api-keys:create", belowOrganization = true)
    @Operation(summary = "Create an API key; the response holds its secret, shown only this once")
    public Response create(@Valid @NotNull ApiKeyRequests.Create request) {
        ApiKeyView.WithSecret created = keys.create(current.get(), request.toCommand());
        return Response.created(uri.getAbsolutePathBuilder().path(created.apiKey().id().toString()).build())
                .cacheControl(noStore()).entity(created).build();
    }

    @GET
    @RequiresPermission(value = "api-keys:read", belowOrganization = true)
    @Operation(summary = "List API keys (status active|revoked|expired, name contains), newest first, paged by page (from 1) and size, or by limit and offset")
    public ApiKeyView.Page list(@QueryParam("status") String status, @QueryParam("name") String name,
                                @BeanParam PageParams window, @BeanParam PageParams.Numbered numbered) {
        ApiKeyStatus wanted = status(status);
        PageRequest page = numbered.given() ? numbered.request() : window.request();
        return ApiKeyView.Page.of(keys.list(current.get(), wanted, name, page));
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "api-keys:read", belowOrganization = true)
    @Operation(summary = "One API key, without its secret")
    public ApiKeyView get(@PathParam("id") UUID id) {
        return keys.get(current.get(), id);
    }

    @POST
    @Path("{id}/rotate")
    @RequiresPermission(value = "api-keys:rotate", belowOrganization = true)
    @Operation(summary = "Issue a new secret; the old one works until the grace period ends (optional body {\"gracePeriod\":\"PT1H\"})")
    public Response rotate(@PathParam("id") UUID id, String body) {
        ApiKeyView.WithSecret rotated = keys.rotate(current.get(), id, ApiKeyRequests.Rotate.parse(body).grace());
        return Response.ok(rotated).cacheControl(noStore()).build();
    }

    @POST
    @Path("{id}/revoke")
    @RequiresPermission(value = "api-keys:revoke", belowOrganization = true)
    @Operation(summary = "Revoke an API key on every node; revoking a revoked key answers it unchanged")
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return keys.revoke(current.get(), id);
    }

    private static ApiKeyStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ApiKeyStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("status", "status must be active, revoked or expired");
        }
    }

    /** Secrets must not linger in caches between the server and the person who asked. */
    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        return control;
    }
}
