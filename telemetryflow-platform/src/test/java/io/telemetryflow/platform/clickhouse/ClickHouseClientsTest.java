package io.telemetryflow.platform.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Client endpoints and failure classification, shared by every ClickHouse reader and writer (no ClickHouse needed). */
class ClickHouseClientsTest {

    @Test
    void theClientEndpointComesFromTheJdbcUrl() {
        assertThat(ClickHouseClients.endpoint("jdbc:clickhouse://127.0.0.1:28123")).isEqualTo("http://127.0.0.1:28123");
        assertThat(ClickHouseClients.endpoint("jdbc:ch://ch.example/telemetry?ssl=true")).isEqualTo("https://ch.example:8443");
        assertThat(ClickHouseClients.endpoint("jdbc:clickhouse:https://ch.example:9443/db")).isEqualTo("https://ch.example:9443");
        assertThat(ClickHouseClients.endpoint("jdbc:clickhouse:http://ch")).isEqualTo("http://ch:8123");
        assertThatThrownBy(() -> ClickHouseClients.endpoint("jdbc:postgresql://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresAreTransientUnlessClickHouseRejectsTheData() {
        assertThat(FailureClassifier.classify("t", new ExecutionException(new ConnectionInitiationException("refused",
                new ConnectException("Connection refused"))))).isInstanceOf(ClickHouseWriteException.ClickHouseUnavailableException.class);
        assertThat(FailureClassifier.classify("t", new ServerException(241, "Memory limit exceeded", 500, "q")).isTransient()).isTrue();
        assertThat(FailureClassifier.classify("t", new ServerException(252, "Too many parts (3000). Merges are processing "
                + "significantly slower than inserts", 500, "q")).isTransient()).isTrue();
        assertThat(FailureClassifier.classify("t", new ServerException(252, "Too many partitions for single INSERT block "
                + "(more than 100)", 500, "q")).isTransient()).isFalse();
        assertThat(FailureClassifier.classify("t", new ServerException(53, "Type mismatch", 400, "q")).isTransient()).isFalse();
        assertThat(FailureClassifier.classify("t", new ServerException(60, "Unknown table", 404, "q")).isTransient()).as("schema not migrated yet").isTrue();
        assertThat(FailureClassifier.classify("t", new ServerException(99999, "new code", 400, "q")).isTransient()).isFalse();
        assertThat(FailureClassifier.classify("t", new ServerException(99999, "new code", 500, "q")).isTransient()).isTrue();
        assertThat(FailureClassifier.classify("t", new ServerException(516, "Authentication failed", 403, "q")).isTransient()).isTrue();
        assertThat(FailureClassifier.classify("t", new IllegalStateException("?")).isTransient()).isTrue();
    }
}
