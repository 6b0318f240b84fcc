#!/usr/bin/env bash
# The metric series grouped by cpu.mode (ReadLoad's metrics-by) through the API over 1-hour ranges that start and end
# on whole minutes (served from the per-minute gauge aggregates, V12), each followed by the same range shifted by
# 1 ms (served from the raw points): uncached, interleaved, so the two paths are compared in one run
# (docs/benchmarks.md, "Read side at production density"). 127.0.0.1 only.
# Usage: bench/read-minutes.sh FIRST_START STARTS TENANT_ID   e.g. bench/read-minutes.sh 2026-12-06T20:03:00Z 4 <uuid>
#   (STARTS whole-minute starts from FIRST_START, each with steps of 60..600 s; the hour after the last start must lie
#   inside the data). Environment: API=http://127.0.0.1:8080/api/v2 CREDENTIALS=~/.telemetryflow/credentials.json
set -euo pipefail
FIRST="$1" STARTS="$2" TENANT="$3"
API="${API:-http://127.0.0.1:8080/api/v2}" CREDENTIALS="${CREDENTIALS:-$HOME/.telemetryflow/credentials.json}"
[[ "$API" =~ ^http://127\.0\.0\.1:[0-9]+/ ]] || { echo "read-minutes.sh: 127.0.0.1 only" >&2; exit 1; }
[[ "$STARTS" =~ ^[0-9]+$ && "$TENANT" =~ ^[0-9a-f-]{36}$ ]] || { echo "read-minutes.sh: STARTS a number, TENANT_ID a uuid" >&2; exit 1; }
first=$(date -u -d "$FIRST" +%s) || exit 1
((first % 60 == 0)) || { echo "read-minutes.sh: FIRST_START must be a whole minute" >&2; exit 1; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$CREDENTIALS" "$1"; }
login=$(python3 -c 'import json,sys; print(json.dumps({"email": sys.argv[1], "password": sys.argv[2]}))' "$(field adminEmail)" "$(field adminPassword)")
TOKEN=$(curl -sS --max-time 30 -X POST "$API/auth/login" -H 'Content-Type: application/json' -d "$login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
BODY=$(mktemp) HEADERS=$(mktemp)
trap 'rm -f "$BODY" "$HEADERS"' EXIT
# request FROM TO STEP: prints "seconds bytes X-Cache status"
request() {
    curl -sS --max-time 60 -o "$BODY" -D "$HEADERS" -w '%{time_total} %{size_download}' -X POST "$API/telemetry/metrics/query" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"metric\":\"system.cpu.utilization\",\"from\":\"$1\",\"to\":\"$2\",\"step\":\"${3}s\",\"aggregation\":\"avg\",\"groupBy\":[\"cpu.mode\"],\"tenantId\":\"$TENANT\"}"
    echo " $(grep -i '^x-cache' "$HEADERS" | tr -d '\r' | cut -d' ' -f2) $(head -1 "$HEADERS" | cut -d' ' -f2)"
}
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S; }
for step in 60 120 180 240 300 360 420 480 540 600; do
    for ((s = 0; s < STARTS; s++)); do
        from=$((first + 60 * s)) to=$((first + 60 * s + 3600))
        echo "minutes $step $(iso $from) $(request "$(iso $from)Z" "$(iso $to)Z" "$step")"
        echo "raw $step $(iso $from) $(request "$(iso $from).001Z" "$(iso $to).001Z" "$step")"
    done
done | tee /dev/stderr | python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.startswith(("minutes", "raw"))]
for kind in ("minutes", "raw"):
    t = sorted(float(r[3]) * 1000 for r in rows if r[0] == kind)
    bad = sum(1 for r in rows if r[0] == kind and (r[5] != "MISS" or r[6] != "200"))
    pick = lambda q: t[max(0, int(-(-len(t) * q // 1)) - 1)]
    print("RESULT path=%s requests=%d p50_ms=%.0f p95_ms=%.0f max_ms=%.0f not_200_or_not_miss=%d" % (kind, len(t), pick(0.5), pick(0.95), t[-1], bad))
'
