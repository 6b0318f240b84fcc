package io.telemetryflow.audit.web;

import io.telemetryflow.audit.AuditLogFilter;
import io.telemetryflow.audit.AuditLogPage;
import io.telemetryflow.audit.AuditLogs;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.PageParams;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit trail, newest first, within the caller's organization (a Super Administrator sees every organization and
 * may narrow to one with {@code organizationId}). Parameters arrive as text so that a bad value is a 400 naming it.
 */
@Path("audit/logs")
public class AuditLogResource {

    @Inject
    CurrentCaller current;

    @Inject
    AuditLogs logs;

    @GET
    @RequiresPermission("audit:read")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit events: from/to (ISO-8601, default the last 24 h), userId, eventType, result, resource (prefix), "
            + "action, organizationId (Super Administrator), limit (1-1000, default 100), offset")
    public AuditLogPage list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("userId") String userId,
                             @QueryParam("eventType") String eventType, @QueryParam("result") String result,
                             @QueryParam("resource") String resource, @QueryParam("action") String action,
                             @QueryParam("organizationId") String organizationId, @BeanParam PageParams page) {
        return logs.find(current.get(), AuditLogFilter.parse(from, to, userId, eventType, result, resource, action, organizationId,
                page.limitText(), page.offsetText(), Instant.now()));
    }
}
