package io.telemetryflow.iam.web;

import io.telemetryflow.iam.GroupAdministration.GroupView;
import io.telemetryflow.iam.GroupAdministration.MemberView;
import io.telemetryflow.iam.GroupAdministration;
import io.telemetryflow.iam.web.IamRequests.GroupChange;
import io.telemetryflow.iam.web.IamRequests.NewGroup;
import io.telemetryflow.iam.web.IamRequests.NewMember;
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

/** Groups of the caller's organization and their members; changing members is a group update. */
@Path("iam/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    @Inject
    CurrentCaller current;

    @Inject
    GroupAdministration groups;

    @Context
    UriInfo uri;

    @GET
    @RequiresPermission("groups:read")
    public Page<GroupView> list(@QueryParam("organizationId") String organizationId, @QueryParam("q") String text,
                                @BeanParam PageParams page) {
        return groups.groups(current.get(), QueryIds.optional(organizationId, "organizationId"), text, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission("groups:read")
    public GroupView get(@PathParam("id") UUID id) {
        return groups.group(current.get(), id);
    }

    @POST
    @RequiresPermission("groups:create")
    public Response create(@NotNull @Valid NewGroup request) {
        GroupView group = groups.create(current.get(), request.organizationId(), request.name(), request.description());
        return Created.at(uri, group.id(), group);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission("groups:update")
    public GroupView update(@PathParam("id") UUID id, @NotNull @Valid GroupChange request) {
        return groups.update(current.get(), id, request.name(), request.description());
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("groups:delete")
    public void delete(@PathParam("id") UUID id) {
        groups.delete(current.get(), id);
    }

    @GET
    @Path("{id}/members")
    @RequiresPermission("groups:read")
    public Page<MemberView> members(@PathParam("id") UUID id, @BeanParam PageParams page) {
        return groups.members(current.get(), id, page.request());
    }

    @POST
    @Path("{id}/members")
    @RequiresPermission("groups:update")
    public Response addMember(@PathParam("id") UUID id, @NotNull @Valid NewMember request) {
        MemberView member = groups.addMember(current.get(), id, request.userId());
        return Created.at(uri, member.userId(), member);
    }

    @DELETE
    @Path("{id}/members/{userId}")
    @RequiresPermission("groups:update")
    public void removeMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        groups.removeMember(current.get(), id, userId);
    }
}
