package io.telemetryflow.alerting;

import java.util.Locale;

/** A RED figure of a service (or one of its operations): the error rate, the request rate or a latency percentile in ms. */
public record TraceRuleQuery(String service, String operation, Measure measure) implements RuleQuery {

    public enum Measure {
        /** failed spans / all spans of the window, 0..1 */
        ERROR_RATE,
        /** spans per second over the window */
        REQUEST_RATE,
        /** latency percentiles in milliseconds */
        P50, P90, P95, P99;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
