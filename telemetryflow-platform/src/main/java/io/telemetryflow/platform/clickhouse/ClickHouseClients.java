package io.telemetryflow.platform.clickhouse;

import com.clickhouse.client.api.Client;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * Builds a clickhouse client-v2 {@link Client} (the bulk insert API under clickhouse-jdbc) from the same
 * {@link ClickHouseSettings} the JDBC connector uses: the HTTP endpoint comes from the JDBC URL
 * ({@code jdbc:clickhouse://host:port[/db][?ssl=true]}, {@code jdbc:ch:...}, {@code jdbc:clickhouse:https://...}),
 * user, password and default database from the settings. A client is thread-safe and pools its connections: build
 * one per writer and close it with the writer.
 */
public final class ClickHouseClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one insert may wait for the server's answer; large batches feed several views. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private ClickHouseClients() {
    }

    /** Enough pooled connections for every ingestion consumer to insert into all tables of its batch at once. */
    static final int MAX_CONNECTIONS = 64;

    public static Client create(ClickHouseSettings settings) {
        return create(settings, null);
    }

    /**
     * A client whose operations run on {@code operationExecutor} (so a caller can start several and then wait for
     * them), or in the calling thread when it is null.
     */
    public static Client create(ClickHouseSettings settings, ExecutorService operationExecutor) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(endpoint(settings.url()))
                .setUsername(settings.user())
                .setPassword(settings.password())
                .setDefaultDatabase(settings.database())
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(SOCKET_TIMEOUT.toMillis(), ChronoUnit.MILLIS)
                .setMaxConnections(MAX_CONNECTIONS);
        if (operationExecutor != null) {
            builder.useAsyncRequests(true).setSharedOperationExecutor(operationExecutor);
        }
        return builder.build();
    }

    /** {@code http(s)://host:port} for a ClickHouse JDBC URL. */
    static String endpoint(String jdbcUrl) {
        String rest;
        if (jdbcUrl.startsWith("jdbc:clickhouse:")) {
            rest = jdbcUrl.substring("jdbc:clickhouse:".length());
        } else if (jdbcUrl.startsWith("jdbc:ch:")) {
            rest = jdbcUrl.substring("jdbc:ch:".length());
        } else {
            throw new IllegalArgumentException("not a ClickHouse JDBC URL: " + jdbcUrl);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        boolean https = lower.startsWith("https:");
        if (lower.startsWith("http:") || lower.startsWith("https:")) {
            rest = rest.substring(rest.indexOf(':') + 1);
        }
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("no host in ClickHouse JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create("http:" + rest);
        String query = uri.getRawQuery() == null ? "" : "&" + uri.getRawQuery().toLowerCase(Locale.ROOT) + "&";
        https |= query.contains("&ssl=true&");
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in ClickHouse JDBC URL: " + jdbcUrl);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 8443 : 8123;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return (https ? "https://" : "http://") + host + ":" + port;
    }
}
