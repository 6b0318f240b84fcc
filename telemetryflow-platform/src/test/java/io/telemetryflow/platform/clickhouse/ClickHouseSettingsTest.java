package io.telemetryflow.platform.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Database and cluster names are pasted into DDL, so anything but a plain identifier must be refused. */
class ClickHouseSettingsTest {

    private static final String URL = "jdbc:clickhouse://127.0.0.1:8123";

    @ParameterizedTest
    @ValueSource(strings = {"tf; DROP", "tf.events", "tf-prod", "1tf", "", " tf", "tf`x", "tf\"x"})
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers(String database) {
        assertThatThrownBy(() -> new ClickHouseSettings(URL, "default", "", database, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telemetryflow.clickhouse.database");
    }

    @Test
    void rejectsMissingAndOverlongDatabaseNames() {
        assertThatThrownBy(() -> new ClickHouseSettings(URL, "default", "", null, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telemetryflow.clickhouse.database");
        assertThatThrownBy(() -> new ClickHouseSettings(URL, "default", "", "a".repeat(65), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telemetryflow.clickhouse.database");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf; DROP", "c1 ON CLUSTER c2", "'c1'", "c-1"})
    void rejectsClusterNamesThatAreNotPlainIdentifiers(String cluster) {
        assertThatThrownBy(() -> new ClickHouseSettings(URL, "default", "", "tf", cluster))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("telemetryflow.clickhouse.cluster");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8123", "jdbc:postgresql://127.0.0.1:5432/tf", "clickhouse://127.0.0.1:8123"})
    void rejectsUrlsThatAreNotClickHouseJdbcUrls(String url) {
        assertThatThrownBy(() -> new ClickHouseSettings(url, "default", "", "tf", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:clickhouse:");
    }

    @Test
    void acceptsBothJdbcPrefixesAndLongestAllowedName() {
        String longest = "a".repeat(64);
        assertThat(new ClickHouseSettings("jdbc:ch://h:8123", null, null, longest, null).database()).isEqualTo(longest);
        assertThat(new ClickHouseSettings(URL, null, null, "_tf_1", null).database()).isEqualTo("_tf_1");
    }

    @Test
    void clusterBecomesAnOnClusterPlaceholder() {
        ClickHouseSettings settings = new ClickHouseSettings(URL, "default", "", "telemetry", "x");

        assertThat(settings.placeholders()).containsOnly(entry("database", "telemetry"), entry("on_cluster", "ON CLUSTER x"));
    }

    @Test
    void blankOrMissingClusterLeavesOnClusterEmpty() {
        assertThat(new ClickHouseSettings(URL, "default", "", "tf", "  ").placeholders()).containsEntry("on_cluster", "");
        assertThat(new ClickHouseSettings(URL, "default", "", "tf", null).placeholders()).containsEntry("on_cluster", "");
    }

    @Test
    void missingUserAndPasswordDefaultAndPasswordIsNotPrinted() {
        ClickHouseSettings settings = new ClickHouseSettings(URL, null, null, "tf", "");
        assertThat(settings.user()).isEqualTo("default");
        assertThat(settings.password()).isEmpty();

        assertThat(new ClickHouseSettings(URL, "u", "s3cret-pw", "tf", "").toString()).doesNotContain("s3cret-pw");
    }
}
