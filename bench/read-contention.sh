#!/usr/bin/env bash
# The read-contention benchmark (docs/benchmarks.md, "Read contention"), against the platform that
# `./telemetryflow up` started on this machine (start it first; 127.0.0.1 only, demo users on):
#   1. makes sure the default workspace has a tenant "bench-quiet" (created through the API as the first Super
#      Administrator);
#   2. loads (LOAD=0 skips it) the noisy tenant "production" with NOISY_LOGS log records over 7 days and the quiet
#      tenant with QUIET_LOGS over 24 hours (bench/load-read-data.sh), then waits for ClickHouse's merges;
#   3. ReadContention: per round, the quiet tenant's 1-hour log searches alone, then while CALLERS threads of four
#      users scan the noisy tenant's 7 days with fresh regular expressions.
# Output goes to bench/target/contention-<timestamp>/.
# Environment: LOAD=1 NOISY_LOGS=10000000 QUIET_LOGS=2000000 CALLERS=16 ROUNDS=3 REQUESTS=40 MERGE_WAIT=600
#   and the PostgreSQL settings of ./telemetryflow.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD="${LOAD:-1}" NOISY_LOGS="${NOISY_LOGS:-10000000}" QUIET_LOGS="${QUIET_LOGS:-2000000}"
CALLERS="${CALLERS:-16}" ROUNDS="${ROUNDS:-3}" REQUESTS="${REQUESTS:-40}" MERGE_WAIT="${MERGE_WAIT:-600}"
API="http://127.0.0.1:8080/api/v2" CLICKHOUSE="http://127.0.0.1:8123"
source "$ROOT/bench/postgres.sh"
OUT="$ROOT/bench/target/contention-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$ROOT/telemetryflow" status >/dev/null || { echo "read-contention.sh: the platform is not up; start it with ./telemetryflow up" >&2; exit 1; }

if [[ -z "$(default_tenant_id bench-quiet)" ]]; then
    credentials="$HOME/.telemetryflow/credentials.json"
    email=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["adminEmail"])' "$credentials")
    password=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["adminPassword"])' "$credentials")
    token=$(curl -sS --max-time 30 -X POST "$API/auth/login" -H 'Content-Type: application/json' \
        -d "$(python3 -c 'import json,sys; print(json.dumps({"email": sys.argv[1], "password": sys.argv[2]}))' "$email" "$password")" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    workspace=$(psql_value "SELECT w.id FROM workspaces w JOIN organizations o ON o.id = w.organization_id
        WHERE o.slug = 'default' AND w.slug = 'default'")
    curl -sS --fail-with-body --max-time 30 -X POST "$API/iam/tenants" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "{\"workspaceId\":\"$workspace\",\"slug\":\"bench-quiet\",\"name\":\"Benchmark (quiet)\"}" >/dev/null
    echo "created tenant bench-quiet"
fi
QUIET=$(default_tenant_id bench-quiet)
NOISY=$(default_tenant_id production)

if [[ "$LOAD" == 1 ]]; then
    echo "== loading: noisy tenant $NOISY ($NOISY_LOGS logs over 7 days), quiet tenant $QUIET ($QUIET_LOGS logs over 24 h)"
    TENANT_SLUG=production LOGS="$NOISY_LOGS" HOURS=168 SPANS=30000 POINTS=100000 "$ROOT/bench/load-read-data.sh" | tee "$OUT/load-noisy.txt"
    TENANT_SLUG=bench-quiet LOGS="$QUIET_LOGS" HOURS=24 SPANS=30000 POINTS=100000 "$ROOT/bench/load-read-data.sh" | tee "$OUT/load-quiet.txt"
fi

echo "== waiting for ClickHouse's merges (at most ${MERGE_WAIT} s)"
for ((waited = 0; waited < MERGE_WAIT; waited += 5)); do
    [[ "$(curl -sS --max-time 10 "$CLICKHOUSE/" --data-binary "SELECT count() FROM system.merges")" == 0 ]] && break
    sleep 5
done

echo "== building the driver"
mvn -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
java -cp "$CP" io.telemetryflow.bench.ReadContention --quiet-tenant "$QUIET" --noisy-tenant "$NOISY" --callers "$CALLERS" \
    --rounds "$ROUNDS" --requests "$REQUESTS" "$@" | tee "$OUT/contention.txt"
