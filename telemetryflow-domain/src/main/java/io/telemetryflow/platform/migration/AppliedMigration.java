package io.telemetryflow.platform.migration;

/** What the migrations table records about a script that ran. */
public record AppliedMigration(int version, String description, String checksum) {
}
