package io.telemetryflow.iam.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the tenancy endpoints. A slug left out is derived from the name. */
public final class TenancyRequests {

    private TenancyRequests() {
    }

    public record NewRegion(@NotBlank @Size(max = 63) String code, @NotBlank @Size(max = 200) String name) {
    }

    public record NewOrganization(@NotNull UUID regionId, @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
    }

    /** {@code organizationId}: a Super Administrator's choice; others create in their own organization. */
    public record NewWorkspace(UUID organizationId, @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
    }

    public record NewTenant(@NotNull UUID workspaceId, @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
    }

    /** A new name; {@code active} left out keeps the current state. */
    public record NodeChange(@NotBlank @Size(max = 200) String name, Boolean active) {
    }
}
