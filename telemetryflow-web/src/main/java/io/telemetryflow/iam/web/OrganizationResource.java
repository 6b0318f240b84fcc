package io.telemetryflow.iam.web;

import io.telemetryflow.iam.TenancyAdministration.NodeView;
import io.telemetryflow.iam.web.TenancyRequests.NewOrganization;
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
import static io.telemetryflow.iam.TenancyKind.ORGANIZATION;

/**
 * Organizations. Creating and deleting is for Super Administrators; reading and renaming also for an
 * Administrator, who only ever sees their own organization.
 */
@Path("iam/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource extends TenancyResource {

    @GET
    @RequiresPermission("organizations:read")
    public Page<NodeView> list(@QueryParam("regionId") String regionId, @QueryParam("q") String text,
                               @BeanParam PageParams page) {
        return tenancy.list(current.get(), ORGANIZATION, null, QueryIds.optional(regionId, "regionId"), text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission("organizations:read")
    public NodeView get(@PathParam("id") UUID id) {
        return tenancy.get(current.get(), ORGANIZATION, id);
    }

    @POST
    @RequiresPermission("organizations:create")
    public Response create(@NotNull @Valid NewOrganization request) {
        NodeView organization = tenancy.create(current.get(), ORGANIZATION, request.regionId(), request.slug(), request.name());
        return Created.at(uri, organization.id(), organization);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission("organizations:update")
    public NodeView update(@PathParam("id") UUID id, @NotNull @Valid NodeChange request) {
        return tenancy.update(current.get(), ORGANIZATION, id, request.name(), request.active());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("organizations:delete")
    public void delete(@PathParam("id") UUID id) {
        tenancy.delete(current.get(), ORGANIZATION, id);
    }
}
