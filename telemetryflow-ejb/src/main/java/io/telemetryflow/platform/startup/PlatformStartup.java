package io.telemetryflow.platform.startup;

import io.telemetryflow.apikey.ApiKeyBootstrap;
import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.auth.AccessTokenDenyList;
import io.telemetryflow.auth.SigningKeys;
import io.telemetryflow.iam.IamBootstrap;
import io.telemetryflow.platform.cache.HazelcastMember;
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
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings a node up: metadata schema (Flyway; the deployment fails if PostgreSQL is unreachable,
 * since nothing works without it), the default tenancy (and, for local runs, a bootstrap API key),
 * IAM (permissions, system roles, first Super Administrator, demo users in demo mode), the JWT
 * signing key, the cache member and the access-token deny list, then the telemetry schema, which is retried in the background if ClickHouse
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

    @PostConstruct
    void start() {
        var flyway = PostgresSchema.migrate(postgres);
        LOG.info(() -> "PostgreSQL schema at version " + flyway.targetSchemaVersion + " (" + flyway.migrationsExecuted + " applied now)");
        var defaults = tenancy.ensureDefaults();
        LOG.info(() -> "Default tenant " + defaults.tenantId());
        apiKeys.ensureBootstrapKey(defaults);
        iam.ensureSeeded(defaults);
        signingKeys.ensureKey();
        LOG.info(() -> "Cache cluster members: " + hazelcast.clusterSize());
        denyList.restore();
        clickHouseSchema.migrateInBackground();
        audit.record(AuditEvent.builder(AuditEvent.Type.SYSTEM, "platform.started", AuditEvent.Result.SUCCESS)
                .resource("platform")
                .metadata(Map.of("node", ManagementFactory.getRuntimeMXBean().getName()))
                .build());
    }
}
