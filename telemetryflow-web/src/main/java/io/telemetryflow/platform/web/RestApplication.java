package io.telemetryflow.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The management API. Callers authenticate with the platform's access tokens ({@code Authorization:
 * Bearer}), which {@link io.telemetryflow.auth.web.AccessControlFilter} verifies before it decides what each
 * may call. No container login mechanism (MP-JWT) is set: the platform verifies its own tokens against its
 * rotating signing keys, so a token naming no trusted key is a 401 like any other invalid token. OTLP ingestion
 * (/v1/...) is a servlet with API-key authentication.
 */
@ApplicationPath("/api/v2")
@OpenAPIDefinition(info = @Info(
        title = "TelemetryFlow API",
        version = "v2",
        description = "Management and query API of TelemetryFlow, the OpenTelemetry-native observability platform.",
        license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /api/v2/auth/login")
public class RestApplication extends Application {
}
