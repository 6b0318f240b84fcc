package io.telemetryflow.notifications.web;

import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.notifications.NotificationAttempts;
import io.telemetryflow.notifications.NotificationAttempts.InstanceNotifications;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The notifications of one alert instance: every delivery attempt and what the per-rule cap dropped. */
@Path("alerts/rules/{ruleId}/instances/{fingerprint}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class AlertNotificationsResource {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    @Inject
    CurrentCaller current;

    @Inject
    NotificationAttempts attempts;

    @GET
    @RequiresPermission(value = "notifications:read", belowOrganization = true)
    @Operation(summary = "Delivery attempts of the notifications that named the instance, "
            + "oldest first: {ruleId, fingerprint, attempts: [{notificationId, status, channelId, attempt, at, outcome (delivered, retrying, "
            + "failed, dead_lettered), statusCode, error}], dropped: [{notificationId, status, at, reason}]}; tenantId")
    public InstanceNotifications list(@PathParam("ruleId") UUID ruleId, @PathParam("fingerprint") String fingerprint,
                                      @QueryParam("tenantId") String tenantId) {
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw Rejected.invalid("fingerprint", "fingerprint must be 16 lower-case hex digits");
        }
        return attempts.of(current.get(), tenantId, ruleId, fingerprint);
    }
}
