package io.telemetryflow.iam;

import java.util.Optional;
import java.util.UUID;

/**
 * Which organizations' objects a caller may see. Below Super Administrator, only the caller's own
 * organization exists: objects elsewhere answer 404, lists never contain them, and a list filter
 * naming another organization matches nothing.
 */
public final class IamScopeRule {

    private IamScopeRule() {
    }

    /** Whether an object owned by {@code owner} is visible; {@code null} means platform-wide (regions, system roles). */
    public static boolean visible(Caller caller, UUID owner) {
        return owner == null || caller.reaches(owner);
    }

    /**
     * The organization a list is restricted to: the caller's own, or for a Super Administrator the one
     * asked for (empty: all). Empty {@link ListScope#matchesNothing()} when a lesser caller names another organization.
     */
    public static ListScope listScope(Caller caller, UUID requestedOrganization) {
        if (caller.superAdministrator()) {
            return new ListScope(Optional.ofNullable(requestedOrganization), false);
        }
        boolean foreign = requestedOrganization != null && !requestedOrganization.equals(caller.organizationId());
        return new ListScope(Optional.of(caller.organizationId()), foreign);
    }

    /** The organization restriction of a list query, or none (all organizations); {@code matchesNothing} short-cuts it. */
    public record ListScope(Optional<UUID> organization, boolean matchesNothing) {
    }
}
