package io.telemetryflow.telemetry.web;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.telemetry.ReadAdmission;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many telemetry and audit reads one signed-in user may have under way at once on this node
 * ({@code telemetryflow.query.max-concurrent-per-caller}); one more is a 429 with Retry-After (a {@code Rejected}, so
 * the usual problem answer) before its body is read. It runs right after {@code AccessControlFilter} has signed the
 * caller in, and the slot is given back when the request ends ({@link HeldReadSlot}), however it ends. The tenant's
 * bound on ClickHouse queries is the other half ({@code TelemetryQueries}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 1)
@ApplicationScoped
public class ReadConcurrencyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "telemetryflow.query.max-concurrent-per-caller")
    int perCaller;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    HeldReadSlot held;

    private ReadAdmission callers;

    @PostConstruct
    void createAdmission() {
        callers = new ReadAdmission(perCaller, "you have");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Optional<Caller> caller = currentCaller.find();
        if (caller.isPresent() && isRead(path)) {
            held.hold(callers.enter(caller.get().userId().toString()));
        }
    }

    static boolean isRead(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith("telemetry/") || relative.startsWith("audit/");
    }
}
