package io.telemetryflow.iam;

import io.telemetryflow.platform.error.Rejected;
import java.util.UUID;

/** The rules of status changes requested through the API, as answers: a forbidden transition is a 409. */
public final class UserLifecycle {

    private UserLifecycle() {
    }

    public static void requireTransition(UserStatus from, UserStatus to) {
        if (!from.canBecome(to)) {
            throw Rejected.conflict("status", "a " + from.name().toLowerCase() + " user cannot become " + to.name().toLowerCase());
        }
    }

    /** Nobody deactivates or deletes their own account: that would lock the last administrator out. */
    public static void requireNotSelf(Caller caller, UUID target, UserStatus to) {
        if (caller.userId().equals(target) && to != UserStatus.ACTIVE) {
            throw Rejected.conflict("status", "you cannot make your own account " + to.name().toLowerCase());
        }
    }
}
