package io.telemetryflow.iam.web;

import io.telemetryflow.iam.web.TenancyRequests.NewTenant;
import io.telemetryflow.iam.web.TenancyRequests.NodeChange;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.tenancy.TenancyAdministration.TenantView;
import io.telemetryflow.tenancy.TenancyAdministration;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Tenants of the caller's organization's workspaces (a Super Administrator: any). */
@Path("iam/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    @Inject
    CurrentCaller current;

    @Inject
    TenancyAdministration tenancy;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission(value = "tenants:read", belowOrganization = true)
    public Page<TenantView> list(@QueryParam("organizationId") String organizationId, @QueryParam("workspaceId") String workspaceId,
                                 @QueryParam("q") String text, @Valid @BeanParam PageParams page) {
        return tenancy.tenants(current.get(), QueryIds.optional(organizationId, "organizationId"),
                QueryIds.optional(workspaceId, "workspaceId"), text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "tenants:read", belowOrganization = true)
    public TenantView get(@PathParam("id") UUID id) {
        return tenancy.tenant(current.get(), id);
    }

    @POST
    @RequiresPermission(value = "tenants:create", belowOrganization = true)
    public Response create(@NotNull @Valid NewTenant request) {
        TenantView tenant = tenancy.createTenant(current.get(), request.workspaceId(), request.slug(), request.name());
        return Created.at(uri, tenant.id(), tenant);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "tenants:update", belowOrganization = true)
    public TenantView update(@PathParam("id") UUID id, @NotNull @Valid NodeChange request) {
        return tenancy.updateTenant(current.get(), id, request.name(), request.active());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "tenants:delete", belowOrganization = true)
    public void delete(@PathParam("id") UUID id) {
        tenancy.deleteTenant(current.get(), id);
    }
}
