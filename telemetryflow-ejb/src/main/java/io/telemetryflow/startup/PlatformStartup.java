package io.telemetryflow.startup;

import io.telemetryflow.alerting.AlertScheduler;
import io.telemetryflow.apikey.ApiKeyBootstrap;
import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.auth.AccessTokenDenyList;
import io.telemetryflow.auth.SigningKeys;
import io.telemetryflow.iam.IamBootstrap;
import io.telemetryflow.platform.cache.HazelcastMember;
import io.telemetryflow.platform.messaging.MessagingCluster;
import io.telemetryflow.platform.migration.ClickHouseSchema;
import io.telemetryflow.platform.migration.PostgresSchema;
import io.telemetryflow.tenancy.TenancyBootstrap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings a node up, after refusing settings that would expose it (a clustered broker without the operator's cluster
 * password, {@link MessagingCluster}; a clustered cache without the operator's cluster name and encryption key,
 * {@link io.telemetryflow.platform.cache.CacheCluster}; demo users on a non-loopback address, {@link IamBootstrap}): metadata schema (Flyway; the deployment fails if PostgreSQL is unreachable,
 * since nothing works without it), the default tenancy (and, for local runs, a bootstrap API key),
 * IAM (permissions, system roles, first Super Administrator, demo users in demo mode), the JWT
 * signing keys (the first node creates them), the cache member, expired rows of the access-token deny list, then the telemetry schema, which is retried in the background if ClickHouse
 * is not there yet. The start is recorded in the audit trail (SYSTEM platform.started).
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class PlatformStartup {

    private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Inject
    TenancyBootstrap tenancy;

    @Inject
    ApiKeyBootstrap apiKeys;

    @Inject
    IamBootstrap iam;

    @Inject
    SigningKeys signingKeys;

    @Inject
    AccessTokenDenyList denyList;

    @Inject
    HazelcastMember hazelcast;

    @Inject
    ClickHouseSchema clickHouseSchema;

    @Inject
    AuditTrail audit;

    @Inject
    AlertScheduler alertScheduler;

    /** The broker's cluster settings, the same ones server-config/wildfly/20-messaging.cli reads. */
    @Inject
    @ConfigProperty(name = "telemetryflow.messaging.cluster-host", defaultValue = "127.0.0.1")
    String clusterHost;

    @Inject
    @ConfigProperty(name = "telemetryflow.messaging.peer-port", defaultValue = "0")
    int peerPort;

    @Inject
    @ConfigProperty(name = "telemetryflow.messaging.cluster-password")
    Optional<String> clusterPassword;

    @PostConstruct
    void start() {
        MessagingCluster.refusal(clusterHost, peerPort, clusterPassword).or(hazelcast::refusal).ifPresent(reason -> {
            throw new IllegalStateException("TelemetryFlow refuses to start: " + reason);
        });
        var flyway = PostgresSchema.migrate(postgres);
        LOG.info(() -> "PostgreSQL schema at version " + flyway.targetSchemaVersion + " (" + flyway.migrationsExecuted + " applied now)");
        var defaults = tenancy.ensureDefaults();
        LOG.info(() -> "Default tenant " + defaults.tenantId());
        apiKeys.ensureBootstrapKey(defaults);
        iam.ensureSeeded(defaults);
        signingKeys.ensureKeys();
        LOG.info(() -> "Cache cluster members: " + hazelcast.clusterSize());
        denyList.purgeExpired();
        clickHouseSchema.migrateInBackground();
        alertScheduler.start();
        audit.record(AuditEvent.builder(AuditEvent.Type.SYSTEM, "platform.started", AuditEvent.Result.SUCCESS)
                .resource("platform")
                .metadata(Map.of("node", ManagementFactory.getRuntimeMXBean().getName()))
                .build());
    }
}
