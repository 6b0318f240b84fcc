#!/usr/bin/env bash
# The ingestion benchmark (docs/benchmarks.md), against the platform that `./telemetryflow up` started on this
# machine (127.0.0.1 only). Every run is bounded: WARMUP + DURATION seconds of load, then at most DRAIN seconds
# waiting for the rows. Per signal:
#   1. RUNS pairs of runs, alternating end to end (OTLP/HTTP -> otlp-ingestion -> batcher -> otlp-batches -> MDB ->
#      ClickHouse) and direct insert (ClickHouseTelemetryWriter straight into ClickHouse, the same requests merged
#      into inserts of about 10,000 items, as many writers as clients: the ceiling);
#   2. RUNS end-to-end runs paced at half the median sustained end-to-end rate (ack latency at half load);
#   3. one overload run: 3x CLIENTS clients paced at 3x the sustained rate, WildFly heap sampled with jstat.
# Start the platform with a rate limit above the benchmark's request rate, e.g.
#   TELEMETRYFLOW_INGEST_RATE_LIMIT_PER_MINUTE=1000000 ./telemetryflow up
# Usage: bench/run.sh [traces] [logs] [metrics]     (default: all three)
# Before all that, one unmeasured 30 s end-to-end run per signal warms the server up (SERVER_WARMUP=0 skips it).
# Environment: RUNS=3 DURATION=20 WARMUP=5 CLIENTS=4 DRAIN=600 OVERLOAD=1 (0 skips step 3) SERVER_WARMUP=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TF_HOME="${TELEMETRYFLOW_HOME:-$HOME/.telemetryflow}"
RUNS="${RUNS:-3}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-5}" CLIENTS="${CLIENTS:-4}" DRAIN="${DRAIN:-600}"
OVERLOAD="${OVERLOAD:-1}" SERVER_WARMUP="${SERVER_WARMUP:-1}"
SIGNALS=("$@")
((${#SIGNALS[@]})) || SIGNALS=(traces logs metrics)
OUT="$ROOT/bench/target/results-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$ROOT/telemetryflow" status || { echo "run.sh: the platform is not up; start it with ./telemetryflow up" >&2; exit 1; }
WILDFLY_PID=$(tr -dc '0-9' <"$TF_HOME/run/wildfly.pid")

echo "building the load driver"
mvn -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

# load <signal> <mode> [more IngestLoad options]: one run; appends its RESULT line (with the load average) to results.txt
load() {
    local signal="$1" mode="$2"
    shift 2
    local before
    before=$(cut -d' ' -f1 /proc/loadavg)
    java -Xmx2g -cp "$CP" io.telemetryflow.bench.IngestLoad --signal "$signal" --mode "$mode" --clients "$CLIENTS" \
        --warmup "$WARMUP" --duration "$DURATION" --drain-timeout "$DRAIN" "$@" 2> >(grep -v '^SLF4J' >&2) |
        grep '^RESULT' | sed "s/\$/ load1_before=$before/" | tee -a "$OUT/results.txt"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; } # field NAME < lines
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
rows() { grep " signal=$1 mode=$2 " "$OUT/results.txt" | grep " tag=$3" || true; } # rows SIGNAL MODE TAG

# A fresh server compiles for minutes (JIT): one unmeasured end-to-end run per signal first
if [[ "$SERVER_WARMUP" == 1 ]]; then
    for signal in "${SIGNALS[@]}"; do
        echo "== $signal: server warm-up (not measured)"
        java -Xmx2g -cp "$CP" io.telemetryflow.bench.IngestLoad --signal "$signal" --mode e2e --clients "$CLIENTS" \
            --warmup 0 --duration 30 --drain-timeout "$DRAIN" --tag server-warmup 2>/dev/null | grep '^RESULT' >"$OUT/warmup-$signal.txt" || true
    done
fi

for signal in "${SIGNALS[@]}"; do
    echo "== $signal: $RUNS x (end to end, direct)"
    for k in $(seq 1 "$RUNS"); do
        load "$signal" e2e --tag "pair$k"
        load "$signal" direct --tag "pair$k"
    done
    sustained=$(rows "$signal" e2e pair | field stored_per_s | median)
    half=$(awk -v s="$sustained" 'BEGIN {printf "%d", s / 2}')
    echo "== $signal: $RUNS x end to end at half the sustained rate ($half items/s)"
    for k in $(seq 1 "$RUNS"); do
        load "$signal" e2e --rate "$half" --tag "half$k"
    done
    if [[ "$OVERLOAD" == 1 ]]; then
        over=$(awk -v s="$sustained" 'BEGIN {printf "%d", s * 3}')
        echo "== $signal: overload, $((CLIENTS * 3)) clients at $over items/s (3x sustained), sampling the WildFly heap"
        oom_before=$(grep -c OutOfMemoryError "$TF_HOME/logs/server.log" || true)
        timeout $((WARMUP + DURATION + 5)) jstat -gc "$WILDFLY_PID" 1000 >"$OUT/heap-$signal.txt" &
        jstat_pid=$!
        CLIENTS=$((CLIENTS * 3)) load "$signal" e2e --rate "$over" --tag overload
        wait "$jstat_pid" || true
        oom_after=$(grep -c OutOfMemoryError "$TF_HOME/logs/server.log" || true)
        # heap used = S0U + S1U + EU + OU (KiB), located by column name
        max_heap=$(awk 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
            $1 ~ /^[0-9.]+$/ {u = $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]; if (u > m) m = u} END {printf "%d", m / 1024}' "$OUT/heap-$signal.txt")
        echo "OVERLOAD signal=$signal max_heap_used_mib=$max_heap oom_in_server_log=$((oom_after - oom_before))" | tee -a "$OUT/results.txt"
    fi
done

echo
echo "Medians of $RUNS runs ($OUT/results.txt). e2e-ack/s: items acknowledged per second; e2e-stored/s: the run's items over"
echo "the time from its first request until its last row is queryable (the sustained end-to-end rate); direct/s: items"
echo "inserted per second by the direct writers (~10k-item synchronous inserts, so stored); ratio: e2e-stored/s over direct/s of the same pair;"
echo "queryable-s: from the last acknowledgement until every row is queryable; latencies in ms."
printf '%-8s %10s %10s %10s %8s %12s %10s %10s %12s %12s\n' signal e2e-ack/s e2e-stored/s direct/s ratio queryable-s p99-full half-p50 half-p99 half-ack/s
for signal in "${SIGNALS[@]}"; do
    ratios=$(for k in $(seq 1 "$RUNS"); do
        e=$(rows "$signal" e2e "pair$k" | field stored_per_s) d=$(rows "$signal" direct "pair$k" | field acked_per_s)
        [[ -n "$e" && -n "$d" ]] && awk -v e="$e" -v d="$d" 'BEGIN {if (d > 0) printf "%.3f\n", e / d}'
    done | median)
    printf '%-8s %10s %10s %10s %8s %12s %10s %10s %12s %12s\n' "$signal" \
        "$(rows "$signal" e2e pair | field acked_per_s | median)" "$(rows "$signal" e2e pair | field stored_per_s | median)" \
        "$(rows "$signal" direct pair | field acked_per_s | median)" "$ratios" \
        "$(rows "$signal" e2e pair | field queryable_after_s | median)" "$(rows "$signal" e2e pair | field p99_ms | median)" \
        "$(rows "$signal" e2e half | field p50_ms | median)" "$(rows "$signal" e2e half | field p99_ms | median)" \
        "$(rows "$signal" e2e half | field acked_per_s | median)"
done
grep '^OVERLOAD' "$OUT/results.txt" || true
