#!/usr/bin/env bash
# The telemetry query benchmark (docs/benchmarks.md, "Telemetry queries"), against the platform that
# `./telemetryflow up` started on this machine (start it first; 127.0.0.1 only):
#   1. bench/load-read-data.sh: 10 M spans, 10 M log records, 10 M metric points for the default tenant (LOAD=0 keeps
#      the data of an earlier load, e.g. to measure again on the same data);
#   2. waits (at most MERGE_WAIT seconds) until ClickHouse has no merges running, so they do not run during the
#      measurement;
#   3. ReadLoad: per query kind, WARMUP unmeasured requests and REQUESTS uncached ones (X-Cache: MISS), then
#      CACHED_WARMUP unmeasured and CACHED_REQUESTS cached ones (X-Cache: HIT), one at a time; prints p50/p95/p99/max
#      and exits 1 if a request failed.
# Output (and the loader's report) goes to bench/target/read-results-<timestamp>/.
# Usage: bench/read-bench.sh [more ReadLoad options, e.g. --log-term profile --min-duration 500ms]
# Environment: DRIVER_CP (a classpath with the driver already compiled; default: build it) LOAD=1 REQUESTS=50 WARMUP=5 CACHED_REQUESTS=500 CACHED_WARMUP=500 KINDS=metrics,logs,traces,trace,service-map (or metrics-by) MERGE_WAIT=600 MAX_SECONDS=900,
#   and the loader's (SPANS, LOGS, POINTS, HOURS, ...) and PostgreSQL settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD="${LOAD:-1}" REQUESTS="${REQUESTS:-50}" WARMUP="${WARMUP:-5}" KINDS="${KINDS:-metrics,logs,traces,trace,service-map}"
MERGE_WAIT="${MERGE_WAIT:-600}" MAX_SECONDS="${MAX_SECONDS:-900}"
CACHED_REQUESTS="${CACHED_REQUESTS:-500}" CACHED_WARMUP="${CACHED_WARMUP:-500}"
CLICKHOUSE="${CLICKHOUSE:-http://127.0.0.1:8123}" DATABASE="${DATABASE:-telemetryflow}"
source "$ROOT/bench/postgres.sh"
OUT="$ROOT/bench/target/read-results-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$ROOT/telemetryflow" status || { echo "read-bench.sh: the platform is not up; start it with ./telemetryflow up" >&2; exit 1; }

if [[ "$LOAD" == 1 ]]; then
    echo "== loading the data set"
    "$ROOT/bench/load-read-data.sh" | tee "$OUT/load.txt"
fi

echo "== waiting for ClickHouse's merges (at most ${MERGE_WAIT} s)"
waited=0
while :; do
    merges=$(curl -sS --max-time 10 "$CLICKHOUSE/" --data-binary "SELECT count() FROM system.merges WHERE database = '$DATABASE'")
    parts=$(curl -sS --max-time 10 "$CLICKHOUSE/" --data-binary "SELECT count() FROM system.parts WHERE active AND database = '$DATABASE' AND table LIKE 'otel_%'")
    if [[ "$merges" == 0 ]]; then
        echo "no merges running after ${waited} s; $parts active parts in the otel_* tables" | tee "$OUT/merges.txt"
        break
    fi
    if ((waited >= MERGE_WAIT)); then
        echo "still $merges merges running after ${waited} s; measuring anyway ($parts active parts)" | tee "$OUT/merges.txt"
        break
    fi
    sleep 5
    waited=$((waited + 5))
done

TENANT=$(default_tenant_id production)

if [[ -n "${DRIVER_CP:-}" ]]; then # a driver compiled elsewhere (e.g. against a checkout's classes, without mvn install)
    CP="$DRIVER_CP"
else
    echo "== building the driver"
    mvn -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
    CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
fi

echo "== measuring"
set +e
java -cp "$CP" io.telemetryflow.bench.ReadLoad --tenant-id "$TENANT" --requests "$REQUESTS" --warmup "$WARMUP" \
    --cached-requests "$CACHED_REQUESTS" --cached-warmup "$CACHED_WARMUP" --kinds "$KINDS" --max-seconds "$MAX_SECONDS" \
    --clickhouse "$CLICKHOUSE" --database "$DATABASE" "$@" \
    2> >(grep -v '^SLF4J' | tee "$OUT/driver-errors.txt" >&2) | tee "$OUT/driver.txt"
status=${PIPESTATUS[0]}
set -e
echo "results in $OUT"
exit "$status"
