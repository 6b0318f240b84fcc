package io.telemetryflow.alerting;

import io.telemetryflow.telemetry.metrics.MetricAggregation;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Instant;
import java.util.List;

/**
 * A metric series query (validated like {@code POST /telemetry/metrics/query}): {@code metric}, its {@code aggregation}
 * per step, an optional {@code service}, attribute {@code filters} and the {@code groupBy} keys that split it into one
 * alert instance per series.
 */
public record MetricRuleQuery(String metric, MetricAggregation aggregation, String service, List<MetricSeriesRequest.Filter> filters,
                              List<String> groupBy) implements RuleQuery {

    public MetricRuleQuery {
        filters = List.copyOf(filters);
        groupBy = List.copyOf(groupBy);
    }

    /** The read API request for {@code [from, to)} at {@code step} ("60s"), for the evaluator to parse and run as a chart query. */
    public MetricSeriesRequest request(String tenantId, Instant from, Instant to, String step, int limit) {
        return new MetricSeriesRequest(metric, null, from.toString(), to.toString(), step, aggregation.apiName(), service, filters,
                groupBy, tenantId, limit);
    }
}
