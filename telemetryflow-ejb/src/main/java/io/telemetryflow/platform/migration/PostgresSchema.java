package io.telemetryflow.platform.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway over the metadata database; scripts in db/postgres on the class path. */
public final class PostgresSchema {

    private PostgresSchema() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(PostgresSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/postgres")
                .table("flyway_schema_history")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
