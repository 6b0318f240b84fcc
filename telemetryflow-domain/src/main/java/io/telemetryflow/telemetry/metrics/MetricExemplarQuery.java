package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Exemplars of a metric's points in a range (gauge, sum, histogram, exponential histogram: summaries have none),
 * newest first: the sampled measurement with the trace and span it was recorded in.
 */
public record MetricExemplarQuery(String metric, Optional<MetricKind> kind, TimeRange range, Optional<String> service,
                                  List<AttributeFilter> filters, int limit) {

    public static final int DEFAULT_LIMIT = 100;

    public static MetricExemplarQuery parse(MetricExemplarRequest request, Instant now, QueryLimits limits) {
        if (request == null) {
            throw Rejected.invalid("metric", "a JSON body with at least metric is required");
        }
        String metric = MetricFields.metric(request.metric());
        Optional<MetricKind> kind = MetricKind.parse("type", request.type());
        if (kind.filter(MetricKind.SUMMARY::equals).isPresent()) {
            throw Rejected.invalid("type", "summaries carry no exemplars");
        }
        return new MetricExemplarQuery(metric, kind, TimeRange.parse(request.from(), request.to(), now, limits),
                MetricFields.optional("service", request.service()), MetricFields.filters(request.filters()),
                MetricFields.limit(request.limit(), DEFAULT_LIMIT));
    }

    /** The exemplars of {@code kind}'s points in the range, newest first, at most {@code limit + 1}. */
    public TelemetrySql.Query sql(TenantPlacement tenant, MetricKind kind) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("metric_name = " + sql.bind("String", metric));
        service.ifPresent(name -> sql.where("service_name = " + sql.bind("String", name)));
        sql.during("timestamp", range);
        filters.forEach(sql::attribute);
        return sql.select("""
                toString(toUnixTimestamp64Nano(exemplar.time)) AS time_nanos, exemplar.value AS value, exemplar.trace_id AS trace_id,
                       exemplar.span_id AS span_id, toString(service_name) AS service, attributes,
                       exemplar.filtered_attributes AS filtered_attributes""",
                kind.table() + "\nARRAY JOIN exemplars AS exemplar", """
                ORDER BY exemplar.time DESC, trace_id, span_id
                LIMIT %s""".formatted(sql.bind("UInt32", limit + 1)));
    }
}
