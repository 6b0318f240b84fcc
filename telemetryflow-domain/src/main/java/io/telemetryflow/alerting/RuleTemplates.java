package io.telemetryflow.alerting;

import java.util.List;

/** The default rule templates, written against OpenTelemetry semantic-convention metric names. */
public final class RuleTemplates {

    private RuleTemplates() {
    }

    public static List<RuleTemplate> all() {
        return List.of();
    }
}
