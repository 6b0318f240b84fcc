package io.telemetryflow.iam.web;

import io.telemetryflow.iam.RoleAdministration.RoleDefinition;
import io.telemetryflow.iam.RoleAdministration.RoleView;
import io.telemetryflow.iam.RoleAdministration;
import io.telemetryflow.iam.web.IamRequests.NewRole;
import io.telemetryflow.iam.web.IamRequests.RoleChange;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
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

/** The system roles and the custom roles of the caller's organization. */
@Path("iam/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoleResource {

    @Inject
    CurrentCaller current;

    @Inject
    RoleAdministration roles;

    @Context
    UriInfo uri;

    /** Filters: system (true/false), q (name contains), organizationId. */
    @GET
    @RequiresPermission("roles:read")
    public Page<RoleView> list(@QueryParam("organizationId") String organizationId, @QueryParam("system") Boolean system,
                               @QueryParam("q") String text, @BeanParam PageParams page) {
        return roles.roles(current.get(), QueryIds.optional(organizationId, "organizationId"), system, text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission("roles:read")
    public RoleView get(@PathParam("id") UUID id) {
        return roles.role(current.get(), id);
    }

    @POST
    @RequiresPermission("roles:create")
    public Response create(@NotNull @Valid NewRole request) {
        RoleView role = roles.create(current.get(), request.organizationId(),
                new RoleDefinition(request.name(), request.description(), request.tier(), request.permissions()));
        return Created.at(uri, role.id(), role);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission("roles:update")
    public RoleView update(@PathParam("id") UUID id, @NotNull @Valid RoleChange request) {
        return roles.update(current.get(), id, new RoleDefinition(request.name(), request.description(), null, request.permissions()));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("roles:delete")
    public void delete(@PathParam("id") UUID id) {
        roles.delete(current.get(), id);
    }
}
