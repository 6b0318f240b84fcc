package io.telemetryflow.platform.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.migration.ClickHouseSchemaStatus;
import org.junit.jupiter.api.Test;

/** The consumers hold their writes back, as in an outage, until the node has brought the ClickHouse schema up to date. */
class SchemaGateTest {

    @Test
    void writesWaitUntilTheSchemaIsCurrent() {
        ClickHouseSchemaStatus status = new ClickHouseSchemaStatus();
        assertThatThrownBy(() -> ClickHouseUnavailableException.unlessSchemaCurrent(status))
                .isInstanceOfSatisfying(ClickHouseUnavailableException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("not migrated yet");
                });

        status.failed("ClickHouse migration V8 failed: too many parts", false);
        assertThatThrownBy(() -> ClickHouseUnavailableException.unlessSchemaCurrent(status)).hasMessageContaining("V8 failed");

        status.current();
        assertThatCode(() -> ClickHouseUnavailableException.unlessSchemaCurrent(status)).doesNotThrowAnyException();
    }
}
