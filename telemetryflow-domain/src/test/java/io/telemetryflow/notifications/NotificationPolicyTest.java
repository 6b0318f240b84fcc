package io.telemetryflow.notifications;

import static io.telemetryflow.notifications.LabelMatcherTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.LabelMatcher.Spec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

    private static final String CHANNEL = "7f1d8a52-1d55-4c8b-9d64-2f0e3b4a5c6d";

    private static NotificationPolicy policy(String name, int position, List<Spec> matchers, boolean continueMatching, boolean isDefault) {
        return new NotificationPolicy.Spec(name, position, matchers, List.of(CHANNEL), null, null, null, null, null, continueMatching,
                isDefault).parse();
    }

    private static List<String> routed(Map<UUID, NotificationPolicy> policies, Map<String, String> labels) {
        return NotificationPolicy.route(policies, labels).stream().map(entry -> entry.getValue().name()).toList();
    }

    @Test
    void absentTimingsTakeAlertmanagersDefaults() {
        NotificationPolicy policy = policy("p", 0, null, false, false);
        assertThat(policy.timing()).isEqualTo(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), true));
        assertThat(policy.groupBy()).containsExactly("alertname");
        assertThat(policy.channelIds()).containsExactly(UUID.fromString(CHANNEL));
        assertThat(policy.spec().groupWait()).isEqualTo("30s");
        assertThat(policy.spec().repeatInterval()).isEqualTo("4h");
    }

    @Test
    void routesInPositionOrderStoppingAtTheFirstMatchUnlessItContinues() {
        Map<UUID, NotificationPolicy> policies = new LinkedHashMap<>();
        policies.put(UUID.randomUUID(), policy("fallback", 99, null, false, true));
        policies.put(UUID.randomUUID(), policy("payments-critical", 1, List.of(new Spec("team", "=", "payments"), new Spec("severity", "=", "critical")), true, false));
        policies.put(UUID.randomUUID(), policy("payments", 2, List.of(new Spec("team", "=", "payments")), false, false));
        policies.put(UUID.randomUUID(), policy("payments-late", 3, List.of(new Spec("team", "=", "payments")), false, false));

        assertThat(routed(policies, Map.of("team", "payments", "severity", "critical"))).containsExactly("payments-critical", "payments");
        assertThat(routed(policies, Map.of("team", "payments", "severity", "low"))).containsExactly("payments");
        assertThat(routed(policies, Map.of("team", "search"))).containsExactly("fallback");
        policies.values().removeIf(NotificationPolicy::defaultPolicy);
        assertThat(routed(policies, Map.of("team", "search"))).isEmpty();
    }

    @Test
    void groupLabelsAreTheGroupByValuesOrEveryLabel() {
        Map<String, String> labels = Map.of("alertname", "High CPU", "host.name", "web-1", "team", "ops");
        NotificationPolicy byHost = new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), List.of("host.name", "cluster"), null, null,
                null, null, null, null).parse();
        assertThat(byHost.groupLabels(labels)).isEqualTo(Map.of("host.name", "web-1"));
        NotificationPolicy all = new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), List.of("..."), null, null, null, null, null,
                null).parse();
        assertThat(all.groupLabels(labels)).isEqualTo(labels);
    }

    @Test
    void groupKeysSeparatePoliciesRulesAndLabelValues() {
        UUID policy = UUID.randomUUID();
        UUID rule = UUID.randomUUID();
        String key = GroupKey.of(policy, rule, Map.of("host.name", "web-1"));
        assertThat(key).hasSize(32).isEqualTo(GroupKey.of(policy, rule, Map.of("host.name", "web-1")));
        assertThat(key).isNotEqualTo(GroupKey.of(policy, rule, Map.of("host.name", "web-2")))
                .isNotEqualTo(GroupKey.of(UUID.randomUUID(), rule, Map.of("host.name", "web-1")))
                .isNotEqualTo(GroupKey.of(policy, UUID.randomUUID(), Map.of("host.name", "web-1")));
        assertThat(GroupKey.of(policy, rule, Map.of("a", "b=c"))).isNotEqualTo(GroupKey.of(policy, rule, Map.of("a=b", "c")));
    }

    @Test
    void rejectsBadPoliciesNamingTheField() {
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, null, null, null, null, null, null, null, null).parse(), "channelIds");
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, List.of("nope"), null, null, null, null, null, null, null).parse(),
                "channelIds[0]");
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), null, "2h", null, null, null, null, null).parse(),
                "groupWait");
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), null, null, "0s", null, null, null, null).parse(),
                "groupInterval");
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), null, null, "10m", "5m", null, null, null).parse(),
                "repeatInterval");
        assertField(() -> new NotificationPolicy.Spec("p", -1, null, List.of(CHANNEL), null, null, null, null, null, null, null).parse(),
                "position");
        assertField(() -> new NotificationPolicy.Spec("p", 0, List.of(new Spec("a", "=", "b")), List.of(CHANNEL), null, null, null, null,
                null, null, true).parse(), "matchers");
        assertField(() -> new NotificationPolicy.Spec("p", 0, null, List.of(CHANNEL), List.of("bad label"), null, null, null, null, null,
                null).parse(), "groupBy[0]");
        assertField(() -> new NotificationPolicy.Spec("", 0, null, List.of(CHANNEL), null, null, null, null, null, null, null).parse(), "name");
    }
}
