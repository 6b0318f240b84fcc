package io.telemetryflow.platform.clickhouse;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the telemetry store is and how to reach it. The database and cluster names end up in DDL
 * (identifiers cannot be bound as parameters), so they are restricted to plain identifiers here,
 * once, instead of being quoted at every use.
 */
public record ClickHouseSettings(String url, String user, String password, String database, String cluster) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:clickhouse:") && !url.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("telemetryflow.clickhouse.url must be a jdbc:clickhouse: URL, got " + url);
        }
        user = user == null ? "default" : user;
        password = password == null ? "" : password;
        requireIdentifier(database, "telemetryflow.clickhouse.database");
        cluster = cluster == null ? "" : cluster.strip();
        if (!cluster.isEmpty()) {
            requireIdentifier(cluster, "telemetryflow.clickhouse.cluster");
        }
    }

    /** Values for the {@code ${...}} placeholders of the ClickHouse migration scripts. */
    public Map<String, String> placeholders() {
        return Map.of("database", database, "on_cluster", cluster.isEmpty() ? "" : "ON CLUSTER " + cluster);
    }

    private static void requireIdentifier(String value, String property) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be a plain identifier (letters, digits, underscore), got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", user=" + user + ", database=" + database + ", cluster=" + cluster + "]";
    }
}
