package io.telemetryflow.auth.web;

import io.telemetryflow.auth.mfa.MfaEnrolment;
import io.telemetryflow.iam.web.CurrentCaller;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The signed-in user's TOTP second factor: enrol, confirm, disable, new recovery codes. */
@Path("auth/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MfaResource {

    public record CodeRequest(@NotBlank @Size(max = 32) String code) {
    }

    /** One of: a current code, a recovery code, or the account's password. */
    public record DisableRequest(@Size(max = 32) String code, @Size(max = 1024) String password) {
    }

    public record RecoveryCodes(List<String> recoveryCodes) {
    }

    @Inject
    MfaEnrolment enrolment;

    @Inject
    CurrentCaller current;

    @POST
    @Path("enroll")
    @Authenticated
    @Operation(summary = "Start MFA enrolment: a new TOTP secret and its otpauth URI (for a QR code); MFA is on once confirmed")
    public MfaEnrolment.Enrolment enroll() {
        return enrolment.enroll(current.get());
    }

    @POST
    @Path("confirm")
    @Authenticated
    @Operation(summary = "Turn MFA on with a code from the authenticator; returns ten single-use recovery codes, shown only now")
    public RecoveryCodes confirm(@Valid @NotNull CodeRequest request) {
        return new RecoveryCodes(enrolment.confirm(current.get(), request.code().strip()));
    }

    @POST
    @Path("disable")
    @Authenticated
    @Operation(summary = "Turn MFA off, with a current code, a recovery code or the password")
    public Response disable(@Valid @NotNull DisableRequest request) {
        enrolment.disable(current.get(), request.code(), request.password());
        return Response.noContent().build();
    }

    @POST
    @Path("recovery-codes")
    @Authenticated
    @Operation(summary = "Replace the recovery codes (the old ones stop working), with a current code")
    public RecoveryCodes regenerate(@Valid @NotNull CodeRequest request) {
        return new RecoveryCodes(enrolment.regenerateRecoveryCodes(current.get(), request.code().strip()));
    }
}
