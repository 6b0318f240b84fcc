package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoModeRefusalTest {

    @Test
    void demoModeIsRefusedBeyondLoopback() {
        assertThat(IamBootstrap.demoModeRefusal(true, "0.0.0.0")).hasValueSatisfying(reason ->
                assertThat(reason).contains("TELEMETRYFLOW_DEMO_MODE=false").contains("0.0.0.0"));
        assertThat(IamBootstrap.demoModeRefusal(true, "192.168.1.20")).isPresent();
        assertThat(IamBootstrap.demoModeRefusal(true, "example.com")).isPresent();
    }

    @Test
    void demoModeOnLoopbackAndProductionModeAnywhereStart() {
        assertThat(IamBootstrap.demoModeRefusal(true, "127.0.0.1")).isEmpty();
        assertThat(IamBootstrap.demoModeRefusal(true, "localhost")).isEmpty();
        assertThat(IamBootstrap.demoModeRefusal(false, "0.0.0.0")).isEmpty();
    }
}
