package io.telemetryflow.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationPlanTest {

    private final SchemaMigration v1 = SchemaMigration.fromFile("V1__create_database.sql", "CREATE DATABASE IF NOT EXISTS ${database};");
    private final SchemaMigration v2 = SchemaMigration.fromFile("V2__platform_events.sql", "CREATE TABLE x (a UInt8) ENGINE = Log;");

    @Test
    void parsesVersionAndDescriptionFromFileName() {
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.description()).isEqualTo("platform events");
        assertThatThrownBy(() -> SchemaMigration.fromFile("2_events.sql", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsStatementsAndFillsPlaceholders() {
        SchemaMigration migration = SchemaMigration.fromFile("V3__two.sql", """
                -- a comment; with a semicolon
                CREATE TABLE ${database}.a ${on_cluster}
                (x UInt8) ENGINE = Log;

                CREATE TABLE ${database}.b (y String DEFAULT 'a;b') ENGINE = Log;
                """);
        assertThat(migration.statements(Map.of("database", "tf", "on_cluster", "ON CLUSTER 'c1'")))
                .containsExactly("CREATE TABLE tf.a ON CLUSTER 'c1'\n(x UInt8) ENGINE = Log",
                        "CREATE TABLE tf.b (y String DEFAULT 'a;b') ENGINE = Log");
        assertThatThrownBy(() -> migration.statements(Map.of("database", "tf")))
                .hasMessageContaining("unknown placeholder ${on_cluster}");
    }

    @Test
    void pendingAreTheUnappliedInVersionOrder() {
        assertThat(MigrationPlan.pending(List.of(v2, v1), List.of())).containsExactly(v1, v2);
        assertThat(MigrationPlan.pending(List.of(v2, v1), List.of(applied(v1)))).containsExactly(v2);
        assertThat(MigrationPlan.pending(List.of(v2, v1), List.of(applied(v1), applied(v2)))).isEmpty();
    }

    @Test
    void editedAppliedFileIsRefused() {
        SchemaMigration edited = SchemaMigration.fromFile("V1__create_database.sql", "CREATE DATABASE ${database};");
        assertThatThrownBy(() -> MigrationPlan.pending(List.of(edited, v2), List.of(applied(v1))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1")
                .hasMessageContaining("changed after it was applied");
    }

    @Test
    void missingAppliedFileAndDuplicateVersionsAreRefused() {
        assertThatThrownBy(() -> MigrationPlan.pending(List.of(v2), List.of(applied(v1))))
                .hasMessageContaining("file is missing");
        SchemaMigration otherV2 = SchemaMigration.fromFile("V2__other.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationPlan.pending(List.of(v2, otherV2), List.of()))
                .hasMessageContaining("two migration files have version 2");
    }

    private static AppliedMigration applied(SchemaMigration migration) {
        return new AppliedMigration(migration.version(), migration.description(), migration.checksum());
    }
}
