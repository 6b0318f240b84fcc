package io.telemetryflow.iam.web;

import io.telemetryflow.iam.TenancyAdministration.NodeView;
import io.telemetryflow.iam.web.TenancyRequests.NewRegion;
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
import static io.telemetryflow.iam.TenancyKind.REGION;

/** Regions: platform-wide; changed by Super Administrators only (regions:create/update/delete). */
@Path("iam/regions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegionResource extends TenancyResource {

    @GET
    @RequiresPermission("regions:read")
    public Page<NodeView> list(@QueryParam("q") String text, @BeanParam PageParams page) {
        return tenancy.list(current.get(), REGION, null, null, text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission("regions:read")
    public NodeView get(@PathParam("id") UUID id) {
        return tenancy.get(current.get(), REGION, id);
    }

    @POST
    @RequiresPermission("regions:create")
    public Response create(@NotNull @Valid NewRegion request) {
        NodeView region = tenancy.create(current.get(), REGION, null, request.code(), request.name());
        return Created.at(uri, region.id(), region);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission("regions:update")
    public NodeView update(@PathParam("id") UUID id, @NotNull @Valid NodeChange request) {
        return tenancy.update(current.get(), REGION, id, request.name(), request.active());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("regions:delete")
    public void delete(@PathParam("id") UUID id) {
        tenancy.delete(current.get(), REGION, id);
    }
}
