package io.telemetryflow.iam.web;

import io.telemetryflow.iam.RoleAdministration.PermissionView;
import io.telemetryflow.iam.RoleAdministration;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The permission catalogue: what roles, direct grants and API keys can hold. */
@Path("iam/permissions")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionResource {

    @Inject
    CurrentCaller current;

    @Inject
    RoleAdministration roles;

    @GET
    @RequiresPermission("permissions:read")
    public Page<PermissionView> list(@QueryParam("resource") String resource, @BeanParam PageParams page) {
        return roles.permissions(current.get(), resource, page.request());
    }
}
