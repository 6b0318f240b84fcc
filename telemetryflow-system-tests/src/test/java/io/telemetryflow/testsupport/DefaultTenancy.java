package io.telemetryflow.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tenancy the server seeds at its first start (organization "default", its tenant "production"), where the demo
 * users and the bootstrap key live; read from PostgreSQL.
 */
public record DefaultTenancy(String organizationId, String workspaceId, String tenantId, String regionId) {

    public static DefaultTenancy read() throws SQLException {
        try (Connection db = TestEnvironment.postgres(); Statement statement = db.createStatement(); ResultSet row = statement.executeQuery("""
                SELECT o.id, w.id, t.id, o.region_id FROM tenants t JOIN workspaces w ON w.id = t.workspace_id
                JOIN organizations o ON o.id = w.organization_id WHERE t.slug = 'production' AND t.deleted_at IS NULL""")) {
            if (!row.next()) {
                throw new IllegalStateException("no default tenancy stored");
            }
            return new DefaultTenancy(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
        }
    }
}
