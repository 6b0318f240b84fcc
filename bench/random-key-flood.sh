#!/usr/bin/env bash
# The random-key benchmark (docs/benchmarks.md, "Random API keys against a legitimate client"), against the platform
# that `./telemetryflow up` started on this machine, with X-Forwarded-For believed from 127.0.0.1:
#   TELEMETRYFLOW_HTTP_TRUSTED_PROXIES=127.0.0.1 ./telemetryflow up
# For each scenario: a warm-up flood, a full GC and the server's used heap; then REQUESTS random keys (RandomKeyFlood,
# with a legitimate client every 100 ms); then a full GC and the used heap again. The heap is read with jcmd
# (GC.run, then GC.heap_info) from the WildFly JVM, so run this as the user that started the platform.
# Output goes to bench/target/random-keys-<timestamp>/ (one RESULT and two heap lines per scenario).
# Environment: REQUESTS=100000 WARMUP=2000 CLIENTS=8 SCENARIOS="ids secrets ids-254 shared"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TF_HOME="${TELEMETRYFLOW_HOME:-$HOME/.telemetryflow}"
REQUESTS="${REQUESTS:-100000}" WARMUP="${WARMUP:-2000}" CLIENTS="${CLIENTS:-8}"
SCENARIOS="${SCENARIOS:-ids secrets ids-254 shared}"
OUT="$ROOT/bench/target/random-keys-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$ROOT/telemetryflow" status >/dev/null || { echo "random-key-flood.sh: the platform is not up; start it with ./telemetryflow up" >&2; exit 1; }
# the WildFly JVM (not its launcher script): the java process whose data directory is this platform's
SERVER_PID=$(pgrep -u "$(id -u)" -f "java.*-Djboss.server.data.dir=$TF_HOME/data/wildfly" | head -n 1)
[[ -n "$SERVER_PID" ]] || { echo "random-key-flood.sh: no WildFly JVM of $TF_HOME found" >&2; exit 1; }

mvn -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

# used heap in KiB after a full collection (System.gc is a full, stop-the-world collection with G1's defaults)
used_heap_kib() {
    jcmd "$SERVER_PID" GC.run >/dev/null
    jcmd "$SERVER_PID" GC.heap_info | sed -n 's/.*garbage-first heap.* used \([0-9]*\)K.*/\1/p'
}

flood() {
    local scenario="$1" requests="$2"
    case "$scenario" in
        ids) set -- --forwarded-for true ;;
        secrets) set -- --forwarded-for true --attack secrets ;;
        ids-254) set -- --forwarded-for true --attacker-addresses 254 ;;
        shared) set -- ;;
        *) echo "random-key-flood.sh: unknown scenario $scenario" >&2; exit 2 ;;
    esac
    java -cp "$CP" io.telemetryflow.bench.RandomKeyFlood --requests "$requests" --clients "$CLIENTS" "$@"
}

for scenario in $SCENARIOS; do
    echo "== $scenario: warm-up of $WARMUP requests"
    flood "$scenario" "$WARMUP" >/dev/null
    before=$(used_heap_kib)
    echo "== $scenario: $REQUESTS requests (heap after full GC before: $((before / 1024)) MiB)"
    flood "$scenario" "$REQUESTS" | tee -a "$OUT/results.txt"
    after=$(used_heap_kib)
    echo "HEAP scenario=$scenario before_mib=$((before / 1024)) after_mib=$((after / 1024)) delta_mib=$(((after - before) / 1024))" |
        tee -a "$OUT/results.txt"
done
echo "results in $OUT/results.txt"
