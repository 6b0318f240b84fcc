package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.notifications.LabelMatcher.Op;
import io.telemetryflow.notifications.LabelMatcher.Spec;
import io.telemetryflow.platform.error.Rejected;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    private static final Map<String, String> LABELS = Map.of("team", "payments", "host.name", "web-12", "severity", "high");

    @Test
    void equalityMatchersCompareWholeValuesAndTreatAMissingLabelAsEmpty() {
        assertThat(LabelMatcher.of("team", Op.EQUAL, "payments").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("team", Op.EQUAL, "pay").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("team", Op.NOT_EQUAL, "search").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("region", Op.EQUAL, "").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("region", Op.NOT_EQUAL, "eu").matches(LABELS)).isTrue();
    }

    @Test
    void regexMatchersAreAnchoredToTheWholeValue() {
        assertThat(LabelMatcher.of("host.name", Op.REGEX, "web-\\d+").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("host.name", Op.REGEX, "web").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("host.name", Op.REGEX, "eb-1").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("host.name", Op.NOT_REGEX, "db-.*").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("host.name", Op.NOT_REGEX, "web-.*").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("region", Op.REGEX, "eu|").matches(LABELS)).as("missing label is the empty string").isTrue();
    }

    @Test
    void allMatchersMustMatchAndNoneMatchesEverything() {
        List<LabelMatcher> matchers = LabelMatcher.parseAll("matchers", List.of(new Spec("team", "=", "payments"), new Spec("severity", "=~", "high|critical")));
        assertThat(LabelMatcher.all(matchers, LABELS)).isTrue();
        assertThat(LabelMatcher.all(matchers, Map.of("team", "payments", "severity", "low"))).isFalse();
        assertThat(LabelMatcher.all(List.of(), Map.of())).isTrue();
        assertThat(LabelMatcher.parseAll("matchers", null)).isEmpty();
    }

    @Test
    void badMatchersAreRejectedNamingTheField() {
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec("team", "==", "x"))), "matchers[0].op");
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec("ok", "=", "x"), new Spec("1bad", "=", "x"))), "matchers[1].name");
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec(null, "=", "x"))), "matchers[0].name");
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec("a", "=~", "(unclosed"))), "matchers[0].value");
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec("a", "=~", "a".repeat(LabelMatcher.MAX_REGEX_LENGTH + 1)))),
                "matchers[0].value");
        assertField(() -> LabelMatcher.parseAll("matchers", List.of(new Spec("a", "=", "v".repeat(LabelMatcher.MAX_VALUE_LENGTH + 1)))),
                "matchers[0].value");
        assertField(() -> LabelMatcher.parseAll("matchers", Collections.nCopies(LabelMatcher.MAX_MATCHERS + 1, new Spec("a", "=", "b"))),
                "matchers");
        assertField(() -> LabelMatcher.parseAll("matchers", java.util.Arrays.asList((Spec) null)), "matchers[0]");
    }

    @Test
    void aRegexAtTheLengthBoundIsAccepted() {
        LabelMatcher matcher = LabelMatcher.of("a", Op.REGEX, "a".repeat(LabelMatcher.MAX_REGEX_LENGTH));
        assertThat(matcher.matches(Map.of("a", "a".repeat(LabelMatcher.MAX_REGEX_LENGTH)))).isTrue();
        assertThat(matcher.spec()).isEqualTo(new Spec("a", "=~", "a".repeat(LabelMatcher.MAX_REGEX_LENGTH)));
    }

    static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.field()).isEqualTo(field);
        });
    }
}
