package io.telemetryflow.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.testsupport.TestDatabases;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway over a real PostgreSQL, each test in a schema of its own (the connection's current schema,
 * which Flyway takes as its default), so tests neither see nor disturb anything else in the database.
 */
class PostgresSchemaIT {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String schema = "tf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private DataSource dataSource;

    @BeforeEach
    void createSchema() throws SQLException {
        execute("CREATE SCHEMA " + schema);
        dataSource = new DriverManagerDataSource(TestDatabases.PG_URL + (TestDatabases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void createsTheTenancyTablesInTheCurrentSchemaAndAppliesNothingTheSecondTime() throws SQLException {
        MigrateResult first = PostgresSchema.migrate(dataSource);

        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isPositive().isEqualTo(first.migrations.size());
        assertThat(first.migrations).anySatisfy(m -> {
            assertThat(m.version).isEqualTo("1");
            assertThat(m.description).isEqualTo("tenancy");
        });
        assertThat(tables()).contains("regions", "organizations", "workspaces", "tenants", "flyway_schema_history");

        MigrateResult second = PostgresSchema.migrate(dataSource);

        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
    }

    @Test
    void liveTenantSlugsAreUniquePerWorkspaceButSoftDeletedOnesDoNotBlock() throws SQLException {
        PostgresSchema.migrate(dataSource);
        UUID region = insert("INSERT INTO regions (id, code, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, 'eu-1', 'Europe', ?, 'it', ?, 'it')");
        UUID organization = insert("INSERT INTO organizations (id, region_id, slug, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, '" + region + "', 'acme', 'Acme', ?, 'it', ?, 'it')");
        UUID production = workspace(organization, "production");
        UUID staging = workspace(organization, "staging");
        UUID shop = tenant(production, "shop");

        assertThatThrownBy(() -> tenant(production, "shop"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(UNIQUE_VIOLATION))
                .hasMessageContaining("tenants_slug_live");

        // the same slug in another workspace is a different tenant
        tenant(staging, "shop");

        // once the first is soft-deleted, the slug is free again, even repeatedly
        softDelete(shop);
        UUID secondShop = tenant(production, "shop");
        softDelete(secondShop);
        tenant(production, "shop");

        assertThat(count("SELECT count(*) FROM tenants WHERE workspace_id = '" + production + "' AND slug = 'shop'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM tenants WHERE workspace_id = '" + production + "' AND slug = 'shop' AND deleted_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void liveWorkspaceSlugsAreUniquePerOrganization() throws SQLException {
        PostgresSchema.migrate(dataSource);
        UUID region = insert("INSERT INTO regions (id, code, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, 'us-1', 'US', ?, 'it', ?, 'it')");
        UUID organization = insert("INSERT INTO organizations (id, region_id, slug, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, '" + region + "', 'acme', 'Acme', ?, 'it', ?, 'it')");
        workspace(organization, "production");

        assertThatThrownBy(() -> workspace(organization, "production"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(UNIQUE_VIOLATION))
                .hasMessageContaining("workspaces_slug_live");
    }

    @Test
    void theSigningKeyOfEarlierVersionsBecomesTheActiveOneAndThereIsAtMostOneActiveAndOneNextKey() throws SQLException {
        Flyway.configure(PostgresSchema.class.getClassLoader()).dataSource(dataSource).locations("classpath:db/postgres")
                .table("flyway_schema_history").target("4").load().migrate();
        execute(dataSource, "INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_encrypted, created_at)"
                + " VALUES ('old', 'RS256', 'pem', 'sealed', now())");

        PostgresSchema.migrate(dataSource);

        assertThat(count("SELECT count(*) FROM signing_keys WHERE key_id = 'old' AND state = 'ACTIVE' AND activated_at IS NOT NULL"
                + " AND retired_at IS NULL")).isEqualTo(1);
        execute(dataSource, "INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_encrypted, created_at, state)"
                + " VALUES ('next', 'RS256', 'pem', 'sealed', now(), 'NEXT')");
        for (String state : List.of("ACTIVE", "NEXT")) {
            assertThatThrownBy(() -> execute(dataSource, "INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_encrypted,"
                    + " created_at, state) VALUES ('second-" + state + "', 'RS256', 'pem', 'sealed', now(), '" + state + "')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(UNIQUE_VIOLATION))
                    .hasMessageContaining("signing_keys_one_per_state");
        }
        assertThatThrownBy(() -> execute(dataSource, "UPDATE signing_keys SET state = 'RETIRED' WHERE key_id = 'old'"))
                .as("a retired key without its retirement time").hasMessageContaining("signing_keys_retired_at");
    }

    private static void execute(DataSource target, String sql) throws SQLException {
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private UUID workspace(UUID organization, String slug) throws SQLException {
        return insert("INSERT INTO workspaces (id, organization_id, slug, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, '" + organization + "', '" + slug + "', '" + slug + "', ?, 'it', ?, 'it')");
    }

    private UUID tenant(UUID workspace, String slug) throws SQLException {
        return insert("INSERT INTO tenants (id, workspace_id, slug, name, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, '" + workspace + "', '" + slug + "', '" + slug + "', ?, 'it', ?, 'it')");
    }

    /** Runs an insert whose parameters are a fresh id and two timestamps; returns the id. */
    private UUID insert(String sql) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
        return id;
    }

    private void softDelete(UUID tenant) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE tenants SET deleted_at = now(), deleted_by = 'it' WHERE id = ?")) {
            update.setObject(1, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = TestDatabases.postgres();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            query.setString(1, schema);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        return tables;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabases.postgres();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The least DataSource Flyway needs: a new DriverManager connection per call. */
    private static final class DriverManagerDataSource implements DataSource {

        private final String url;

        DriverManagerDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
