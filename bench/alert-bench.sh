#!/usr/bin/env bash
# The alert evaluation benchmark (docs/benchmarks.md, "Alert evaluation"), against the platform that
# `./telemetryflow up` started on this machine (127.0.0.1 only; start it with a rate limit the load fits,
# TELEMETRYFLOW_INGEST_RATE_LIMIT_PER_MINUTE=1000000):
#   1. RUNS end-to-end ingestion runs per signal (metrics, logs) without rules, unpaced: the baseline capacity;
#   2. AlertLoad creates RULES enabled rules (half metric, half logs) at INTERVAL; after WARMUP_MINUTES (phase "warm-up":
#      every rule's first evaluations at once, reported apart), for MINUTES (phase "watched") data
#      flows at RATE items/s (half metric points, half log records, two paced IngestLoad drivers side by side, each
#      run PACED seconds long), the evaluation lag this reports is the one of a platform with data flowing;
#   3. then for THEN_MINUTES (phase "then") unpaced ingestion runs go on back to back with the rules on: the ingestion
#      rate "with rules" (the cost of evaluation to ingestion) and the lag of a platform saturated by ingestion;
#   4. AlertLoad deletes the rules and prints each phase's lag and ClickHouse time percentiles and ticks skipped; the
#      script prints the ingestion rate with and without the rules (medians).
# DISTINCT=true gives every rule a question of its own (no two share a read: the worst case), false lets rules repeat
# 58 questions with different thresholds (AlertLoad's comment).
# Output goes to bench/target/alert-results-<timestamp>/.
# Environment: RULES=1000 INTERVAL=1m WARMUP_MINUTES=3 MINUTES=5 THEN_MINUTES=4 RATE=10000 PACED=60 DISTINCT=true RUNS=3 DURATION=20
#              WARMUP=5 CLIENTS=4 DRAIN=600
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RULES="${RULES:-1000}" INTERVAL="${INTERVAL:-1m}" WARMUP_MINUTES="${WARMUP_MINUTES:-3}" MINUTES="${MINUTES:-5}" THEN_MINUTES="${THEN_MINUTES:-4}" DISTINCT="${DISTINCT:-true}"
RATE="${RATE:-10000}" PACED="${PACED:-60}"
RUNS="${RUNS:-3}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-5}" CLIENTS="${CLIENTS:-4}" DRAIN="${DRAIN:-600}"
OUT="$ROOT/bench/target/alert-results-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$ROOT/telemetryflow" status || { echo "alert-bench.sh: the platform is not up; start it with ./telemetryflow up" >&2; exit 1; }

echo "building the load driver"
mvn -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

ingest() { # ingest SIGNAL TAG [RATE DURATION WARMUP]: one run, unpaced unless RATE
    local before
    before=$(cut -d' ' -f1 /proc/loadavg)
    # timestamped 30 s before the run (not IngestLoad's default 5 min), so that the rules' windows hold the data
    java -Xmx2g -cp "$CP" io.telemetryflow.bench.IngestLoad --signal "$1" --mode e2e --clients "$CLIENTS" --rate "${3:-0}" --backdate-seconds 30 \
        --warmup "${5:-$WARMUP}" --duration "${4:-$DURATION}" --drain-timeout "$DRAIN" --tag "$2" 2> >(grep -v '^SLF4J' >&2) |
        grep '^RESULT' | sed "s/\$/ load1_before=$before/" | tee -a "$OUT/ingest.txt"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "== baseline: $RUNS x end-to-end ingestion per signal, no rules"
for k in $(seq 1 "$RUNS"); do
    ingest metrics "baseline$k"
    ingest logs "baseline$k"
done

echo "== $RULES rules at $INTERVAL: $WARMUP_MINUTES min warm-up, $MINUTES min with $RATE items/s flowing, then $THEN_MINUTES min of unpaced ingestion"
java -cp "$CP" io.telemetryflow.bench.AlertLoad --rules "$RULES" --interval "$INTERVAL" --warmup-minutes "$WARMUP_MINUTES" --minutes "$MINUTES" \
    --then-minutes "$THEN_MINUTES" --distinct "$DISTINCT" 2> >(grep -v '^SLF4J' >&2) | tee "$OUT/alerts.txt" &
alerts=$!
until grep -q '^created' "$OUT/alerts.txt" 2>/dev/null; do
    kill -0 "$alerts" 2>/dev/null || { echo "alert-bench.sh: AlertLoad ended before creating its rules" >&2; exit 1; }
    sleep 2
done
k=0
while kill -0 "$alerts" 2>/dev/null && ! grep -q '^THEN' "$OUT/alerts.txt"; do
    k=$((k + 1))
    ingest metrics "paced$k" $((RATE / 2)) "$PACED" 0 &
    metrics=$!
    ingest logs "paced$k" $((RATE / 2)) "$PACED" 0
    wait "$metrics"
done
k=0
while kill -0 "$alerts" 2>/dev/null; do
    k=$((k + 1))
    ingest metrics "rules$k"
    kill -0 "$alerts" 2>/dev/null && ingest logs "rules$k"
done
wait "$alerts"

echo
grep '^RESULT' "$OUT/alerts.txt"
printf '%-8s %18s %18s %8s\n' signal "baseline stored/s" "with rules stored/s" ratio
for signal in metrics logs; do
    # a signal without a run in a phase (THEN_MINUTES too short for one) prints "-"
    base=$(grep " signal=$signal " "$OUT/ingest.txt" | grep " tag=baseline" | field stored_per_s | median || true)
    with=$(grep " signal=$signal " "$OUT/ingest.txt" | grep " tag=rules" | field stored_per_s | median || true)
    printf '%-8s %18s %18s %8s\n' "$signal" "$base" "$with" "$(awk -v b="$base" -v w="$with" 'BEGIN {if (b > 0) printf "%.2f", w / b}')"
done
