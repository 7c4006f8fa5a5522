#!/usr/bin/env bash
# Measures the gateway against calling the upstream directly, in the same run: added latency,
# throughput, streaming first byte and per-chunk cost, concurrent streams, RSS. See bench/README.md.
#
#   bash bench/run.sh              # everything, ~4 minutes
#   GOVERNED=1 bash bench/run.sh   # with a route permission, a rate limit and a quota on the user
#
# Every duration and count is an environment variable (defaults below). All traffic stays on
# 127.0.0.1; every process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

WARMUP=${WARMUP:-5s}                      # wrk warm-up per target (JIT) before anything is measured
LAT_DURATION=${LAT_DURATION:-8s}          # 1-connection latency run, per target and round
THR_DURATION=${THR_DURATION:-8s}          # throughput run, per target, connection count and round
ROUNDS=${ROUNDS:-3}                       # alternating direct/gateway slices per point; medians reported
THR_CONNS=${THR_CONNS:-"32 256"}
WRK_THREADS=${WRK_THREADS:-1}             # one wrk thread: the box has 2 cores for everything
TTFB_STREAMS=${TTFB_STREAMS:-300}         # sequential streams, no upstream delay
STREAM_CHUNKS=${STREAM_CHUNKS:-20}        # content chunks per stream (then a usage chunk, [DONE])
STREAM_GAP_MS=${STREAM_GAP_MS:-50}        # upstream pause between chunks for the paced tests
CHUNK_ROUNDS=${CHUNK_ROUNDS:-8}           # sequential paced streams for the per-chunk figure
CONCURRENT_STREAMS=${CONCURRENT_STREAMS:-"500 2000"}
RAMP_MS=${RAMP_MS:-500}                   # connects spread over this; shorter than a stream, so all overlap
GOVERNED=${GOVERNED:-0}
REFERENCE_PROXY=${REFERENCE_PROXY:-auto}  # nginx in front of the same upstream, measured alongside: auto = when installed
GATEWAY_MAX_IN_FLIGHT=${GATEWAY_MAX_IN_FLIGHT:-10000}  # above the largest stream count (default 1024 would shed)
GATEWAY_JAR=${GATEWAY_JAR:-target/gproxy.jar}  # another build to compare (its libs/ next to it)
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}  # e.g. -Xmx512m; empty = the JVM's defaults, as an operator runs it
HELPER_JAVA_OPTS=${HELPER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}  # upstream and probe: small, out of the way
OUT_DIR=${OUT_DIR:-$ROOT/target/bench}

PIDS=()
WORK=""
GATEWAY_PID=""
declare -A R=()   # results: R[target.measure]=value
NOTES=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Stops everything this script started: TERM first (the gateway drains), KILL after 10 s.
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        cp "$WORK"/*.log "$OUT_DIR"/ 2>/dev/null || true
        # Keep the logs when something failed; they are the only record of why.
        if [[ "${BENCH_OK:-0}" == 1 ]]; then rm -rf "$WORK"; else log "logs kept in $WORK"; fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require() {
    command -v wrk >/dev/null || die "wrk not found: apt-get install -y wrk (Debian package)"
    command -v curl >/dev/null || die "curl not found"
    command -v jq >/dev/null || die "jq not found: apt-get install -y jq"
    [[ -x "$JAVA" ]] || die "no java at $JAVA (set JAVA_HOME to a JDK 21+)"
    if [[ "$REFERENCE_PROXY" == auto ]]; then
        REFERENCE_PROXY=0
        if command -v nginx >/dev/null; then REFERENCE_PROXY=1; fi
    fi
    [[ "$REFERENCE_PROXY" == 0 ]] || command -v nginx >/dev/null \
        || die "REFERENCE_PROXY=1 but nginx not found: apt-get install -y nginx-light"
}

build_if_missing() {
    [[ -f "$GATEWAY_JAR" ]] && return
    [[ "$GATEWAY_JAR" == target/gproxy.jar ]] || die "no gateway jar at $GATEWAY_JAR"
    log "target/gproxy.jar missing: building (tests skipped)"
    mvn -q package -DskipTests -DskipImage=true >&2
}

# Both helpers run fine as single-file sources (java bench/src/X.java); compiled once here because
# the source launcher recompiles on every start, seconds each on a busy box, ten starts a run.
compile_helpers() {
    "$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/src/BenchUpstream.java bench/src/StreamProbe.java
}

# Waits until FILE has a line matching REGEX (up to 60 s) and prints the first capture group.
await_line() {
    local file=$1 regex=$2 what=$3 line
    for _ in $(seq 1 600); do
        line=$(grep -m1 -oE "$regex" "$file" 2>/dev/null || true)
        if [[ -n "$line" && "$line" =~ $regex ]]; then
            echo "${BASH_REMATCH[1]}"
            return
        fi
        sleep 0.1
    done
    cat "$file" >&2
    die "$what did not start (see above)"
}

start_upstream() {  # name delay-ms -> sets UP_PORT (not a $(...) call: its PIDS+= would be lost)
    local name=$1 delay=$2
    # shellcheck disable=SC2086  # HELPER_JAVA_OPTS is a list of options
    "$JAVA" $HELPER_JAVA_OPTS -cp "$WORK/classes" BenchUpstream --port 0 --chunks "$STREAM_CHUNKS" \
        --delay-ms "$delay" >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    UP_PORT=$(await_line "$WORK/$name.log" 'listening on http://127.0.0.1:([0-9]+)' "upstream $name")
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx as a plain reverse proxy to the fast upstream: what one proxy hop costs on this box with
# none of the gateway's work. Two workers (both cores, as the gateway may use), upstream keep-alive,
# no access log. Sets NGX_PORT and NGX_PIDS (master and workers: their CPU is summed).
start_nginx() {
    local conf=$WORK/nginx/nginx.conf
    NGX_PORT=$(free_port)
    mkdir -p "$WORK/nginx"
    printf '%s\n' \
        'daemon off;' \
        'worker_processes 2;' \
        "pid $WORK/nginx/nginx.pid;" \
        "error_log $WORK/nginx.log warn;" \
        'events { worker_connections 4096; }' \
        'http {' \
        '    access_log off;' \
        "    client_body_temp_path $WORK/nginx/body;" \
        "    proxy_temp_path $WORK/nginx/proxy;" \
        "    upstream bench { server 127.0.0.1:$UP_FAST; keepalive 256; }" \
        '    server {' \
        "        listen 127.0.0.1:$NGX_PORT;" \
        '        location / { proxy_pass http://bench; proxy_http_version 1.1; proxy_set_header Connection ""; }' \
        '    }' \
        '}' >"$conf"
    nginx -p "$WORK/nginx" -c "$conf" >>"$WORK/nginx.log" 2>&1 &
    PIDS+=("$!")
    for _ in $(seq 1 100); do
        if [[ -s "$WORK/nginx/nginx.pid" ]] && curl -s -o /dev/null "http://127.0.0.1:$NGX_PORT/_bench/stats"; then
            break
        fi
        sleep 0.1
    done
    [[ -s "$WORK/nginx/nginx.pid" ]] || { cat "$WORK/nginx.log" >&2; die "nginx did not start (see above)"; }
    NGX_PIDS="$(cat "$WORK/nginx/nginx.pid"),$(pgrep -d, -P "$(cat "$WORK/nginx/nginx.pid")")"
}

start_gateway() {
    # shellcheck disable=SC2086
    GPROXY_ADMIN_PASSWORD="bench-$RANDOM$RANDOM" GPROXY_MAX_IN_FLIGHT="$GATEWAY_MAX_IN_FLIGHT" \
        "$JAVA" $GATEWAY_JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$GATEWAY_JAR" \
        --data-dir "$WORK/data" --port 0 >"$WORK/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    PIDS+=("$GATEWAY_PID")
    GW_PORT=$(await_line "$WORK/gateway.log" 'listening on http://127.0.0.1:([0-9]+)' gateway)
    ADMIN_KEY=$(await_line "$WORK/gateway.log" 'API key: +(sk-[A-Za-z0-9_-]+)' "gateway bootstrap banner")
    GW="http://127.0.0.1:$GW_PORT"
}

admin() {  # method path [json] -> response body; fails on a non-2xx answer
    local method=$1 path=$2 body=${3:-}
    curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $ADMIN_KEY" \
        -H 'Content-Type: application/json' ${body:+--data "$body"} "$GW$path" \
        || die "admin $method $path failed"
}

provision() {
    local fake paced user
    fake=$(admin POST /admin/providers "{\"name\":\"fake\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"http://127.0.0.1:$UP_FAST\"}}" | jq -r .id)
    paced=$(admin POST /admin/providers "{\"name\":\"paced\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"http://127.0.0.1:$UP_PACED\"}}" | jq -r .id)
    admin POST "/admin/providers/$fake/credentials" '{"name":"k","secret_json":{"api_key":"sk-bench-upstream"}}' >/dev/null
    admin POST "/admin/providers/$paced/credentials" '{"name":"k","secret_json":{"api_key":"sk-bench-upstream"}}' >/dev/null
    user=$(admin POST /admin/users '{"name":"bench"}' | jq -r .id)
    GW_KEY=$(admin POST "/admin/users/$user/keys" '{"label":"bench"}' | jq -r .api_key)
    [[ "$GW_KEY" == sk-* ]] || die "no gateway key in the key-create answer"
    # Every request needs a route permission: without one the gateway answers 403.
    admin POST /admin/route-permissions "{\"scope\":\"user\",\"scope_id\":$user,\"route_pattern\":\"*\"}" >/dev/null
    if [[ "$GOVERNED" == 1 ]]; then
        # The work an operator's setup adds to each request: an RPM counter (high enough never to
        # trip) and a USD quota with pending pre-deduction.
        admin POST /admin/rate-limits "{\"scope\":\"user\",\"scope_id\":$user,\"route_pattern\":\"*\",\"rpm\":1000000}" >/dev/null
        admin POST /admin/quotas "{\"scope\":\"user\",\"scope_id\":$user,\"quota_total\":\"1000000\"}" >/dev/null
        check_governance_live
    fi
}

# Whether this build enforces those rows at all: a second user with a 1 rpm limit must get 429 on
# its second call. GOVERNANCE_LIVE=1 when it does.
check_governance_live() {
    local user key status
    user=$(admin POST /admin/users '{"name":"bench-limited"}' | jq -r .id)
    key=$(admin POST "/admin/users/$user/keys" '{"label":"bench-limited"}' | jq -r .api_key)
    admin POST /admin/route-permissions "{\"scope\":\"user\",\"scope_id\":$user,\"route_pattern\":\"*\"}" >/dev/null
    admin POST /admin/rate-limits "{\"scope\":\"user\",\"scope_id\":$user,\"route_pattern\":\"*\",\"rpm\":1}" >/dev/null
    for _ in 1 2; do
        status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" \
            -H 'Content-Type: application/json' --data '{"model":"fake/gpt-bench","messages":[]}' \
            "$GW/v1/chat/completions" || true)
    done
    GOVERNANCE_LIVE=0
    [[ "$status" != 429 ]] || GOVERNANCE_LIVE=1
    GOVERNANCE_PROBE_STATUS=$status
}

# One non-streaming and one streaming call through the gateway; sets DATA_PLANE=1 when both relay
# the bench upstream's answer.
check_data_plane() {
    local body status
    DATA_PLANE=0
    body=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $GW_KEY" -H 'Content-Type: application/json' \
        --data '{"model":"fake/gpt-bench","messages":[{"role":"user","content":"hi"}]}' \
        "$GW/v1/chat/completions" || true)
    status=${body##*$'\n'}
    if [[ "$status" != 200 || "$body" != *chatcmpl-bench* ]]; then
        DATA_PLANE_WHY="POST /v1/chat/completions through the gateway answered $status: $(head -c 300 <<<"${body%$'\n'*}")"
        return
    fi
    body=$(curl -sS -N --max-time 20 -H "Authorization: Bearer $GW_KEY" -H 'Content-Type: application/json' \
        --data '{"model":"fake/gpt-bench","stream":true,"messages":[{"role":"user","content":"hi"}]}' \
        "$GW/v1/chat/completions" || true)
    if [[ "$body" != *'data: [DONE]'* || "$body" != *bench_sent_us* ]]; then
        DATA_PLANE_WHY="the streaming call through the gateway did not relay the bench stream: $(head -c 300 <<<"$body")"
        return
    fi
    DATA_PLANE=1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# CPU time (user + system) processes have used, in microseconds; $1 is a pid or a comma list.
# The fields after the command name, which may hold spaces, are counted from its closing parenthesis.
cpu_us() {
    local stat pid total=0
    for pid in ${1//,/ }; do
        stat=$(<"/proc/$pid/stat")
        stat=${stat##*) }
        total=$(( total + $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($12 + $13) * 1000000 / hz }' <<<"$stat") ))
    done
    echo "$total"
}

# wrk run; stores every field of the BENCH line under R[key.field].
# Args: key conns duration url model get(1 = GET without body) [pid whose CPU per request to record]
run_wrk() {
    local key=$1 conns=$2 duration=$3 url=$4 model=$5 get=${6:-0} pid=${7:-} line kv kvs cpu0=0
    [[ -z "$pid" ]] || cpu0=$(cpu_us "$pid")
    line=$(BENCH_KEY="$GW_KEY" BENCH_MODEL="$model" BENCH_GET="$get" \
        wrk -t"$WRK_THREADS" -c"$conns" -d"$duration" --latency -s bench/post-chat.lua "$url" | grep '^BENCH ') \
        || die "wrk produced no summary for $key"
    read -ra kvs <<<"${line#BENCH }"
    for kv in "${kvs[@]}"; do R[$key.${kv%%=*}]=${kv#*=}; done
    if [[ -n "$pid" && "${R[$key.requests]}" -gt 0 ]]; then
        R[$key.cpu_us]=$(( ($(cpu_us "$pid") - cpu0) / R[$key.requests] ))
        line+=" cpu_us_per_request=${R[$key.cpu_us]}"
    fi
    log "$key: $line"
    if [[ "${R[$key.non2xx]}" != 0 || "${R[$key.socket_errors]}" != 0 ]]; then
        NOTES+=("$key: ${R[$key.non2xx]} error answers, ${R[$key.socket_errors]} socket errors")
    fi
}

# StreamProbe run; stores the PROBE fields under R[key.field]. Args: key url model probe-args...
run_probe() {
    local key=$1 url=$2 model=$3 line kv kvs
    shift 3
    # shellcheck disable=SC2086
    line=$("$JAVA" $HELPER_JAVA_OPTS -cp "$WORK/classes" StreamProbe --url "$url" --key "$GW_KEY" \
        --model "$model" "$@" | grep '^PROBE ') || die "StreamProbe produced no summary for $key"
    read -ra kvs <<<"${line#PROBE }"
    for kv in "${kvs[@]}"; do R[$key.${kv%%=*}]=${kv#*=}; done
    log "$key: $line"
    if [[ "${R[$key.failed]}" != 0 ]]; then
        NOTES+=("$key: ${R[$key.failed]} of ${R[$key.streams]} streams failed, first: ${R[$key.first_error]}")
    fi
}

# The gateway's own complaints during the run (beyond the start-up plaintext warning): the only
# place an error answer counted by wrk can be explained.
note_gateway_log() {
    local count first
    count=$(grep -cE ' (WARNING|SEVERE|ERROR) ' "$WORK/gateway.log" | head -1 || true)
    count=$(( count - $(grep -cE 'WARNING .*GPROXY_MASTER_KEY' "$WORK/gateway.log" || true) ))
    if (( count > 0 )); then
        first=$(grep -E ' (WARNING|SEVERE|ERROR) ' "$WORK/gateway.log" | grep -v GPROXY_MASTER_KEY | head -1 | cut -c1-240)
        NOTES+=("gateway log: $count warning/error lines (target/bench/gateway.log), first: $first")
    fi
}

note_upstream_errors() {
    local port broken
    for port in "$UP_FAST" "$UP_PACED"; do
        broken=$(curl -sS "http://127.0.0.1:$port/_bench/stats" | jq -r .broken_requests)
        if [[ "$broken" != 0 ]]; then
            NOTES+=("upstream :$port could not parse $broken requests (see target/bench/upstream-*.log)")
        fi
    done
}

# Every request that reached the upstream through the gateway should have exactly one usage row
# (the reference's own check). Waits up to 15 s for the settlement backlog to drain.
check_usage_rows() {
    local relayed=0 rows=-1 port n
    command -v sqlite3 >/dev/null || { NOTES+=("usage rows not checked: sqlite3 not installed"); return; }
    for port in "$UP_FAST" "$UP_PACED"; do
        n=$(curl -sS "http://127.0.0.1:$port/_bench/stats" | jq -r .relayed)
        relayed=$((relayed + n))
    done
    for _ in $(seq 1 30); do
        rows=$(sqlite3 -readonly "$WORK/data/gproxy.db" 'SELECT count(*) FROM usages' 2>/dev/null || echo -1)
        [[ "$rows" == "$relayed" ]] && break
        sleep 0.5
    done
    USAGE_LINE="Usage rows: $rows in the gateway's database for $relayed requests the upstreams received through it"
    if [[ "$rows" == "$relayed" ]]; then
        USAGE_LINE+=" (they match)."
    else
        USAGE_LINE+=" — **they do not match**."
    fi
}

upstream_streams() { curl -sS "http://127.0.0.1:$1/_bench/stats" | jq -r .streams_completed; }

# Targets are measured in turn for each point (direct, then gateway) rather than one after the
# other for the whole series: the box is shared, and background load drifts over minutes.
# TARGETS holds "key|url|model|get|pid" per target (get=1: a GET control, no body; pid: the process
# whose CPU per request is recorded — the upstream for direct, the gateway for the gateway);
# STREAM_TARGETS "key|url|model|paced-url|paced-model|watch-pid".
measure_requests() {
    local t c r key url model get pid
    for t in "${TARGETS[@]}"; do
        IFS='|' read -r key url model get pid <<<"$t"
        run_wrk "$key.warm" 32 "$WARMUP" "$url" "$model" "$get"
    done
    for c in 1 $THR_CONNS; do
        for r in $(seq 1 "$ROUNDS"); do
            for t in "${TARGETS[@]}"; do
                IFS='|' read -r key url model get pid <<<"$t"
                run_wrk "$key.c$c.r$r" "$c" "$([[ $c == 1 ]] && echo "$LAT_DURATION" || echo "$THR_DURATION")" \
                    "$url" "$model" "$get" "$pid"
            done
        done
        for t in "${TARGETS[@]}"; do
            median_of_rounds "${t%%|*}.c$c" rps p50_us p99_us cpu_us
        done
    done
}

# R[key.field] = the median of R[key.rN.field] over the rounds, for each field named.
median_of_rounds() {
    local key=$1 field r
    shift
    for field in "$@"; do
        R[$key.$field]=$(for r in $(seq 1 "$ROUNDS"); do echo "${R[$key.r$r.$field]}"; done \
            | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    done
}

measure_streams() {
    local t n before key url model purl pmodel pid
    for t in "${STREAM_TARGETS[@]}"; do
        IFS='|' read -r key url model purl pmodel pid <<<"$t"
        run_probe "$key.ttfb" "$url" "$model" --streams 1 --rounds "$TTFB_STREAMS" --warmup 100
    done
    for t in "${STREAM_TARGETS[@]}"; do
        IFS='|' read -r key url model purl pmodel pid <<<"$t"
        run_probe "$key.chunk" "$purl" "$pmodel" --streams 1 --rounds "$CHUNK_ROUNDS" --warmup 1
    done
    for n in $CONCURRENT_STREAMS; do
        for t in "${STREAM_TARGETS[@]}"; do
            IFS='|' read -r key url model purl pmodel pid <<<"$t"
            before=$(upstream_streams "$UP_PACED")
            run_probe "$key.s$n" "$purl" "$pmodel" --streams "$n" --warmup 1 --ramp-ms "$RAMP_MS" \
                ${pid:+--watch-pid "$pid"}
            # Warm-up round + measured round: the upstream must have finished exactly 2n streams.
            R[$key.s$n.upstream_served]=$(( $(upstream_streams "$UP_PACED") - before ))
        done
    done
}

main() {
    local started=$SECONDS
    require
    build_if_missing
    mkdir -p "$OUT_DIR"
    WORK=$(mktemp -d /tmp/gproxy-bench.XXXXXX)
    compile_helpers
    LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg)

    start_upstream upstream-fast 0
    UP_FAST=$UP_PORT
    UP_FAST_PID=${PIDS[-1]}
    start_upstream upstream-paced "$STREAM_GAP_MS"
    UP_PACED=$UP_PORT
    start_gateway
    log "upstreams on :$UP_FAST (no delay) and :$UP_PACED (${STREAM_GAP_MS} ms gaps); gateway on :$GW_PORT pid $GATEWAY_PID"
    provision
    check_data_plane
    R[gw.rss_idle_kb]=$(rss_kb "$GATEWAY_PID")

    local direct="http://127.0.0.1:$UP_FAST/v1/chat/completions"
    local direct_paced="http://127.0.0.1:$UP_PACED/v1/chat/completions"
    local gateway="$GW/v1/chat/completions"
    STREAM_TARGETS=("direct|$direct|gpt-bench|$direct_paced|gpt-bench|")
    if [[ "$DATA_PLANE" == 1 ]]; then
        TARGETS=("direct|$direct|gpt-bench|0|$UP_FAST_PID" "gw|$gateway|fake/gpt-bench|0|$GATEWAY_PID")
        if [[ "$REFERENCE_PROXY" == 1 ]]; then
            start_nginx
            log "nginx (reference proxy) on :$NGX_PORT, pids $NGX_PIDS"
            TARGETS+=("nginx|http://127.0.0.1:$NGX_PORT/v1/chat/completions|gpt-bench|0|$NGX_PIDS")
        fi
        STREAM_TARGETS+=("gw|$gateway|fake/gpt-bench|$gateway|paced/gpt-bench|$GATEWAY_PID")
        measure_requests
    else
        log "data plane not available: $DATA_PLANE_WHY"
        log "measuring GET /healthz on the gateway as a control instead; streams direct only"
        TARGETS=("direct|$direct|gpt-bench|0" "gw|$GW/healthz|-|1")
        measure_requests
    fi
    sleep 2  # let the settlement backlog drain before reading "after load"
    R[gw.rss_after_load_kb]=$(rss_kb "$GATEWAY_PID")
    measure_streams
    R[gw.rss_end_kb]=$(rss_kb "$GATEWAY_PID")
    LOAD_AT_END=$(cut -d' ' -f1 /proc/loadavg)
    note_gateway_log
    note_upstream_errors
    check_usage_rows
    ELAPSED=$(( SECONDS - started ))
    report | tee "$OUT_DIR/results.md"
    log "written to $OUT_DIR/results.md in ${ELAPSED}s"
    BENCH_OK=1
}

# shellcheck source=bench/report.sh
source "$ROOT/bench/report.sh"

main "$@"
