package io.telemetryflow.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The management API. OTLP ingestion paths (/v1/...) arrive with the ingestion feature. */
@ApplicationPath("/api/v2")
@OpenAPIDefinition(info = @Info(
        title = "TelemetryFlow API",
        version = "v2",
        description = "Management and query API of TelemetryFlow, the OpenTelemetry-native observability platform.",
        license = @License(name = "Apache-2.0")))
public class RestApplication extends Application {
}
