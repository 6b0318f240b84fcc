package io.telemetryflow.auth.web;

import io.telemetryflow.auth.SigningKeys;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.web.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Rotation of the platform's JWT signing key (docs/iam.md, "Rotating the signing key"). */
@Path("auth/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    @Inject
    SigningKeys keys;

    @Inject
    CurrentCaller current;

    @POST
    @Path("rotate")
    @RequiresPermission("signing-keys:rotate")
    @Operation(summary = "Sign new tokens with the standby key and create a new standby key; tokens already issued stay valid until they"
            + " expire. 409 while the standby key is too new for every node to have read it")
    public SigningKeys.Rotation rotate() {
        return keys.rotate(current.get());
    }
}
