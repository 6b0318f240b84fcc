package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style label matcher: {@code name op value} with op {@code =}, {@code !=}, {@code =~}, {@code !~}.
 * Regular expressions match the whole value (anchored, as in Alertmanager); a label the alert lacks counts as the empty
 * string, so {@code team!="payments"} matches an alert without a team. Regexes are bounded in length and compiled once.
 */
public final class LabelMatcher {

    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final int MAX_REGEX_LENGTH = 256;
    public static final int MAX_MATCHERS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String wire;

        Op(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Op parse(String field, String text) {
            for (Op op : values()) {
                if (op.wire.equals(text)) {
                    return op;
                }
            }
            throw Rejected.invalid(field, field + " must be one of =, !=, =~, !~");
        }
    }

    /** The JSON shape of a matcher, as sent. */
    public record Spec(String name, String op, String value) {
    }

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern regex;

    private LabelMatcher(String name, Op op, String value, Pattern regex) {
        this.name = name;
        this.op = op;
        this.value = value;
        this.regex = regex;
    }

    public static LabelMatcher of(String name, Op op, String value) {
        return parse("matcher", new Spec(name, op.wire(), value));
    }

    static LabelMatcher parse(String field, Spec spec) {
        if (spec == null) {
            throw Rejected.invalid(field, field + " must be an object {name, op, value}");
        }
        String name = spec.name();
        if (name == null || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw Rejected.invalid(field + ".name", field + ".name must be a label name of at most " + MAX_NAME_LENGTH + " characters");
        }
        Op op = Op.parse(field + ".op", spec.op() == null ? "=" : spec.op());
        String value = spec.value() == null ? "" : spec.value();
        Pattern regex = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            if (value.length() > MAX_REGEX_LENGTH) {
                throw Rejected.invalid(field + ".value", field + ".value: a regular expression may have at most " + MAX_REGEX_LENGTH + " characters");
            }
            try {
                regex = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw Rejected.invalid(field + ".value", field + ".value is not a valid regular expression");
            }
        } else if (value.length() > MAX_VALUE_LENGTH) {
            throw Rejected.invalid(field + ".value", field + ".value may have at most " + MAX_VALUE_LENGTH + " characters");
        }
        return new LabelMatcher(name, op, value, regex);
    }

    /** The validated matchers of a list field ({@code field[i]}); null means none. */
    public static List<LabelMatcher> parseAll(String field, List<Spec> specs) {
        if (specs == null) {
            return List.of();
        }
        if (specs.size() > MAX_MATCHERS) {
            throw Rejected.invalid(field, field + " may hold at most " + MAX_MATCHERS + " matchers");
        }
        List<LabelMatcher> matchers = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            matchers.add(parse(field + "[" + i + "]", specs.get(i)));
        }
        return List.copyOf(matchers);
    }

    /** Whether every matcher matches (an empty list matches everything). */
    public static boolean all(List<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regex.matcher(actual).matches();
            case NOT_REGEX -> !regex.matcher(actual).matches();
        };
    }

    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    public String value() {
        return value;
    }

    public Spec spec() {
        return new Spec(name, op.wire(), value);
    }

    public static List<Spec> specs(List<LabelMatcher> matchers) {
        return matchers.stream().map(LabelMatcher::spec).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that && name.equals(that.name) && op == that.op && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    @Override
    public String toString() {
        return name + op.wire() + '"' + value + '"';
    }
}
