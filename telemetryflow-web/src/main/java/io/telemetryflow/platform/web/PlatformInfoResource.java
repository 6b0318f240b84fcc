package io.telemetryflow.platform.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What this server is; clients (the console, the CLI) read it to check compatibility. */
@Path("platform/info")
public class PlatformInfoResource {

    public record PlatformInfo(String name, String version, String apiVersion) {
    }

    @GET
    @Anonymous
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Product name and version")
    public PlatformInfo info() {
        String version = PlatformInfoResource.class.getPackage().getImplementationVersion();
        return new PlatformInfo("TelemetryFlow", version == null ? "development" : version, "v2");
    }
}
