package io.telemetryflow.platform.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which migrations still have to run, and refuses to go on when history and files disagree:
 * an applied script that was edited since, or one that was deleted, means the database no longer
 * matches what the code believes, which must be fixed by a person, not papered over.
 */
public final class MigrationPlan {

    private MigrationPlan() {
    }

    /** The migrations to apply, in version order. */
    public static List<SchemaMigration> pending(Collection<SchemaMigration> available, Collection<AppliedMigration> applied) {
        Map<Integer, SchemaMigration> byVersion = new TreeMap<>();
        for (SchemaMigration migration : available) {
            SchemaMigration clash = byVersion.put(migration.version(), migration);
            if (clash != null) {
                throw new MigrationException("two migration files have version " + migration.version()
                        + ": '" + clash.description() + "' and '" + migration.description() + "'");
            }
        }
        Map<Integer, AppliedMigration> appliedByVersion = applied.stream()
                .collect(Collectors.toMap(AppliedMigration::version, Function.identity(), (a, b) -> a));
        for (AppliedMigration done : appliedByVersion.values()) {
            SchemaMigration file = byVersion.get(done.version());
            if (file == null) {
                throw new MigrationException("migration V" + done.version() + " (" + done.description()
                        + ") was applied but its file is missing");
            }
            if (!file.checksum().equals(done.checksum())) {
                throw new MigrationException("migration V" + done.version() + " (" + done.description()
                        + ") was changed after it was applied: recorded checksum " + done.checksum()
                        + ", file checksum " + file.checksum() + ". Add a new migration instead of editing an applied one.");
            }
        }
        List<SchemaMigration> pending = new ArrayList<>();
        for (SchemaMigration migration : byVersion.values()) {
            if (!appliedByVersion.containsKey(migration.version())) {
                pending.add(migration);
            }
        }
        pending.sort(Comparator.comparingInt(SchemaMigration::version));
        return pending;
    }
}
