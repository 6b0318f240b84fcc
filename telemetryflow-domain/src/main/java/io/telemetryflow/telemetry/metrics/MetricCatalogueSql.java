package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.Optional;

/**
 * Reads of the metric catalogues (docs/clickhouse-schema.md): {@code metric_catalogue} for names and kinds,
 * {@code metric_attribute_catalogue} for attribute keys and values. Catalogue rows are one per insert block until
 * merges fold them, so every read aggregates. Prefixes are {@code startsWith} on a sort-key column, which the primary
 * key index serves; every list asks for one row more than its limit so a cut is reported.
 */
public final class MetricCatalogueSql {

    private MetricCatalogueSql() {
    }

    /** The kinds (and units) a metric is catalogued with, optionally for one service. */
    public static TelemetrySql.Query kinds(TenantPlacement tenant, String metric, Optional<String> service) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        service.ifPresent(name -> sql.where("service_name = " + sql.bind("String", name)));
        sql.where("metric_name = " + sql.bind("String", metric));
        return sql.select("""
                metric_type, metric_unit, anyLast(metric_description) AS description, max(is_monotonic) AS monotonic,
                       toUnixTimestamp64Nano(max(last_seen)) AS newest""", "metric_catalogue", "GROUP BY metric_type, metric_unit");
    }

    /** Metric names (one row per name, kind and unit) starting with {@code prefix}, optionally of one service. */
    public static TelemetrySql.Query names(TenantPlacement tenant, Optional<String> service, String prefix, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        service.ifPresent(name -> sql.where("service_name = " + sql.bind("String", name)));
        if (!prefix.isEmpty()) {
            sql.where("startsWith(metric_name, " + sql.bind("String", prefix) + ")");
        }
        return sql.select("""
                metric_name, metric_type, metric_unit, anyLast(metric_description) AS description,
                       anyLast(aggregation_temporality) AS temporality, max(is_monotonic) AS monotonic,
                       toUnixTimestamp64Nano(max(last_seen)) AS newest, arraySort(groupUniqArray(100)(toString(service_name))) AS services,
                       sum(data_point_count) AS points""", "metric_catalogue", """
                GROUP BY metric_name, metric_type, metric_unit
                ORDER BY metric_name, metric_type, metric_unit
                LIMIT %s""".formatted(sql.bind("UInt32", limit + 1)));
    }

    /** Attribute keys of a metric ({@code resource.}-prefixed for resource attributes) starting with {@code prefix}. */
    public static TelemetrySql.Query attributeKeys(TenantPlacement tenant, String metric, String prefix, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("metric_name = " + sql.bind("String", metric));
        if (!prefix.isEmpty()) {
            sql.where("startsWith(attribute_key, " + sql.bind("String", prefix) + ")");
        }
        return sql.select("attribute_key, sum(data_point_count) AS points, toUnixTimestamp64Nano(max(last_seen)) AS newest",
                "metric_attribute_catalogue", """
                GROUP BY attribute_key
                ORDER BY attribute_key
                LIMIT %s""".formatted(sql.bind("UInt32", limit + 1)));
    }

    /** Values of one attribute key of a metric starting with {@code prefix}. */
    public static TelemetrySql.Query attributeValues(TenantPlacement tenant, String metric, String key, String prefix, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("metric_name = " + sql.bind("String", metric));
        sql.where("attribute_key = " + sql.bind("String", key));
        if (!prefix.isEmpty()) {
            sql.where("startsWith(attribute_value, " + sql.bind("String", prefix) + ")");
        }
        return sql.select("attribute_value, sum(data_point_count) AS points, toUnixTimestamp64Nano(max(last_seen)) AS newest",
                "metric_attribute_catalogue", """
                GROUP BY attribute_value
                ORDER BY attribute_value
                LIMIT %s""".formatted(sql.bind("UInt32", limit + 1)));
    }
}
