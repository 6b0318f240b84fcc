package io.telemetryflow.iam.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the user, role and group endpoints. */
public final class IamRequests {

    private IamRequests() {
    }

    /**
     * A new user; without a password it is an invitation. {@code organizationId}: a Super Administrator's
     * choice, others create in their own organization. A tenant alone implies its workspace.
     */
    public record NewUser(@NotBlank @Email @Size(max = 320) String email,
                          @NotBlank @Size(max = 100) String firstName,
                          @NotBlank @Size(max = 100) String lastName,
                          @Size(max = 1024) String password,
                          UUID organizationId, UUID workspaceId, UUID tenantId) {
    }

    /** Names and placement; placement left out means none (the whole organization). */
    public record UserChange(@NotBlank @Size(max = 100) String firstName,
                             @NotBlank @Size(max = 100) String lastName,
                             UUID workspaceId, UUID tenantId) {
    }

    /** A role in the user's organization, optionally narrowed to a workspace or tenant there. */
    public record RoleGrant(@NotNull UUID roleId, UUID workspaceId, UUID tenantId) {
    }

    public record PermissionGrant(@NotBlank String permission) {
    }

    public record NewRole(UUID organizationId,
                          @NotBlank @Size(max = 100) String name,
                          @Size(max = 500) String description,
                          @Min(2) @Max(5) Integer tier,
                          @NotNull List<@NotBlank String> permissions) {
    }

    public record RoleChange(@NotBlank @Size(max = 100) String name,
                             @Size(max = 500) String description,
                             @NotNull List<@NotBlank String> permissions) {
    }

    public record NewGroup(UUID organizationId, @NotBlank @Size(max = 200) String name, @Size(max = 500) String description) {
    }

    public record GroupChange(@NotBlank @Size(max = 200) String name, @Size(max = 500) String description) {
    }

    public record NewMember(@NotNull UUID userId) {
    }
}
