package io.telemetryflow.notifications;

import static io.telemetryflow.notifications.LabelMatcherTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.LabelMatcher.Spec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InhibitionRuleTest {

    private final InhibitionRule criticalMutesWarnings = new InhibitionRule.Spec("critical mutes warnings",
            List.of(new Spec("severity", "=", "critical")), List.of(new Spec("severity", "=", "low")), List.of("cluster")).parse();

    private static ActiveAlert alert(String key, String severity, String cluster) {
        return new ActiveAlert(key, Map.of("severity", severity, "cluster", cluster));
    }

    @Test
    void aFiringSourceSuppressesTargetsWithTheSameEqualLabels() {
        ActiveAlert source = alert("r1/a", "critical", "eu");
        assertThat(criticalMutesWarnings.inhibits(alert("r2/b", "low", "eu"), List.of(source))).isTrue();
        assertThat(criticalMutesWarnings.inhibits(alert("r2/c", "low", "us"), List.of(source))).as("other cluster").isFalse();
        assertThat(criticalMutesWarnings.inhibits(alert("r2/d", "high", "eu"), List.of(source))).as("not a target").isFalse();
        assertThat(criticalMutesWarnings.inhibits(alert("r2/b", "low", "eu"), List.of())).as("no source firing").isFalse();
    }

    @Test
    void aMissingEqualLabelCountsAsEmptyOnBothSides() {
        ActiveAlert source = new ActiveAlert("r1/a", Map.of("severity", "critical"));
        assertThat(criticalMutesWarnings.inhibits(new ActiveAlert("r2/b", Map.of("severity", "low")), List.of(source))).isTrue();
        assertThat(criticalMutesWarnings.inhibits(alert("r2/b", "low", "eu"), List.of(source))).isFalse();
    }

    @Test
    void alertsMatchingBothSidesNeitherInhibitThemselvesNorEachOther() {
        InhibitionRule broad = new InhibitionRule.Spec("broad", List.of(new Spec("team", "=", "db")),
                List.of(new Spec("team", "=", "db")), List.of()).parse();
        ActiveAlert one = new ActiveAlert("r1/a", Map.of("team", "db"));
        ActiveAlert two = new ActiveAlert("r1/b", Map.of("team", "db"));
        assertThat(broad.inhibits(one, List.of(one))).isFalse();
        assertThat(broad.inhibits(one, List.of(one, two))).isFalse();
    }

    @Test
    void rejectsBadRulesNamingTheField() {
        assertField(() -> new InhibitionRule.Spec("x", null, List.of(new Spec("a", "=", "b")), null).parse(), "sourceMatchers");
        assertField(() -> new InhibitionRule.Spec("x", List.of(new Spec("a", "=", "b")), List.of(), null).parse(), "targetMatchers");
        assertField(() -> new InhibitionRule.Spec("x", List.of(new Spec("a", "=", "b")), List.of(new Spec("a", "!", "b")), null).parse(),
                "targetMatchers[0].op");
        assertField(() -> new InhibitionRule.Spec("x", List.of(new Spec("a", "=", "b")), List.of(new Spec("c", "=", "d")), List.of("ok", "not ok"))
                .parse(), "equal[1]");
        assertField(() -> new InhibitionRule.Spec(" ", List.of(new Spec("a", "=", "b")), List.of(new Spec("c", "=", "d")), null).parse(), "name");
    }
}
