# Sourced by the bench scripts: the platform's PostgreSQL, with the settings of ./telemetryflow
# (TELEMETRYFLOW_PG_HOST, _PG_PORT, _DB_USER, _DB_PASSWORD, _PG_DATABASE).
PG_HOST="${TELEMETRYFLOW_PG_HOST:-127.0.0.1}" PG_PORT="${TELEMETRYFLOW_PG_PORT:-5432}"
PG_USER="${TELEMETRYFLOW_DB_USER:-postgres}" PG_PASSWORD="${TELEMETRYFLOW_DB_PASSWORD:-postgres}"
PG_DATABASE="${TELEMETRYFLOW_PG_DATABASE:-telemetryflow}"

# psql_value SQL [psql options...]: the rows of SQL, unaligned and without headers; fails on any error.
psql_value() {
    PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -v ON_ERROR_STOP=1 -qtA "${@:2}" -c "$1"
}

# default_tenant_ids SLUG: "organization workspace tenant" ids of the live tenant SLUG of the default organization and
# workspace; nothing when there is none.
default_tenant_ids() {
    psql_value "SELECT o.id, w.id, t.id FROM tenants t
        JOIN workspaces w ON w.id = t.workspace_id JOIN organizations o ON o.id = w.organization_id
        WHERE o.slug = 'default' AND w.slug = 'default' AND t.slug = '$1'
          AND t.deleted_at IS NULL AND w.deleted_at IS NULL AND o.deleted_at IS NULL" -F ' '
}

# default_tenant_id SLUG: the tenant id alone.
default_tenant_id() {
    default_tenant_ids "$1" | cut -d ' ' -f 3
}
