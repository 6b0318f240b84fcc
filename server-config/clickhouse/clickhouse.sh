#!/usr/bin/env bash
# Runs a real ClickHouse server (chDB's libchdb.so inside a small JVM launcher) on 127.0.0.1,
# without Docker or root, for development and integration tests. See README.md.
#
#   TF_CH_HOME=/tmp/ch ./clickhouse.sh start|stop|status
set -euo pipefail

readonly CHDB_VERSION="26.7.3-stable.1" # pinned: the "latest" tag rejects --http_port
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

die() {
    echo "clickhouse.sh: $*" >&2
    exit 1
}

[[ -n "${TF_CH_HOME:-}" ]] || die "TF_CH_HOME is not set (it holds data/, clickhouse.log and clickhouse.pid)"
mkdir -p "$TF_CH_HOME"
TF_CH_HOME="$(cd "$TF_CH_HOME" && pwd)"
TF_CH_CACHE="${TF_CH_CACHE:-$HOME/.telemetryflow/cache}"
TF_CH_HTTP_PORT="${TF_CH_HTTP_PORT:-8123}"
TF_CH_TCP_PORT="${TF_CH_TCP_PORT:-9000}"
START_TIMEOUT="${TF_CH_START_TIMEOUT:-120}"
STOP_TIMEOUT=30

readonly DATA_DIR="$TF_CH_HOME/data"
readonly LOG_FILE="$TF_CH_HOME/clickhouse.log"
readonly PID_FILE="$TF_CH_HOME/clickhouse.pid"
readonly DEFAULT_JAR="$SCRIPT_DIR/target/clickhouse-launcher.jar"

for port in "$TF_CH_HTTP_PORT" "$TF_CH_TCP_PORT"; do
    if ! [[ "$port" =~ ^[1-9][0-9]{0,4}$ ]] || ((port < 1 || port > 65535)); then
        die "invalid port '$port'"
    fi
done

# --- helpers ------------------------------------------------------------------------------

ping_ok() {
    [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$TF_CH_HTTP_PORT/ping" 2>/dev/null)" == "Ok." ]]
}

# Something accepts connections on 127.0.0.1:PORT (a 0.0.0.0 listener counts: it would block our bind).
port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The pid from the pid file, if that process is alive and is our launcher for this data dir
# (a recycled pid belonging to something else must not be mistaken for, or killed as, ours).
our_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$DATA_DIR" || return 1
    echo "$pid"
}

# The JVM whose libjsig.so we preload must be the JVM we run, so both come from one java.home.
find_java_home() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME"
        return
    fi
    command -v java >/dev/null || die "java not found (need a JDK/JRE 17+ on PATH or JAVA_HOME)"
    local home
    home="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n1)"
    if [[ -z "$home" ]]; then
        home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    fi
    echo "$home"
}

# libchdb.so from the npm package for this CPU, unpacked once into the cache and reused after.
ensure_lib() {
    local pkg
    case "$(uname -m)" in
        x86_64 | amd64) pkg="lib-linux-x64-gnu" ;;
        aarch64 | arm64) pkg="lib-linux-arm64-gnu" ;;
        *) die "unsupported CPU $(uname -m): chDB ships x86_64 and aarch64 only" ;;
    esac
    local dir="$TF_CH_CACHE/chdb/$CHDB_VERSION/$pkg"
    local lib="$dir/package/libchdb.so"
    if [[ ! -f "$lib" ]]; then
        command -v npm >/dev/null || die "npm not found: it is needed once to fetch @chdb/$pkg@$CHDB_VERSION"
        mkdir -p "$dir"
        local tmp
        tmp="$(mktemp -d "$dir/.fetch.XXXXXX")"
        echo "clickhouse.sh: fetching @chdb/$pkg@$CHDB_VERSION (~180 MB, once) into $dir" >&2
        (cd "$tmp" && npm pack --silent "@chdb/$pkg@$CHDB_VERSION" >/dev/null) ||
            { rm -rf "$tmp"; die "npm pack @chdb/$pkg@$CHDB_VERSION failed"; }
        tar -xzf "$tmp"/*.tgz -C "$tmp" || { rm -rf "$tmp"; die "cannot unpack the chDB tarball"; }
        [[ -f "$tmp/package/libchdb.so" ]] || { rm -rf "$tmp"; die "the chDB package has no libchdb.so"; }
        # Rename last, so an interrupted fetch never leaves a half-written library behind.
        if [[ ! -f "$lib" ]]; then
            rm -rf "$dir/package"
            mv "$tmp/package" "$dir/package"
        fi
        rm -rf "$tmp"
    fi
    echo "$lib"
}

ensure_jar() {
    local jar="${TF_CH_LAUNCHER_JAR:-$DEFAULT_JAR}"
    if [[ ! -f "$jar" ]]; then
        [[ "$jar" == "$DEFAULT_JAR" ]] || die "TF_CH_LAUNCHER_JAR=$jar does not exist"
        command -v mvn >/dev/null || die "mvn not found: needed once to build $jar"
        echo "clickhouse.sh: building $jar" >&2
        mvn -B -q -f "$SCRIPT_DIR/pom.xml" package -DskipTests >&2 || die "building the launcher failed"
        [[ -f "$jar" ]] || die "the build did not produce $jar"
    fi
    echo "$jar"
}

log_tail() {
    {
        echo "--- last lines of $LOG_FILE ---"
        tail -n 30 "$LOG_FILE" 2>/dev/null || true
    } >&2
}

# Serialises start/stop for one TF_CH_HOME, e.g. parallel test modules all calling `start`.
take_lock() {
    exec 9>"$TF_CH_HOME/.clickhouse.lock"
    flock -w 300 9 || die "could not lock $TF_CH_HOME/.clickhouse.lock within 300s"
}

# Sends SIGNAL to the launcher's process group (it is a session leader), or to the pid alone.
signal_launcher() {
    local sig="$1" pid="$2"
    kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null || true
}

wait_gone() {
    local pid="$1" deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# Waits for /ping while the process lives; on failure leaves nothing running.
wait_ready() {
    local pid="$1" started_ms deadline=$((SECONDS + START_TIMEOUT))
    started_ms="$(date +%s%3N)"
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            echo "clickhouse.sh: ClickHouse exited during start-up" >&2
            log_tail
            exit 1
        fi
        if ping_ok; then
            local ms=$(($(date +%s%3N) - started_ms))
            echo "ClickHouse running (pid $pid, ready after $((ms / 1000)).$((ms % 1000 / 100))s): http://127.0.0.1:$TF_CH_HTTP_PORT tcp://127.0.0.1:$TF_CH_TCP_PORT data=$DATA_DIR"
            return 0
        fi
        sleep 0.25
    done
    echo "clickhouse.sh: ClickHouse did not answer on http://127.0.0.1:$TF_CH_HTTP_PORT/ping within ${START_TIMEOUT}s; stopping it" >&2
    log_tail
    stop_quietly "$pid"
    exit 1
}

stop_quietly() {
    local pid="$1"
    signal_launcher TERM "$pid"
    if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
        signal_launcher KILL "$pid"
        wait_gone "$pid" 10 || die "pid $pid does not go away"
    fi
    rm -f "$PID_FILE"
}

# --- commands -----------------------------------------------------------------------------

cmd_start() {
    local pid
    take_lock
    if pid="$(our_pid)"; then
        if ping_ok; then
            echo "ClickHouse already running (pid $pid): http://127.0.0.1:$TF_CH_HTTP_PORT"
            return 0
        fi
        # Alive but silent: most likely still starting (another `start` launched it).
        wait_ready "$pid"
        return 0
    fi
    rm -f "$PID_FILE" # stale: the process died (kill -9, reboot) or the pid was recycled

    local port
    for port in "$TF_CH_HTTP_PORT" "$TF_CH_TCP_PORT"; do
        if port_busy "$port"; then
            die "port $port on 127.0.0.1 is already in use by another process (not the ClickHouse of $TF_CH_HOME); pick other TF_CH_HTTP_PORT/TF_CH_TCP_PORT or stop that process"
        fi
    done

    local lib jar java_home
    lib="$(ensure_lib)"
    jar="$(ensure_jar)"
    java_home="$(find_java_home)"
    local jsig="$java_home/lib/libjsig.so"
    [[ -f "$jsig" ]] || die "$jsig not found: the launcher needs HotSpot's signal-chaining library"

    mkdir -p "$DATA_DIR"
    echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) start http=$TF_CH_HTTP_PORT tcp=$TF_CH_TCP_PORT" >>"$LOG_FILE"
    # setsid: own session and process group, so the server outlives the calling shell and
    # `stop` can signal the whole group. libjsig lets HotSpot keep its SIGSEGV handler.
    # 9>&-: the server must not inherit (and hold forever) the start/stop lock.
    # ErrorFile: libchdb's own clean-up can fault while the JVM exits after `stop` (the data is
    # already on disk by then); keep any crash report with the server's files, not in the caller's
    # working directory.
    LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}" setsid nohup "$java_home/bin/java" \
        -Xms16m -Xmx128m -XX:+UseSerialGC \
        -XX:ErrorFile="$TF_CH_HOME/hs_err_%p.log" -XX:-CreateCoredumpOnCrash \
        -jar "$jar" \
        --lib "$lib" --path "$DATA_DIR" \
        --http-port "$TF_CH_HTTP_PORT" --tcp-port "$TF_CH_TCP_PORT" \
        --listen-host 127.0.0.1 \
        </dev/null >>"$LOG_FILE" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    wait_ready "$pid"
}

cmd_stop() {
    local pid
    take_lock
    if ! pid="$(our_pid)"; then
        rm -f "$PID_FILE"
        echo "ClickHouse not running"
        return 0
    fi
    stop_quietly "$pid"
    echo "ClickHouse stopped (pid $pid)"
}

cmd_status() {
    local pid
    if ! pid="$(our_pid)"; then
        echo "stopped"
        exit 3
    fi
    if ping_ok; then
        echo "running (pid $pid): http://127.0.0.1:$TF_CH_HTTP_PORT tcp://127.0.0.1:$TF_CH_TCP_PORT"
        exit 0
    fi
    echo "running (pid $pid) but not answering on http://127.0.0.1:$TF_CH_HTTP_PORT/ping"
    exit 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
        echo "usage: TF_CH_HOME=DIR $0 start|stop|status" >&2
        exit 2
        ;;
esac
