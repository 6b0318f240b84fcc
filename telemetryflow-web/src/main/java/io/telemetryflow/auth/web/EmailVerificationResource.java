package io.telemetryflow.auth.web;

import io.telemetryflow.auth.password.EmailVerifications;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Confirming the signed-in user's email address through a mailed link. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EmailVerificationResource {

    public record VerifyEmailRequest(@NotBlank @Size(max = 100) String token) {
    }

    @Inject
    EmailVerifications verifications;

    @Inject
    CurrentCaller current;

    @POST
    @Path("send-verification")
    @Authenticated
    @Operation(summary = "Mail the signed-in user a link (valid 24 hours) that confirms their email address")
    public Response send() {
        verifications.send(current.get());
        return Response.accepted().build();
    }

    @POST
    @Path("verify-email")
    @Anonymous
    @Operation(summary = "Confirm an email address with the mailed token (single use)")
    public Response verify(@Valid @NotNull VerifyEmailRequest request) {
        verifications.verify(request.token());
        return Response.noContent().build();
    }
}
