package io.telemetryflow.alerting;

import java.time.Duration;
import java.util.Locale;

/**
 * When a series breaches: its points over {@code window} reduced by {@code reduce} and compared with
 * {@code threshold} by {@code operator}. A breach must last {@code pendingFor} before the instance fires; once firing
 * it recovers only when the value passes {@code recoveryThreshold} (when set: hysteresis) or no longer breaches, and
 * keeps firing for {@code keepFiringFor} after that. A series with fewer than {@code minDataPoints} points in the
 * window has no data.
 */
public record AlertCondition(Operator operator, double threshold, Double recoveryThreshold, Reduce reduce, Duration window,
                             Duration pendingFor, Duration keepFiringFor, int minDataPoints) {

    /** How a value compares with a threshold. */
    public enum Operator {
        GT(">"), GTE(">="), LT("<"), LTE("<="), EQ("=="), NEQ("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GTE -> value >= threshold;
                case LT -> value < threshold;
                case LTE -> value <= threshold;
                case EQ -> value == threshold;
                case NEQ -> value != threshold;
            };
        }

        /** {@code >}, {@code <=} ...: for reasons such as "value 0.93 > 0.9". */
        public String symbol() {
            return symbol;
        }

        /** gt/gte breach upwards, lt/lte downwards; eq and neq have no direction (no recovery threshold for them). */
        public boolean upwards() {
            return this == GT || this == GTE;
        }

        public boolean downwards() {
            return this == LT || this == LTE;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the points of the window become one verdict (and one reported value). */
    public enum Reduce {
        /** breaches when at least one point breaches */
        AT_LEAST_ONCE,
        /** breaches when every point breaches */
        ALWAYS,
        /** the mean of the points */
        AVG,
        /** the sum of the points */
        TOTAL,
        /** the latest point */
        LAST
    }
}
