package io.telemetryflow.alerting.web;

import io.telemetryflow.alerting.AlertRuleView;
import io.telemetryflow.alerting.AlertRules;
import io.telemetryflow.alerting.RuleTemplate;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The default alert rule templates (hosts, Kubernetes, databases, caches, load balancers) and their import into a tenant. */
@Path("alerts/rule-templates")
@Produces(MediaType.APPLICATION_JSON)
public class AlertTemplatesResource {

    /** {@code ids} of the templates to import, or {@code all: true}; {@code tenantId} optional. */
    public record ImportRequest(List<String> ids, Boolean all, String tenantId) {
    }

    /** The rules an import created. */
    public record Imported(List<AlertRuleView> items) {
    }

    @Inject
    CurrentCaller current;

    @Inject
    AlertRules rules;

    @GET
    @RequiresPermission(value = "alerts:read", belowOrganization = true)
    @Operation(summary = "The default alert rule templates: id, category, title and the rule spec")
    public List<RuleTemplate> list() {
        return rules.templates();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(value = "alerts:write", belowOrganization = true)
    @Operation(summary = "Create rules from templates: {\"ids\":[...]} or {\"all\":true}, tenantId optional")
    public Imported importTemplates(ImportRequest request) {
        ImportRequest given = request == null ? new ImportRequest(null, null, null) : request;
        return new Imported(rules.importTemplates(current.get(), given.tenantId(), given.ids(), Boolean.TRUE.equals(given.all())));
    }
}
