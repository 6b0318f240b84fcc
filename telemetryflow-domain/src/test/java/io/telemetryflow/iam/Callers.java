package io.telemetryflow.iam;

import java.util.Set;
import java.util.UUID;

/** Callers for rule tests: a role's permissions in a given organization. */
final class Callers {

    private Callers() {
    }

    static Caller of(SystemRole role, UUID organization) {
        return new Caller(UUID.randomUUID(), role.name().toLowerCase() + "@example.com", organization, null, null,
                Set.of(role.displayName()), role.permissions(), role == SystemRole.SUPER_ADMINISTRATOR, "session");
    }
}
