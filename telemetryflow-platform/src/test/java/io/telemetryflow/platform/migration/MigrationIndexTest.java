package io.telemetryflow.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The index decides what runs: a script missing from it would silently never be applied. */
class MigrationIndexTest {

    // Surefire runs with the module as working directory and also sets "basedir"
    private static final Path SCRIPTS = Path.of(System.getProperty("basedir", "."), "src/main/resources/db/clickhouse");

    @Test
    void everyScriptInTheFolderIsInTheIndexAndEveryIndexEntryExists() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            onDisk = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("V") && name.endsWith(".sql"))
                    .sorted()
                    .toList();
        }

        assertThat(onDisk).as("migration scripts in %s", SCRIPTS).isNotEmpty();
        assertThat(indexEntries()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void indexListsScriptsInAscendingVersionOrderWithoutDuplicates() throws IOException {
        List<Integer> versions = indexEntries().stream()
                .map(name -> SchemaMigration.fromFile(name, "").version())
                .toList();

        assertThat(versions).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void fromClasspathParsesEveryIndexedScript() throws IOException {
        List<SchemaMigration> migrations = ClickHouseMigrator.fromClasspath(getClass().getClassLoader(), ClickHouseMigrator.LOCATION);
        ClickHouseSettings settings = new ClickHouseSettings("jdbc:clickhouse://localhost:8123", null, null, "tf", "c1");

        assertThat(migrations).hasSameSizeAs(indexEntries());
        for (SchemaMigration migration : migrations) {
            String file = "V" + migration.version() + "__" + migration.description().replace(' ', '_') + ".sql";
            String onDisk = Files.readString(SCRIPTS.resolve(file), StandardCharsets.UTF_8);
            assertThat(migration.script()).as(file).isEqualTo(onDisk);
            assertThat(migration.checksum()).as(file).hasSize(64);
            // every placeholder a script uses must be one the settings provide
            assertThat(migration.statements(settings.placeholders())).as(file)
                    .isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql).doesNotContain("${").doesNotEndWith(";"));
        }
    }

    @Test
    void missingIndexIsReportedAsAMigrationProblem() {
        assertThatThrownBy(() -> ClickHouseMigrator.fromClasspath(getClass().getClassLoader(), "db/no-such-folder/"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("db/no-such-folder/index.txt");
    }

    private static List<String> indexEntries() throws IOException {
        return Files.readAllLines(SCRIPTS.resolve("index.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
