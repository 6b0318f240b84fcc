package io.telemetryflow.iam.web;

import io.telemetryflow.iam.TenancyAdministration.TenantView;
import io.telemetryflow.iam.web.TenancyRequests.NewTenant;
import io.telemetryflow.iam.web.TenancyRequests.NodeChange;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import static io.telemetryflow.iam.TenancyKind.TENANT;

/** Tenants of the caller's organization's workspaces (a Super Administrator: any). */
@Path("iam/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource extends TenancyResource {

    @GET
    @RequiresPermission(value = "tenants:read", belowOrganization = true)
    public Page<TenantView> list(@QueryParam("organizationId") String organizationId, @QueryParam("workspaceId") String workspaceId,
                                 @QueryParam("q") String text, @BeanParam PageParams page) {
        return tenancy.list(current.get(), TENANT, QueryIds.optional(organizationId, "organizationId"),
                QueryIds.optional(workspaceId, "workspaceId"), text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "tenants:read", belowOrganization = true)
    public TenantView get(@PathParam("id") UUID id) {
        return tenancy.get(current.get(), TENANT, id);
    }

    @POST
    @RequiresPermission(value = "tenants:create", belowOrganization = true)
    public Response create(@NotNull @Valid NewTenant request) {
        TenantView tenant = tenancy.create(current.get(), TENANT, request.workspaceId(), request.slug(), request.name());
        return Created.at(uri, tenant.id(), tenant);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "tenants:update", belowOrganization = true)
    public TenantView update(@PathParam("id") UUID id, @NotNull @Valid NodeChange request) {
        return tenancy.update(current.get(), TENANT, id, request.name(), request.active());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(value = "tenants:delete", belowOrganization = true)
    public void delete(@PathParam("id") UUID id) {
        tenancy.delete(current.get(), TENANT, id);
    }
}
