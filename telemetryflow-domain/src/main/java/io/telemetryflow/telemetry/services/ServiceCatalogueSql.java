package io.telemetryflow.telemetry.services;

import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.List;

/**
 * The services of a tenant from {@code service_catalogue} (one row per service and signal; rows of one insert
 * block each, so the read aggregates), for the given signals, one row per service with its signals in the same order
 * in every array; at most {@code limit + 1} rows so a cut is reported.
 */
public final class ServiceCatalogueSql {

    private ServiceCatalogueSql() {
    }

    public static TelemetrySql.Query services(TenantPlacement tenant, List<TelemetrySignal> signals, int limit) {
        TelemetrySql sql = TelemetrySql.forTenant(tenant);
        sql.where("signal IN (" + sql.list(signals.stream().map(TelemetrySignal::signal).toList()) + ")");
        return sql.build("""
                SELECT service, groupArray(stored_signal) AS signals, groupArray(first) AS firsts, groupArray(last) AS lasts,
                       groupArray(records) AS records
                FROM (
                    SELECT toString(service_name) AS service, toString(signal) AS stored_signal,
                           toUnixTimestamp64Nano(min(first_seen)) AS first, toUnixTimestamp64Nano(max(last_seen)) AS last,
                           sum(record_count) AS records
                    FROM service_catalogue
                    WHERE %s
                    GROUP BY service, stored_signal
                )
                GROUP BY service
                ORDER BY service
                LIMIT %s""".formatted(sql.conditions(), sql.bind("UInt32", limit + 1)));
    }
}
