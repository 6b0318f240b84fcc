package io.telemetryflow.iam.web;

import io.telemetryflow.iam.UserAdministration.AssignmentView;
import io.telemetryflow.iam.UserAdministration.UserFilter;
import io.telemetryflow.iam.UserAdministration.UserView;
import io.telemetryflow.iam.UserAdministration;
import io.telemetryflow.iam.UserStatus;
import io.telemetryflow.iam.web.IamRequests.NewUser;
import io.telemetryflow.iam.web.IamRequests.PermissionGrant;
import io.telemetryflow.iam.web.IamRequests.RoleGrant;
import io.telemetryflow.iam.web.IamRequests.UserChange;
import io.telemetryflow.platform.error.Rejected;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Users of the caller's organization (a Super Administrator: any): lifecycle, roles, direct permissions. */
@Path("iam/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    CurrentCaller current;

    @Inject
    UserAdministration users;

    @Context
    UriInfo uri;

    /** Filters: status, email and name (contains, case-insensitive), workspaceId, organizationId. */
    @GET
    @RequiresPermission("users:read")
    public Page<UserView> list(@QueryParam("status") String status, @QueryParam("email") String email, @QueryParam("name") String name,
                               @QueryParam("workspaceId") String workspaceId, @QueryParam("organizationId") String organizationId,
                               @BeanParam PageParams page) {
        UserFilter filter = new UserFilter(QueryIds.optional(organizationId, "organizationId"),
                QueryIds.optional(workspaceId, "workspaceId"), status(status), email, name);
        return users.users(current.get(), filter, page.request());
    }

    @GET
    @Path("{id}")
    @RequiresPermission("users:read")
    public UserView get(@PathParam("id") UUID id) {
        return users.user(current.get(), id);
    }

    @POST
    @RequiresPermission("users:create")
    public Response create(@NotNull @Valid NewUser request) {
        UserView user = users.create(current.get(), new UserAdministration.NewUser(request.email(), request.firstName(),
                request.lastName(), request.password(), request.organizationId(), request.workspaceId(), request.tenantId()));
        return Created.at(uri, user.id(), user);
    }

    @PUT
    @Path("{id}")
    @RequiresPermission("users:update")
    public UserView update(@PathParam("id") UUID id, @NotNull @Valid UserChange request) {
        return users.update(current.get(), id, request.firstName(), request.lastName(), request.workspaceId(), request.tenantId());
    }

    @POST
    @Path("{id}/activate")
    @RequiresPermission("users:update")
    public UserView activate(@PathParam("id") UUID id) {
        return users.activate(current.get(), id);
    }

    @POST
    @Path("{id}/deactivate")
    @RequiresPermission("users:update")
    public UserView deactivate(@PathParam("id") UUID id) {
        return users.deactivate(current.get(), id);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission("users:delete")
    public void delete(@PathParam("id") UUID id) {
        users.delete(current.get(), id);
    }

    @POST
    @Path("{id}/roles")
    @RequiresPermission("users:assign-roles")
    public Response assignRole(@PathParam("id") UUID id, @NotNull @Valid RoleGrant request) {
        AssignmentView assignment = users.assignRole(current.get(), id, request.roleId(), request.workspaceId(), request.tenantId());
        return Created.at(uri, assignment.id(), assignment);
    }

    @DELETE
    @Path("{id}/roles/{assignmentId}")
    @RequiresPermission("users:assign-roles")
    public void removeRole(@PathParam("id") UUID id, @PathParam("assignmentId") UUID assignmentId) {
        users.removeRole(current.get(), id, assignmentId);
    }

    /** Answers the user's direct permissions after the grant. */
    @POST
    @Path("{id}/permissions")
    @RequiresPermission("users:assign-roles")
    public Response grantPermission(@PathParam("id") UUID id, @NotNull @Valid PermissionGrant request) {
        List<String> permissions = users.grantPermission(current.get(), id, request.permission());
        return Created.at(uri, request.permission(), permissions);
    }

    @DELETE
    @Path("{id}/permissions/{permission}")
    @RequiresPermission("users:assign-roles")
    public void revokePermission(@PathParam("id") UUID id, @PathParam("permission") String permission) {
        users.revokePermission(current.get(), id, permission);
    }

    private static UserStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UserStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("status", "status must be one of created, active, inactive, deleted");
        }
    }
}
