package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Alertmanager's inhibition: while an alert matching {@code source} fires, alerts matching {@code target} whose
 * {@code equal} labels have the same values as the source's (a missing label counts as empty on both sides) are not
 * notified. An alert never inhibits itself, and when the target also matches the source matchers, a source that also
 * matches the target matchers is ignored, so two such alerts do not silence each other (Alertmanager does the same).
 */
public record InhibitionRule(String name, List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

    public static final int MAX_EQUAL = 20;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    /** The JSON body, as sent. */
    public record Spec(String name, List<LabelMatcher.Spec> sourceMatchers, List<LabelMatcher.Spec> targetMatchers, List<String> equal) {

        public InhibitionRule parse() {
            String validName = TextField.required("name", name, MaintenanceWindow.MAX_NAME);
            List<LabelMatcher> source = LabelMatcher.parseAll("sourceMatchers", sourceMatchers);
            List<LabelMatcher> target = LabelMatcher.parseAll("targetMatchers", targetMatchers);
            if (source.isEmpty()) {
                throw Rejected.invalid("sourceMatchers", "sourceMatchers must hold at least one matcher");
            }
            if (target.isEmpty()) {
                throw Rejected.invalid("targetMatchers", "targetMatchers must hold at least one matcher");
            }
            return new InhibitionRule(validName, source, target, labelNames("equal", equal, MAX_EQUAL));
        }
    }

    public InhibitionRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    static List<String> labelNames(String field, List<String> names, int max) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > max) {
            throw Rejected.invalid(field, field + " may list at most " + max + " label names");
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !LABEL.matcher(name).matches()) {
                throw Rejected.invalid(field + "[" + i + "]", field + "[" + i + "] must be a label name");
            }
            if (!valid.contains(name)) {
                valid.add(name);
            }
        }
        return List.copyOf(valid);
    }

    /** Whether {@code candidate} is inhibited by one of the firing alerts under this rule. */
    public boolean inhibits(ActiveAlert candidate, Collection<ActiveAlert> firing) {
        if (!LabelMatcher.all(target, candidate.labels())) {
            return false;
        }
        boolean candidateIsSource = LabelMatcher.all(source, candidate.labels());
        for (ActiveAlert alert : firing) {
            if (alert.key().equals(candidate.key()) || !LabelMatcher.all(source, alert.labels())) {
                continue;
            }
            if (candidateIsSource && LabelMatcher.all(target, alert.labels())) {
                continue;
            }
            if (sameEqualLabels(alert.labels(), candidate.labels())) {
                return true;
            }
        }
        return false;
    }

    private boolean sameEqualLabels(Map<String, String> a, Map<String, String> b) {
        for (String name : equal) {
            if (!Objects.equals(a.getOrDefault(name, ""), b.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }

    public Spec spec() {
        return new Spec(name, LabelMatcher.specs(source), LabelMatcher.specs(target), equal);
    }
}
