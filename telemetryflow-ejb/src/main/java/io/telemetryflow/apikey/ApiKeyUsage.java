package io.telemetryflow.apikey;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Last-used time and use count of API keys without a database write per ingest request: uses are
 * counted in memory ({@link UsageCounters}) and written every few seconds in one JDBC batch that adds
 * to the stored count and keeps the later of the two times, so every node can flush its own share.
 * Pending counts are written once more when the application stops.
 */
@ApplicationScoped
public class ApiKeyUsage {

    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class.getName());
    static final String UPDATE = "UPDATE api_keys SET use_count = use_count + ?, last_used_at = greatest(last_used_at, ?) WHERE id = ?";

    @Inject
    @ConfigProperty(name = "telemetryflow.apikey.usage-flush-interval", defaultValue = "PT5S")
    Duration flushInterval;

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final UsageCounters counters = new UsageCounters();
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> flushing;

    @PostConstruct
    void start() {
        long millis = Math.max(100, flushInterval.toMillis());
        flushing = scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Counts one authenticated use of the key (its row id); costs no I/O. */
    public void record(UUID keyRowId) {
        counters.record(keyRowId, clock.instant());
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flushQuietly();
    }

    /** Writes what was counted so far; returns the number of keys updated. */
    public int flush() {
        return counters.flush(this::write);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "API key usage not written yet (kept for the next flush): " + e.getMessage());
        }
    }

    private void write(List<UsageCounters.Usage> usages) {
        try (Connection db = postgres.getConnection(); PreparedStatement update = db.prepareStatement(UPDATE)) {
            db.setAutoCommit(false);
            for (UsageCounters.Usage usage : usages) {
                update.setLong(1, usage.count());
                update.setTimestamp(2, Timestamp.from(usage.lastUsedAt()));
                update.setObject(3, usage.keyId());
                update.addBatch();
            }
            update.executeBatch();
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write API key usage: " + e.getMessage(), e);
        }
    }
}
