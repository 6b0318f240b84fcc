package io.telemetryflow.alerting;

import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.logs.LogRequests;
import java.time.Instant;
import java.util.List;

/**
 * The count of log records matching a filter (body terms {@code query}, minimum {@code severity}, {@code service},
 * attribute {@code filters}), one instance per value of {@code groupBy} (an attribute, {@code resource.<name>} or
 * {@code service.name}) when set, else one.
 */
public record LogRuleQuery(String query, SeverityLevel severity, String service, List<LogRequests.Attribute> filters, String groupBy)
        implements RuleQuery {

    public LogRuleQuery {
        filters = List.copyOf(filters);
    }

    /** The read API filter over {@code [from, to)}, for the evaluator to parse and count. */
    public LogRequests.Filter request(String tenantId, Instant from, Instant to) {
        return new LogRequests.Filter(tenantId, from.toString(), to.toString(), query, severity == null ? null : severity.name(),
                service, null, null, filters);
    }
}
