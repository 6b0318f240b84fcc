#!/usr/bin/env bash
# Loads the read-side benchmark data set (docs/benchmarks.md, "Telemetry queries") into the ClickHouse of
# `./telemetryflow up`: SPANS spans, LOGS log records and POINTS metric points for a tenant of the default workspace
# (organization "default" / workspace "default" / tenant TENANT_SLUG, "production" by default; ids read from PostgreSQL), spread over
# HOURS hours ending now. Everything is generated inside ClickHouse (INSERT ... SELECT ... FROM numbers(...)) into
# the base tables, so the materialized views (service and metric catalogues, trace-id lookup, span documents) are fed
# as by ingestion.
#
# The data set owns the 20 service names below in the default tenant: a run first deletes every row of those services
# in that tenant (signal tables, catalogues, trace-id lookup, span documents), so it can be repeated. Do not reuse
# these names there.
# Bounded: every statement has max_execution_time (STATEMENT_TIMEOUT seconds) and curl --max-time.
#
# Usage: bench/load-read-data.sh
# Environment: SPANS=10000000 LOGS=10000000 POINTS=10000000 HOURS=24 (or MINUTES) INSTANCES=3 LINKED_LOG_PERCENT=30 STATEMENT_TIMEOUT=1800 TENANT_SLUG=production
#   CLICKHOUSE=http://127.0.0.1:8123 DATABASE=telemetryflow and the PostgreSQL settings of ./telemetryflow
#   (TELEMETRYFLOW_PG_HOST, _PG_PORT, _DB_USER, _DB_PASSWORD, _PG_DATABASE).
set -euo pipefail

SPANS="${SPANS:-10000000}" LOGS="${LOGS:-10000000}" POINTS="${POINTS:-10000000}" HOURS="${HOURS:-24}"
MINUTES="${MINUTES:-$((HOURS * 60))}" INSTANCES="${INSTANCES:-3}"
LINKED_LOG_PERCENT="${LINKED_LOG_PERCENT:-30}" STATEMENT_TIMEOUT="${STATEMENT_TIMEOUT:-1800}"
CLICKHOUSE="${CLICKHOUSE:-http://127.0.0.1:8123}" DATABASE="${DATABASE:-telemetryflow}"
TENANT_SLUG="${TENANT_SLUG:-production}"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

die() {
    echo "load-read-data.sh: $*" >&2
    exit 1
}
[[ "$TENANT_SLUG" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "TENANT_SLUG must be a slug (a-z, 0-9, -)"
for n in SPANS LOGS POINTS HOURS MINUTES INSTANCES LINKED_LOG_PERCENT STATEMENT_TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number"
done
((MINUTES >= 60 && INSTANCES >= 1 && INSTANCES <= 200 && LINKED_LOG_PERCENT <= 100 && SPANS >= 30)) ||
    die "need MINUTES >= 60 (or HOURS >= 1), 1 <= INSTANCES <= 200, SPANS >= 30, LINKED_LOG_PERCENT <= 100"
[[ "$DATABASE" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "bad DATABASE name"
[[ "$CLICKHOUSE" =~ ^http://(127\.0\.0\.1|localhost):[0-9]+/?$ ]] || die "only a ClickHouse on this machine (http://127.0.0.1:PORT)"
CLICKHOUSE="${CLICKHOUSE%/}"

# ch SQL: runs one statement, prints its result (TSV); fails with ClickHouse's message
ch() {
    curl -sS --fail-with-body --max-time $((STATEMENT_TIMEOUT + 60)) \
        "$CLICKHOUSE/?database=$DATABASE&max_execution_time=$STATEMENT_TIMEOUT" --data-binary "$1" ||
        die "ClickHouse failed on: ${1:0:200}..."
}
# timed LABEL SQL: runs a statement and reports its duration
timed() {
    local start=$SECONDS
    ch "$2" >/dev/null
    printf '  %-44s %5d s\n' "$1" $((SECONDS - start))
}

[[ "$(curl -sS --max-time 5 "$CLICKHOUSE/ping" 2>/dev/null)" == "Ok." ]] || die "ClickHouse does not answer at $CLICKHOUSE; run ./telemetryflow up first"
[[ "$(ch "EXISTS TABLE otel_traces_trace_id_ts")" == 1 ]] || die "no telemetry schema in $DATABASE; run ./telemetryflow up first"

read -r ORG WORKSPACE TENANT < <(default_tenant_ids "$TENANT_SLUG") ||
    die "cannot read the default tenant from PostgreSQL $PG_HOST:$PG_PORT/$PG_DATABASE"
uuid='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
[[ "$ORG" =~ $uuid && "$WORKSPACE" =~ $uuid && "$TENANT" =~ $uuid ]] || die "no tenant '$TENANT_SLUG' in the default workspace in PostgreSQL (has the server started once?)"

END_NS=$(date +%s%N)                  # the data ends now ...
RANGE_NS=$((MINUTES * 60 * 1000000000)) # ... and starts MINUTES earlier
SEED=$RANDOM$RANDOM                   # new trace and span ids on every load
TENANT_SQL="toUUID('$TENANT')"

# ---- the shape: 20 services (0-based indexes below), who calls whom, ten operations each --------------------------

SERVICES="['frontend', 'api-gateway', 'auth-service', 'user-service', 'catalog-service', 'search-service', 'cart-service',
  'checkout-service', 'payment-service', 'shipping-service', 'inventory-service', 'pricing-service',
  'recommendation-service', 'notification-service', 'email-service', 'fraud-detection', 'currency-service',
  'ad-service', 'review-service', 'order-service']"
CONSTANTS="$SERVICES AS svc_names,
  ['page', 'api', 'session', 'user', 'product', 'query', 'cart', 'checkout', 'payment', 'shipment', 'stock', 'price',
   'recommendation', 'notification', 'email', 'risk', 'conversion', 'ad', 'review', 'order'] AS svc_nouns,
  [[1, 17, 12, 4], [2, 3, 4, 5, 6, 7, 19, 18], [3], [13], [10, 11, 18], [4, 12], [10, 11, 16], [6, 8, 9, 19, 16, 13],
   [15, 16], [16, 13], [], [16], [4], [14], [], [3], [], [], [3], [10, 13]] AS downstream,
  ['nodejs', 'go', 'java', 'java', 'java', 'python', 'dotnet', 'go', 'java', 'go', 'java', 'python', 'python', 'java',
   'python', 'python', 'nodejs', 'java', 'ruby', 'java'] AS svc_lang,
  map('java', 'io.opentelemetry.spring-webmvc-6.0', 'go', 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
      'python', 'opentelemetry.instrumentation.flask', 'nodejs', '@opentelemetry/instrumentation-http',
      'dotnet', 'OpenTelemetry.Instrumentation.AspNetCore', 'ruby', 'OpenTelemetry::Instrumentation::Rack') AS lang_scope,
  ['GET', 'GET', 'POST', 'PUT', 'DELETE', 'GET', 'POST'] AS op_methods,
  ['/api/{n}s', '/api/{n}s/{id}', '/api/{n}s', '/api/{n}s/{id}', '/api/{n}s/{id}', '/api/{n}s/search', '/api/{n}s/{id}/events'] AS op_routes,
  [0, 0, 0, 1, 1, 1, 1, 2, 2, 5, 5, 3, 6, 4] AS server_op_weights,
  [7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9] AS local_op_weights"
BENCH_SERVICES_SQL="$(tr -d '\n' <<<"$SERVICES" | sed 's/^\[/(/; s/\]$/)/')"

# resource attributes of service index $1 on instance $2 (0..2), as the SDK would send them (stable key order)
resource() {
    echo "map('service.name', svc_names[$1 + 1], 'service.namespace', 'shop',
        'service.version', concat('1.', toString($1 % 4), '.', toString(($1 * 7) % 10)),
        'service.instance.id', concat(svc_names[$1 + 1], '-', lower(hex(cityHash64($1, 'pod') % 65536)), '-', toString($2)),
        'host.name', concat('ip-10-0-', toString($1), '-', toString(10 + $2), '.ec2.internal'),
        'deployment.environment', 'production', 'telemetry.sdk.language', svc_lang[$1 + 1],
        'telemetry.sdk.name', 'opentelemetry', 'telemetry.sdk.version', '1.44.1')"
}
# operation name of service $1, operation $2 (0-6 HTTP routes, 7-8 database calls, 9 internal)
operation() {
    echo "if($2 <= 6, concat(op_methods[$2 + 1], ' ', replaceOne(op_routes[$2 + 1], '{n}', svc_nouns[$1 + 1])),
        multiIf($2 = 7, concat('SELECT ', svc_nouns[$1 + 1], 's'), $2 = 8, concat('INSERT ', svc_nouns[$1 + 1], 's'),
                concat(svc_nouns[$1 + 1], '.process')))"
}
# a uniform number in [0, 1) from a hash of the arguments
u() { echo "(cityHash64($SEED, $*) % 1000000 / 1000000.0)"; }

echo "default tenant $TENANT (organization $ORG, workspace $WORKSPACE); data from $(date -u -d @$(((END_NS - RANGE_NS) / 1000000000)) +%FT%TZ) to $(date -u -d @$((END_NS / 1000000000)) +%FT%TZ)"
LOAD_START=$SECONDS

# ---- 1. forget the previous load ------------------------------------------------------------------------------

echo "deleting the previous bench rows of the default tenant"
BENCH_WHERE="tenant_id = $TENANT_SQL AND service_name IN $BENCH_SERVICES_SQL"
if [[ "$(ch "SELECT count() > 0 FROM otel_traces WHERE $BENCH_WHERE")" == 1 ]]; then
    for table in otel_traces_trace_id_ts otel_trace_spans; do   # keyed by trace id: no service column
        timed "$table" "ALTER TABLE $table DELETE WHERE tenant_id = $TENANT_SQL
            AND trace_id IN (SELECT trace_id FROM otel_traces WHERE $BENCH_WHERE) SETTINGS mutations_sync = 1"
    done
fi
for table in otel_traces otel_logs otel_metrics_gauge otel_metrics_sum otel_metrics_histogram service_catalogue metric_catalogue; do
    if [[ "$(ch "SELECT count() > 0 FROM $table WHERE $BENCH_WHERE")" == 1 ]]; then
        timed "$table" "ALTER TABLE $table DELETE WHERE $BENCH_WHERE SETTINGS mutations_sync = 1"
    fi
done

# ---- 2. spans -------------------------------------------------------------------------------------------------
# Trace t has 3-30 spans (mean about 12, small traces more likely). Span 0 is the root, a SERVER span of frontend or
# api-gateway; span i's parent is a random earlier span; 45 % of children (when the parent's service calls others)
# are a SERVER span in a service the parent's service calls, the rest a database CLIENT or INTERNAL span in the
# parent's service. The root's duration is lognormal (median 120 ms / 60 ms, sigma 0.9, at most 30 s); a child starts
# in the first half of its parent and ends before it. 0.5-4 % of spans fail, depending on the service.

echo "inserting $SPANS spans"
size="(3 + toUInt8(floor(28 * pow($(u number, 0), 2))))"
read -r FULL_TRACES FULL_SPANS < <(ch "SELECT countIf(cs < $SPANS), maxIf(cs, cs < $SPANS) FROM (
    SELECT sum($size) OVER (ORDER BY number ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cs
    FROM numbers(intDiv($SPANS, 3) + 1)) FORMAT TSV")
LAST_TRACE_SPANS=$((SPANS - FULL_SPANS)) # the last trace is cut to make the count exact

parent="(cityHash64($SEED, t, i, 1) % i + 1)"
timed "otel_traces (+ trace-id lookup, span documents, catalogue)" "INSERT INTO otel_traces (organization_id, workspace_id, tenant_id,
    resource_attributes, resource_attribute_types, resource_dropped_attributes_count, resource_schema_url,
    scope_name, scope_version, scope_attributes, scope_attribute_types, scope_dropped_attributes_count, scope_schema_url,
    trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_time, end_time,
    attributes, attribute_types, dropped_attributes_count, status_code, status_message,
    events, dropped_events_count, links, dropped_links_count)
WITH $CONSTANTS,
    ['upstream request timeout', 'connection refused', 'internal server error', 'deadline exceeded'] AS error_messages,
    ['java.net.SocketTimeoutException', 'java.net.ConnectException', 'java.lang.IllegalStateException', 'io.grpc.StatusRuntimeException'] AS error_types
SELECT toUUID('$ORG'), toUUID('$WORKSPACE'), $TENANT_SQL,
    $(resource svc "cityHash64($SEED, t, svc) % $INSTANCES"), map(), 0, 'https://opentelemetry.io/schemas/1.26.0',
    lang_scope[svc_lang[svc + 1]], '2.10.0', map(), map(), 0, '',
    trace_id, span_id, if(i = 0, '', lower(hex(reinterpretAsFixedString(cityHash64($SEED, t, parent_index))))), '', 1,
    $(operation svc op), multiIf(op <= 6, 'SERVER', op <= 8, 'CLIENT', 'INTERNAL'),
    fromUnixTimestamp64Nano(start_ns, 'UTC'), fromUnixTimestamp64Nano(start_ns + toInt64(duration), 'UTC'),
    multiIf(op <= 6, map('http.method', op_methods[op + 1], 'http.route', replaceOne(op_routes[op + 1], '{n}', svc_nouns[svc + 1]),
                         'http.status_code', toString(status), 'http.scheme', 'http', 'net.host.port', '8080'),
            op <= 8, map('db.system', 'postgresql', 'db.name', concat(svc_nouns[svc + 1], 'db'), 'db.operation', if(op = 7, 'SELECT', 'INSERT'),
                         'db.sql.table', concat(svc_nouns[svc + 1], 's'), 'net.peer.name', 'postgres.internal', 'net.peer.port', '5432'),
            map('code.namespace', concat('com.shop.', svc_nouns[svc + 1]), 'code.function', 'process')),
    multiIf(op <= 6, map('http.status_code', 'int', 'net.host.port', 'int'), op <= 8, map('net.peer.port', 'int'), map()),
    0, if(failed, 'ERROR', 'UNSET'), if(failed, error_messages[cityHash64($SEED, t, i, 7) % 4 + 1], ''),
    if(failed, [tuple(fromUnixTimestamp64Nano(start_ns + toInt64(duration * 0.9), 'UTC'), 'exception',
                      map('exception.type', error_types[cityHash64($SEED, t, i, 7) % 4 + 1],
                          'exception.message', error_messages[cityHash64($SEED, t, i, 7) % 4 + 1]), map(), toUInt32(0))], []), 0,
    [], 0
FROM (
    SELECT t, trace_id, trace_start_ns, svc, parent_index, op, offset, duration, position - 1 AS i,
        lower(hex(reinterpretAsFixedString(cityHash64($SEED, t, i)))) AS span_id,
        trace_start_ns + toInt64(offset) AS start_ns,
        cityHash64($SEED, t, i, 8) % 10000 < 50 + (svc * 37) % 350 AS failed,
        if(failed, if(cityHash64($SEED, t, i, 9) % 3 = 0, 503, 500),
           [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 201, 204, 404, 400][cityHash64($SEED, t, i, 9) % 20 + 1]) AS status
    FROM (
        SELECT number AS t, $size AS size, lower(hex(MD5(concat('$SEED', toString(t))))) AS trace_id,
            $END_NS - 30000000000 - toInt64(cityHash64($SEED, t, 10) % ($RANGE_NS - 30000000000)) AS trace_start_ns,
            toUInt8(if($(u t, 11) < 0.6, 0, 1)) AS entry,
            least(3e10, exp(log(if(entry = 0, 120e6, 60e6))
                + 0.9 * sqrt(-2 * log(1 - $(u t, 12))) * cos(2 * pi() * $(u t, 13)))) AS root_duration,
            -- (services, parents, operations, start offsets, durations), span by span: a child needs its parent's values
            arrayFold((acc, i) -> (
                    arrayPushBack(acc.1, toUInt8(if(length(downstream[acc.1[$parent] + 1]) > 0 AND $(u t, i, 2) < 0.45,
                        downstream[acc.1[$parent] + 1][cityHash64($SEED, t, i, 3) % length(downstream[acc.1[$parent] + 1]) + 1],
                        acc.1[$parent]))),
                    arrayPushBack(acc.2, toUInt8($parent - 1)),
                    arrayPushBack(acc.3, toUInt8(if(length(downstream[acc.1[$parent] + 1]) > 0 AND $(u t, i, 2) < 0.45,
                        server_op_weights[cityHash64($SEED, t, i, 5) % 14 + 1], local_op_weights[cityHash64($SEED, t, i, 5) % 20 + 1]))),
                    arrayPushBack(acc.4, acc.4[$parent] + acc.5[$parent] * $(u t, i, 4) * 0.5),
                    arrayPushBack(acc.5, acc.5[$parent] * (1 - $(u t, i, 4) * 0.5) * (0.05 + 0.85 * $(u t, i, 6)))),
                range(1, size),
                ([entry], [toUInt8(0)], [toUInt8(server_op_weights[cityHash64($SEED, t, 14) % 14 + 1])], [0.0], [root_duration])) AS spans
        FROM numbers($FULL_TRACES + 1))
    ARRAY JOIN arrayEnumerate(spans.1) AS position, spans.1 AS svc, spans.2 AS parent_index, spans.3 AS op,
        spans.4 AS offset, spans.5 AS duration
    WHERE t < $FULL_TRACES OR i < $LAST_TRACE_SPANS)"

# ---- 3. logs --------------------------------------------------------------------------------------------------
# Bodies are templates (by severity) filled with words of a 294-word vocabulary drawn Zipf-like (word k with
# probability ~ k^(-2/3)), so a few terms are in a quarter of the bodies and the rarest in about 0.1 %. Severity:
# DEBUG 6 %, INFO 84.5 %, WARN 6 %, ERROR 3 %, FATAL 0.5 %. LINKED_LOG_PERCENT of the records belong to a span
# (1-2 records for a sampled span: its trace and span id, service and resource, a time inside the span; ERROR
# mostly when the span failed); the others come from the same services (the first ones chattier), uniform in time.

WORDS="
order cart checkout payment invoice customer account session token user profile address shipment parcel carrier
warehouse inventory stock product catalog price discount coupon voucher tax currency rate exchange refund
chargeback subscription plan trial renewal billing ledger balance transfer wallet card visa mastercard paypal bank
iban swift review rating comment recommendation search query index filter facet suggestion autocomplete ranking
relevance email sms push notification template campaign newsletter webhook callback event message queue topic
partition offset consumer producer broker kafka rabbitmq redis memcached postgres mysql mongodb elasticsearch
cassandra clickhouse s3 bucket object blob upload download thumbnail image video asset cdn edge cache hit miss
eviction ttl expiry lease lock mutex semaphore thread pool worker executor scheduler cron job batch pipeline stage
step task retry backoff timeout deadline latency throughput bandwidth connection socket handshake tls certificate
cipher jwt oauth saml login logout signup password reset mfa otp captcha fraud risk score rule policy quota limit
throttle ratelimit burst gateway proxy loadbalancer ingress egress route endpoint handler controller service
repository dao entity schema migration transaction commit rollback deadlock isolation snapshot replica primary
failover leader follower election heartbeat health probe readiness liveness metrics trace span log audit compliance
gdpr consent cookie tracking banner advert impression click conversion funnel experiment variant flag rollout
canary deploy release build artifact container pod node cluster namespace region zone datacenter tenant workspace
organization team member role permission grant revoke invite onboarding dashboard report export import csv pdf
spreadsheet attachment signature contract quote estimate delivery pickup dispatch label customs duty freight pallet
vessel flight hotel booking reservation seat ticket checkin boarding itinerary loyalty points reward tier badge
gift wishlist favorite bundle size color sku barcode scanner receipt terminal pos kiosk store branch supplier
vendor purchase procurement approval workflow escalation incident alert pager oncall runbook postmortem"
VOCABULARY="['$(xargs <<<"$WORDS" | sed "s/ /', '/g")']"
# template words are not in the vocabulary, so a vocabulary term's frequency is the draw's alone
LOG_CONSTANTS="$CONSTANTS, $VOCABULARY AS vocabulary,
  [5, 9, 13, 17, 21] AS level_numbers, ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] AS level_texts,
  [['Resolved {w1} module for {w2}', 'Lookup missed {w1}:{id}, loading from {w2}', 'Parsed {n} bytes of {w1} payload'],
   ['Handled request for {w1} in {n} ms', 'Shopper {id} added {w1} to {w2}', 'Loaded {n} {w1} items from {w2}',
    'Published {w1} update to {w2}', 'Scheduled {w1} run for {w2}', 'Updated {w1} {id} with new {w2}',
    'Visit {id} opened for {w1} via {w2}', 'Received {w1} reply from {w2}', 'Processed {n} {w1} records for {w2}',
    'Completed {w1} {id} in {n} ms'],
   ['Slow {w1} lookup on {w2} took {n} ms', 'Retrying {w1} call to {w2}, attempt {a}', 'Deprecated {w1} parameter used by {w2}',
    'Approaching {w1} ceiling on {w2}: {n} requests per minute'],
   ['Failed to process {w1} {id}: {w2} unavailable', 'Gave up calling {w2} for {w1} after {n} ms',
    'Unexpected {w1} response from {w2}: status 500', 'Could not save {w1} {id}: conflict on {w2}'],
   ['Out of memory while processing {w1} chunk from {w2}', 'Shutting down: {w1} volume {w2} is corrupt']] AS templates,
  ['Controller', 'Service', 'Repository', 'Client', 'Worker'] AS logger_classes"
LOG_COLUMNS="organization_id, workspace_id, tenant_id, resource_attributes, resource_attribute_types,
    resource_dropped_attributes_count, resource_schema_url, scope_name, scope_version, scope_attributes,
    scope_attribute_types, scope_dropped_attributes_count, scope_schema_url, timestamp, observed_timestamp,
    severity_number, severity_text, event_name, body, body_type, attributes, attribute_types, dropped_attributes_count,
    flags, trace_id, span_id"
# the columns after the resource, for a record of service index svc at time ts_ns (Int64) with severity index level,
# keyed by the hash arguments $1
log_tail() {
    local word1="vocabulary[toUInt32(floor(length(vocabulary) * pow($(u "$1", 21), 3))) + 1]"
    local word2="vocabulary[toUInt32(floor(length(vocabulary) * pow($(u "$1", 22), 3))) + 1]"
    echo "lower(concat('com.shop.', svc_nouns[svc + 1], '.', logger_classes[cityHash64($SEED, $1, 23) % 5 + 1])) AS logger,
    '', map(), map(), 0, '',
    fromUnixTimestamp64Nano(ts_ns, 'UTC'), fromUnixTimestamp64Nano(ts_ns + toInt64(cityHash64($SEED, $1, 24) % 50000000), 'UTC'),
    level_numbers[level + 1], level_texts[level + 1], '',
    replaceOne(replaceOne(replaceOne(replaceOne(replaceOne(
        templates[level + 1][cityHash64($SEED, $1, 25) % length(templates[level + 1]) + 1],
        '{w1}', $word1), '{w2}', $word2), '{id}', toString(cityHash64($SEED, $1, 26) % 1000000)),
        '{n}', toString(cityHash64($SEED, $1, 27) % 3000)), '{a}', toString(cityHash64($SEED, $1, 28) % 5 + 1)),
    'string',
    map('log.logger', logger, 'thread.name', concat('http-nio-8080-exec-', toString(cityHash64($SEED, $1, 29) % 50)),
        'code.lineno', toString(cityHash64($SEED, $1, 30) % 900 + 20)),
    map('code.lineno', 'int'), 0"
}
# severity index from a uniform number: DEBUG 6 %, INFO 84.5 %, WARN 6 %, ERROR 3 %, FATAL 0.5 %
level() { echo "multiIf($1 < 0.06, 0, $1 < 0.905, 1, $1 < 0.965, 2, $1 < 0.995, 3, 4)"; }

LINKED=$((LOGS * LINKED_LOG_PERCENT / 100))
echo "inserting $LOGS log records ($LINKED linked to spans)"
if ((LINKED > 0)); then
    # each sampled span gives 1.5 records on average; sample 5 % more than needed and cut at LINKED
    PER_MILLE=$(((LINKED * 1000 * 105 / 100 + SPANS * 3 / 2 - 1) / (SPANS * 3 / 2)))
    ((PER_MILLE <= 1000)) || PER_MILLE=1000
    timed "otel_logs with trace context" "INSERT INTO otel_logs ($LOG_COLUMNS)
    WITH $LOG_CONSTANTS
    SELECT organization_id, workspace_id, tenant_id, resource_attributes, resource_attribute_types, 0, resource_schema_url,
        $(log_tail "span_id, k"), 1, trace_id, span_id
    FROM (
        SELECT organization_id, workspace_id, tenant_id, resource_attributes, resource_attribute_types, resource_schema_url,
            trace_id, span_id, toUInt8(indexOf(svc_names, service_name) - 1) AS svc, k,
            toUnixTimestamp64Nano(start_time) + toInt64(duration_ns * $(u span_id, k, 31)) AS ts_ns,
            if(status_code = 'ERROR' AND $(u span_id, k, 32) < 0.7, 3, least($(level "$(u span_id, k, 33)"), 3)) AS level
        FROM otel_traces
        ARRAY JOIN range(1 + cityHash64($SEED, span_id, 34) % 2) AS k
        WHERE $BENCH_WHERE AND cityHash64($SEED, span_id, 35) % 1000 < $PER_MILLE
        LIMIT $LINKED)"
fi
LINKED=$(ch "SELECT count() FROM otel_logs WHERE $BENCH_WHERE")
UNLINKED=$((LOGS - LINKED))
timed "otel_logs without trace context" "INSERT INTO otel_logs ($LOG_COLUMNS)
WITH $LOG_CONSTANTS
SELECT toUUID('$ORG'), toUUID('$WORKSPACE'), $TENANT_SQL,
    $(resource svc "cityHash64($SEED, number, 36) % $INSTANCES"), map(), 0, 'https://opentelemetry.io/schemas/1.26.0',
    $(log_tail number), 0, '', ''
FROM (
    SELECT number, toUInt8(floor(20 * pow($(u number, 37), 1.5))) AS svc,
        $END_NS - toInt64(cityHash64($SEED, number, 38) % $RANGE_NS) AS ts_ns, $(level "$(u number, 39)") AS level
    FROM numbers($UNLINKED))"

# ---- 4. metrics -----------------------------------------------------------------------------------------------
# 60 resources (20 services x 3 instances) with the same series each: 14 gauges, 31 cumulative monotonic sums and
# 13 cumulative explicit-bucket histograms (15 bounds), 3,480 series in all, every series one point per interval
# (24 h / ~2,874 points = 30 s at 10 M points). Values: gauges around a base with a daily wave and noise; sums and
# histogram counts grow at a per-series rate with a daily wave; histogram buckets follow a lognormal per series.

GAUGES_PER_RESOURCE=14 SUMS_PER_RESOURCE=31 HISTOGRAMS_PER_RESOURCE=13 RESOURCES=$((20 * INSTANCES))
S_GAUGE=$((RESOURCES * GAUGES_PER_RESOURCE)) S_SUM=$((RESOURCES * SUMS_PER_RESOURCE)) S_HISTOGRAM=$((RESOURCES * HISTOGRAMS_PER_RESOURCE))
SERIES=$((S_GAUGE + S_SUM + S_HISTOGRAM))
PER_SERIES=$((POINTS / SERIES)) REST=$((POINTS % SERIES)) # the first REST series get one point more
N_GAUGE=$((S_GAUGE * PER_SERIES + (REST < S_GAUGE ? REST : S_GAUGE)))
REST=$((REST - (REST < S_GAUGE ? REST : S_GAUGE)))
N_SUM=$((S_SUM * PER_SERIES + (REST < S_SUM ? REST : S_SUM)))
N_HISTOGRAM=$((POINTS - N_GAUGE - N_SUM))
INTERVAL_NS=$((RANGE_NS / (PER_SERIES + 1)))
START_NS=$((END_NS - RANGE_NS))
echo "inserting $POINTS metric points ($SERIES series, one point every $((INTERVAL_NS / 1000000)) ms)"

# the columns up to the metric name (nth: the series' index among its resource's series of the table; resource: svc, host)
metric_head() {
    echo "toUUID('$ORG'), toUUID('$WORKSPACE'), $TENANT_SQL,
    $(resource svc host), map(), 0, 'https://opentelemetry.io/schemas/1.26.0',
    lang_scope[svc_lang[svc + 1]], '2.10.0', map(), map(), 0, ''"
}
# point k of series s, in a table of $1 series; ts_ns within [START, END]; elapsed = seconds since the start;
# growth = the cumulative count at 1 per second with a daily wave (+-50 %), never decreasing
metric_source() {
    echo "SELECT number % $1 AS s, intDiv(number, $1) AS k,
        intDiv(s, $RESOURCES) AS nth, toUInt8(s % $RESOURCES % 20) AS svc, intDiv(s % $RESOURCES, 20) AS host,
        $START_NS + toInt64((k + cityHash64($SEED, s, 40) % 1000 / 1000.0) * $INTERVAL_NS) AS ts_ns,
        (ts_ns - $START_NS) / 1e9 AS elapsed, elapsed - 0.5 * 86400 / (2 * pi()) * sin(2 * pi() * elapsed / 86400) AS growth,
        1 + (svc * 13) % 10 / 2.0 AS traffic"
}
METRIC_COLUMNS="organization_id, workspace_id, tenant_id, resource_attributes, resource_attribute_types,
    resource_dropped_attributes_count, resource_schema_url, scope_name, scope_version, scope_attributes,
    scope_attribute_types, scope_dropped_attributes_count, scope_schema_url, metric_name, metric_description,
    metric_unit, metric_metadata, metric_metadata_types, attributes, attribute_types, start_timestamp, timestamp, flags"

timed "otel_metrics_gauge" "INSERT INTO otel_metrics_gauge ($METRIC_COLUMNS, value, int_value, exemplars)
WITH $CONSTANTS,
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4] AS series_metric,
    ['jvm.memory.used', 'system.cpu.utilization', 'db.client.connections.usage', 'jvm.thread.count', 'process.open_file_descriptor.count'] AS names,
    ['By', '1', '{connection}', '{thread}', '{file_descriptor}'] AS units,
    ['Measure of memory used.', 'Difference in system.cpu.time since the last measurement, divided by the elapsed time and number of CPUs.',
     'The number of connections that are currently in state described by the state attribute.', 'Number of executing platform threads.',
     'Number of open file descriptors.'] AS descriptions,
    ['jvm.memory.pool.name', 'cpu.mode', 'state', 'jvm.thread.daemon', ''] AS keys,
    ['G1 Eden Space', 'G1 Old Gen', 'G1 Survivor Space', 'Metaspace', 'CodeCache', 'user', 'system', 'idle', 'iowait', 'idle', 'used', 'true', 'false', ''] AS attribute_values,
    [150e6, 600e6, 20e6, 90e6, 40e6, 0.35, 0.10, 0.50, 0.05, 8, 4, 40, 8, 200] AS bases
SELECT $(metric_head),
    names[metric + 1], descriptions[metric + 1], units[metric + 1], map(), map(),
    if(metric = 4, map(), map(keys[metric + 1], attribute_values[nth + 1])), if(metric = 3, map('jvm.thread.daemon', 'bool'), map()),
    fromUnixTimestamp64Nano($START_NS, 'UTC'), fromUnixTimestamp64Nano(ts_ns, 'UTC'), 0,
    if(metric = 1, round(raw, 4), round(raw)), if(metric = 1, NULL, toInt64(round(raw))), []
FROM ($(metric_source $S_GAUGE),
        series_metric[nth + 1] AS metric,
        bases[nth + 1] * (1 + 0.3 * sin(2 * pi() * (elapsed / 86400 + cityHash64($SEED, s, 41) % 100 / 100.0)))
            * (0.9 + 0.2 * $(u number, 42)) AS raw
    FROM numbers($N_GAUGE))"

timed "otel_metrics_sum" "INSERT INTO otel_metrics_sum ($METRIC_COLUMNS, value, int_value, aggregation_temporality, is_monotonic, exemplars)
WITH $CONSTANTS,
    ['http.server.request.count', 'jvm.gc.collections', 'jvm.class.loaded', 'http.server.response.body.size'] AS names,
    ['{request}', '{collection}', '{class}', 'By'] AS units,
    ['Number of HTTP server requests.', 'Number of garbage collections.', 'Number of classes loaded since JVM start.',
     'Size of HTTP server response bodies.'] AS descriptions,
    [3, 5, 1, 0.5, 0.2, 2, 0.8] AS route_rates, [0.95, 0.03, 0.02] AS status_shares
SELECT $(metric_head),
    names[metric + 1], descriptions[metric + 1], units[metric + 1], map(), map(),
    multiIf(metric = 0, map('http.method', op_methods[op + 1], 'http.route', route, 'http.status_code', toString([200, 404, 500][intDiv(nth, 7) + 1])),
            metric = 1, map('jvm.gc.name', if(nth = 21, 'G1 Young Generation', 'G1 Old Generation')),
            metric = 3, map('http.method', op_methods[op + 1], 'http.route', route), map()),
    if(metric = 0, map('http.status_code', 'int'), map()),
    fromUnixTimestamp64Nano($START_NS, 'UTC'), fromUnixTimestamp64Nano(ts_ns, 'UTC'), 0,
    floor(per_second * growth), toInt64(floor(per_second * growth)), 2, true, []
FROM ($(metric_source $S_SUM),
        multiIf(nth < 21, 0, nth < 23, 1, nth = 23, 2, 3) AS metric,
        if(metric = 3, nth - 24, nth % 7) AS op,
        replaceOne(op_routes[op + 1], '{n}', svc_nouns[svc + 1]) AS route,
        multiIf(metric = 0, traffic * route_rates[op + 1] * status_shares[intDiv(nth, 7) + 1],
                metric = 1, if(nth = 21, 0.5, 0.002), metric = 2, 0.01, 2000 * traffic * route_rates[op + 1]) AS per_second
    FROM numbers($N_SUM))"

timed "otel_metrics_histogram" "INSERT INTO otel_metrics_histogram ($METRIC_COLUMNS, count, sum, min, max, bucket_counts, explicit_bounds, aggregation_temporality, exemplars)
WITH $CONSTANTS,
    ['http.server.duration', 'db.client.operation.duration', 'http.client.duration'] AS names,
    ['Duration of HTTP server requests.', 'Duration of database client operations.', 'Duration of HTTP client requests.'] AS descriptions,
    [40, 25, 80, 60, 30, 120, 50, 3, 6, 8, 90, 20, 10] AS medians,
    [3, 5, 1, 0.5, 0.2, 2, 0.8, 6, 2, 1, 0.5, 1.5, 2] AS rates,
    [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000] AS bounds
SELECT $(metric_head),
    names[metric + 1], descriptions[metric + 1], 'ms', map(), map(),
    multiIf(metric = 0, map('http.method', op_methods[nth + 1], 'http.route', replaceOne(op_routes[nth + 1], '{n}', svc_nouns[svc + 1])),
            metric = 1, map('db.system', 'postgresql', 'db.operation', ['SELECT', 'INSERT', 'UPDATE'][nth - 6]),
            map('server.address', ['payment-service', 'inventory-service', 'currency-service'][nth - 9])),
    map(),
    fromUnixTimestamp64Nano($START_NS, 'UTC'), fromUnixTimestamp64Nano(ts_ns, 'UTC'), 0,
    total, total * medians[nth + 1] * exp(0.32), medians[nth + 1] * 0.1, medians[nth + 1] * 30,
    -- cumulative counts at each bound from the lognormal CDF (median, sigma 0.8), differenced into buckets
    arraySlice(arrayDifference(arrayConcat([toUInt64(0)],
        arrayMap(b -> toUInt64(round(total * 0.5 * (1 + erf((log(b) - log(medians[nth + 1])) / (0.8 * sqrt(2)))))), bounds),
        [total])), 2),
    bounds, 2, []
FROM ($(metric_source $S_HISTOGRAM),
        multiIf(nth < 7, 0, nth < 10, 1, 2) AS metric,
        toUInt64(floor(traffic * rates[nth + 1] * growth)) AS total
    FROM numbers($N_HISTOGRAM))"

LOAD_SECONDS=$((SECONDS - LOAD_START))

# ---- 5. what is there now -------------------------------------------------------------------------------------

# show LABEL SQL: one line of the report
show() { printf '  %-40s %s\n' "$1" "$(ch "$2")"; }
echo "loaded in $LOAD_SECONDS s; rows of the bench services in the default tenant:"
for table in otel_traces otel_logs otel_metrics_gauge otel_metrics_sum otel_metrics_histogram; do
    show "$table" "SELECT count() FROM $table WHERE $BENCH_WHERE"
done
show "otel_logs with a trace id" "SELECT count() FROM otel_logs WHERE $BENCH_WHERE AND trace_id != ''"
show "otel_traces_trace_id_ts: traces" "SELECT uniqExact(trace_id) FROM otel_traces_trace_id_ts WHERE tenant_id = $TENANT_SQL
    AND trace_id IN (SELECT trace_id FROM otel_traces WHERE $BENCH_WHERE)"
show "service_catalogue: (service, signal)" "SELECT uniqExact(service_name, signal) FROM service_catalogue WHERE $BENCH_WHERE"
show "metric_catalogue: (service, metric)" "SELECT uniqExact(service_name, metric_name, metric_type) FROM metric_catalogue WHERE $BENCH_WHERE"
echo "shape:"
show "spans per trace: min / avg / max" "SELECT concat(toString(min(c)), ' / ', toString(round(avg(c), 1)), ' / ', toString(max(c)))
    FROM (SELECT count() AS c FROM otel_traces WHERE $BENCH_WHERE GROUP BY trace_id)"
show "span kinds" "SELECT arrayStringConcat(groupArray(concat(kind, ' ', toString(c))), ', ')
    FROM (SELECT kind, count() AS c FROM otel_traces WHERE $BENCH_WHERE GROUP BY kind ORDER BY c DESC)"
show "span errors" "SELECT concat(toString(round(100 * countIf(status_code = 'ERROR') / count(), 2)), ' %') FROM otel_traces WHERE $BENCH_WHERE"
show "root span ms: p50 / p95 / p99 / max" "SELECT arrayStringConcat(arrayMap(x -> toString(round(x / 1e6, 1)),
    quantilesExact(0.5, 0.95, 0.99, 1)(duration_ns)), ' / ') FROM otel_traces WHERE $BENCH_WHERE AND parent_span_id = ''"
show "any span ms: p50 / p95 / p99" "SELECT arrayStringConcat(arrayMap(x -> toString(round(x / 1e6, 1)),
    quantiles(0.5, 0.95, 0.99)(duration_ns)), ' / ') FROM otel_traces WHERE $BENCH_WHERE"
show "spans per whole hour: min / max" "SELECT concat(toString(min(c)), ' / ', toString(max(c))) FROM (
    SELECT toStartOfHour(start_time) AS h, count() AS c FROM otel_traces WHERE $BENCH_WHERE GROUP BY h ORDER BY h LIMIT 1, $((MINUTES / 60 > 1 ? MINUTES / 60 - 1 : 1)))"
show "services per trace: avg / max" "SELECT concat(toString(round(avg(c), 1)), ' / ', toString(max(c)))
    FROM (SELECT uniqExact(service_name) AS c FROM otel_traces WHERE $BENCH_WHERE GROUP BY trace_id)"
show "service-map edges (caller -> callee)" "SELECT uniqExact(p.service_name, c.service_name)
    FROM (SELECT trace_id, parent_span_id, service_name FROM otel_traces WHERE $BENCH_WHERE AND parent_span_id != '') AS c
    JOIN (SELECT trace_id, span_id, service_name FROM otel_traces WHERE $BENCH_WHERE) AS p
      ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
    WHERE p.service_name != c.service_name"
show "log severities" "SELECT arrayStringConcat(arrayMap(x -> concat(x.1, ' ', toString(round(100 * x.2 / total, 1)), ' %'),
    arraySort(x -> -x.2, groupArray((severity_level, c)))), ', ')
    FROM (SELECT severity_level, count() AS c, sum(count()) OVER () AS total FROM otel_logs WHERE $BENCH_WHERE GROUP BY severity_level)
    GROUP BY total"
show "logs of the terms (share of records)" "SELECT arrayStringConcat(arrayMap((w, c) -> concat(w, ' ', toString(round(100 * c / count(), 2)), ' %'),
    ['order', 'profile', 'subscription', 'hit', 'postmortem'],
    [countIf(hasToken(body, 'order')), countIf(hasToken(body, 'profile')), countIf(hasToken(body, 'subscription')),
     countIf(hasToken(body, 'hit')), countIf(hasToken(body, 'postmortem'))]), ', ') FROM otel_logs WHERE $BENCH_WHERE"
for table in otel_metrics_gauge otel_metrics_sum otel_metrics_histogram; do
    show "$table: series / metrics" "SELECT concat(toString(uniqExact(service_name, metric_name, resource_attributes, attributes)), ' / ',
        toString(uniqExact(metric_name))) FROM $table WHERE $BENCH_WHERE"
done
