package io.telemetryflow.auth.web;

import io.telemetryflow.auth.password.Passwords;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.http.ClientAddresses;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Changing a password, and resetting a forgotten one through a mailed link. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {

    public record ChangePasswordRequest(@NotBlank @Size(max = 1024) String currentPassword, @NotBlank @Size(max = 1024) String newPassword) {
    }

    public record ForgotPasswordRequest(@NotBlank @Email @Size(max = 320) String email) {
    }

    public record ResetPasswordRequest(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 1024) String newPassword) {
    }

    public record Accepted(String message) {
    }

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Passwords passwords;

    @Inject
    CurrentCaller current;

    @Context
    HttpServletRequest http;

    @POST
    @Path("change-password")
    @Authenticated
    @Operation(summary = "Change the password (the current one is required); the user's other sessions end")
    public Response change(@Valid @NotNull ChangePasswordRequest request) {
        passwords.change(current.get(), request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("forgot-password")
    @Anonymous
    @Operation(summary = "Mail a password-reset link (valid 30 minutes) if the email has an account; the answer is the same either way")
    public Response forgot(@Valid @NotNull ForgotPasswordRequest request) {
        passwords.requestReset(request.email(), clientAddresses.of(http));
        return Response.accepted(new Accepted("If an account exists for this email, a link to reset its password has been sent.")).build();
    }

    @POST
    @Path("reset-password")
    @Anonymous
    @Operation(summary = "Set a new password with the mailed token (single use); every session ends, MFA stays as it is")
    public Response reset(@Valid @NotNull ResetPasswordRequest request) {
        passwords.reset(request.token(), request.newPassword());
        return Response.noContent().build();
    }
}
