package io.telemetryflow.iam;

import java.util.UUID;

/**
 * An organization, workspace or tenant was deleted or switched on or off, inside the caller's transaction. Fired
 * synchronously so that what depends on the node (API keys scoped to it or below it) changes in the same transaction.
 */
public record TenancyNodeChanged(Caller caller, Level level, UUID id, Change change) {

    public enum Level { ORGANIZATION, WORKSPACE, TENANT }

    public enum Change { DELETED, ACTIVE_CHANGED }
}
