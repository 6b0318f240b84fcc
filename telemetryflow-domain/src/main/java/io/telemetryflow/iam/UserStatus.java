package io.telemetryflow.iam;

import java.util.Map;
import java.util.Set;

/** A user account's lifecycle: Created → Active ⇄ Inactive → Deleted (deactivating a new account is allowed too). */
public enum UserStatus {
    CREATED, ACTIVE, INACTIVE, DELETED;

    private static final Map<UserStatus, Set<UserStatus>> ALLOWED = Map.of(
            CREATED, Set.of(ACTIVE, INACTIVE),
            ACTIVE, Set.of(INACTIVE, DELETED),
            INACTIVE, Set.of(ACTIVE, DELETED),
            DELETED, Set.of());

    public boolean canBecome(UserStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The next status, or an exception naming the forbidden transition. */
    public UserStatus transitionTo(UserStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("a " + name().toLowerCase() + " user cannot become " + next.name().toLowerCase());
        }
        return next;
    }

    public boolean canLogIn() {
        return this == ACTIVE;
    }
}
