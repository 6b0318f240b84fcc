#!/usr/bin/env bash
# Read benchmark A/B between two builds on the same data and the same WildFly (docs/benchmarks.md, "Structure
# refactor A/B"): hot-redeploys the other checkout's build and this one's by turns (`./telemetryflow up` from each;
# order base, head, head, base, base, head, so that warming trends cancel out) and runs bench/read-bench.sh on the data
# already loaded after each deploy. Leaves this checkout's build deployed.
# Usage: bench/read-ab.sh /path/to/base-checkout   (a built clone at the base commit; load data first with
#        bench/load-read-data.sh)
# Environment: read-bench.sh's, with LOAD=0 REQUESTS=60 WARMUP=30 CACHED_WARMUP=1000 CACHED_REQUESTS=600 by default.
set -euo pipefail

HEAD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_DIR="$(cd "${1:?usage: bench/read-ab.sh /path/to/base-checkout}" && pwd)"
export LOAD=0 REQUESTS="${REQUESTS:-60}" WARMUP="${WARMUP:-30}" CACHED_WARMUP="${CACHED_WARMUP:-1000}" CACHED_REQUESTS="${CACHED_REQUESTS:-600}"
run=0
for side in base head head base base head; do
    run=$((run + 1))
    dir="$HEAD_DIR"
    [[ "$side" == base ]] && dir="$BASE_DIR"
    (cd "$dir" && ./telemetryflow up >/dev/null)
    echo "== run $run side $side ($dir) $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    (cd "$dir" && bench/read-bench.sh | grep '^RESULT')
done
(cd "$HEAD_DIR" && ./telemetryflow up >/dev/null)
