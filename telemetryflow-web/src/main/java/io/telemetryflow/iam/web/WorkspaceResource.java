package io.telemetryflow.iam.web;

import io.telemetryflow.iam.TenancyAdministration.NodeView;
import io.telemetryflow.iam.web.TenancyRequests.NewWorkspace;
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
import static io.telemetryflow.iam.TenancyKind.WORKSPACE;

/** Workspaces of the caller's organization (a Super Administrator: any, filterable by organizationId). */
@Path("iam/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceResource extends TenancyResource {

    @GET
    @RequiresPermission(value = "workspaces:read", belowOrganization = true)
    public Page<NodeView> list(@QueryParam("organizationId") String organizationId, @QueryParam("q") String text,
                               @BeanParam PageParams page) {
        return tenancy.list(current.get(), WORKSPACE, QueryIds.optional(organizationId, "organizationId"), null, text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = "workspaces:read", belowOrganization = true)
    public NodeView get(@PathParam("id") UUID id) {
        return tenancy.get(current.get(), WORKSPACE, id);
    }

    @POST
    @RequiresPermission("workspaces:create")
    public Response create(@NotNull @Valid NewWorkspace request) {
        NodeView workspace = tenancy.create(current.get(), WORKSPACE, request.organizationId(), request.slug(), request.name());
        return Created.at(uri, workspace.id(), workspace);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = "workspaces:update", belowOrganization = true)
    public NodeView update(@PathParam("id") UUID id, @NotNull @Valid NodeChange request) {
        return tenancy.update(current.get(), WORKSPACE, id, request.name(), request.active());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("workspaces:delete")
    public void delete(@PathParam("id") UUID id) {
        tenancy.delete(current.get(), WORKSPACE, id);
    }
}
