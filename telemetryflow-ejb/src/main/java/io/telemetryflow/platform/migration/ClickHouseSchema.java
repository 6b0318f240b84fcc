package io.telemetryflow.platform.migration;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the ClickHouse schema up to date, in the background. The telemetry store may be down when the node starts,
 * so migration is retried until it succeeds; readiness stays DOWN until then.
 * A migration history that contradicts the files (an edited script) is not retried: it needs a person.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ClickHouseSchema {

    /** Advisory lock key: "tfchmig" in ASCII, so no other user of the database collides by accident. */
    static final long LOCK_KEY = 0x7466_6368_6d69_67L;
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ClickHouseSchema.class.getName());

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Resource
    TimerService timers;

    @Inject
    ClickHouseConnector clickHouse;

    @Inject
    ClickHouseSchemaStatus status;

    private int failedAttempts;

    /**
     * Migrates in the background, at once and then every few seconds until done: a migration that copies data (V8)
     * can take minutes, longer than a deployment may. Readiness says DOWN meanwhile.
     */
    public void migrateInBackground() {
        attemptAfter(Duration.ZERO);
    }

    @Timeout
    void attempt() {
        if (!migrate()) {
            attemptAfter(RETRY);
        }
    }

    private void attemptAfter(Duration delay) {
        timers.createSingleActionTimer(delay.toMillis(), new TimerConfig("clickhouse-migration", false));
    }

    /** True when there is nothing left to retry. */
    private synchronized boolean migrate() {
        try {
            List<SchemaMigration> migrations = ClickHouseMigrator.fromClasspath(ClickHouseMigrator.class.getClassLoader(), ClickHouseMigrator.LOCATION);
            PostgresAdvisoryLock lock = new PostgresAdvisoryLock(postgres::getConnection, LOCK_KEY, Duration.ofMinutes(5));
            List<Integer> applied = new ClickHouseMigrator(clickHouse, lock, migrations, nodeName()).migrate();
            LOG.info(() -> "ClickHouse schema is current (" + migrations.size() + " migrations, " + applied.size() + " applied now)");
            status.current();
            return true;
        } catch (MigrationException e) {
            status.failed(e.getMessage(), true);
            LOG.severe("ClickHouse schema migration stopped, fix and redeploy: " + e.getMessage());
            return true;
        } catch (SQLException e) {
            retryLater("ClickHouse unavailable for migration: " + e.getMessage(), null);
            return false;
        } catch (Exception e) {
            retryLater("ClickHouse migration failed: " + e, e);
            return false;
        }
    }

    private void retryLater(String problem, Exception cause) {
        status.failed(problem, false);
        // the first failure is news; the retries every few seconds are not
        Level level = failedAttempts++ == 0 ? Level.WARNING : Level.FINE;
        LOG.log(level, problem + " (retrying every " + RETRY.toSeconds() + " s)", cause);
    }

    static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
