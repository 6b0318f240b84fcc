package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheClusterTest {

    private static final Optional<String> KEY = Optional.of("4qIEb1ZwjJUCT3dGXUC+tq0VeKTGIh41JYSjiGUD7cI=");
    private static final Optional<String> NONE = Optional.empty();

    @Test
    void aSingleNodeOnLoopbackNeedsNeitherANameNorAKey() {
        assertThat(CacheCluster.refusal("telemetryflow", NONE, "127.0.0.1", NONE)).isEmpty();
        assertThat(CacheCluster.refusal("telemetryflow", Optional.of(" , "), "::1", NONE)).isEmpty();
    }

    @Test
    void aNodeThatNamesMembersNeedsAClusterNameOfTheOperators() {
        Optional<String> members = Optional.of("127.0.0.1:5801");
        assertThat(CacheCluster.refusal("telemetryflow", members, "127.0.0.1", KEY)).hasValueSatisfying(reason ->
                assertThat(reason).contains("TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME").contains("MEMBERS=127.0.0.1:5801").contains("default 'telemetryflow'"));
        assertThat(CacheCluster.refusal("dev", members, "127.0.0.1", KEY)).isPresent();
        assertThat(CacheCluster.refusal(" ", members, "127.0.0.1", KEY)).hasValueSatisfying(reason -> assertThat(reason).contains("empty"));
        assertThat(CacheCluster.refusal("telemetryflow-test", members, "127.0.0.1", KEY)).isEmpty();
    }

    @Test
    void aNodeBindingBeyondLoopbackNeedsAClusterNameOfTheOperators() {
        assertThat(CacheCluster.refusal("telemetryflow", NONE, "10.0.0.5", KEY)).hasValueSatisfying(reason ->
                assertThat(reason).contains("INTERFACE=10.0.0.5"));
        assertThat(CacheCluster.refusal("telemetryflow", NONE, "10.0.0.*", KEY)).isPresent();
        assertThat(CacheCluster.refusal("prod-cache", NONE, "10.0.0.*", KEY)).isEmpty();
    }

    @Test
    void aClusteredNodeNeedsTheConfiguredEncryptionKey() {
        assertThat(CacheCluster.refusal("prod-cache", Optional.of("10.0.0.6"), "10.0.0.5", NONE)).hasValueSatisfying(reason ->
                assertThat(reason).contains("TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY"));
        assertThat(CacheCluster.refusal("prod-cache", Optional.of("10.0.0.6"), "10.0.0.5", Optional.of("  "))).isPresent();
        assertThat(CacheCluster.refusal("prod-cache", Optional.of("10.0.0.6"), "10.0.0.5", KEY)).isEmpty();
    }

    @Test
    void membersAreReadFromTheCommaSeparatedSetting() {
        assertThat(CacheCluster.members(Optional.of(" a:5701, ,b "))).containsExactly("a:5701", "b");
        assertThat(CacheCluster.members(NONE)).isEmpty();
    }
}
