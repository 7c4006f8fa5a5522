#!/usr/bin/env bash
# Throughput and latency of governed (permission + RPM limit + USD quota) non-streaming calls in
# three set-ups, in one run on one box: one instance on SQLite with the in-process cache (the
# default), one instance on PostgreSQL + Redis, and two instances on the same PostgreSQL + Redis
# loaded at once. See docs/PERFORMANCE.md ("Several instances").
#
#   bash bench/two-instances.sh
#
# Needs wrk, curl, jq, psql, a PostgreSQL on 127.0.0.1:5432 (trust auth, database test) and a Redis
# on 127.0.0.1:6379. The PostgreSQL schema and Redis key prefix are this run's own and are removed
# at the end. All traffic stays on 127.0.0.1; every process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

WARMUP=${WARMUP:-5s}             # per instance, before anything is measured
DURATION=${DURATION:-10s}        # each measured wrk run
CONNS=${CONNS:-64}               # connections in total; split across instances in the two-instance run
ROUNDS=${ROUNDS:-3}              # measured runs per set-up; medians reported
GATEWAY_JAR=${GATEWAY_JAR:-target/gproxy.jar}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
PG_USER=${PG_USER:-postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
OUT_DIR=${OUT_DIR:-$ROOT/target/bench}

RUN_ID="b$(date +%s)$RANDOM"
SCHEMA="gproxy_bench_$RUN_ID"
PREFIX="gproxy-bench:$RUN_ID:"
PIDS=()
WORK=$(mktemp -d)
mkdir -p "$OUT_DIR"

log() { printf '[two-instances %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    psql -h 127.0.0.1 -U "$PG_USER" -d test -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$REDIS_URL" --scan --pattern "$PREFIX*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" del \
        >/dev/null 2>&1 || true
    cp "$WORK"/*.log "$OUT_DIR"/ 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk curl jq psql redis-cli; do command -v "$tool" >/dev/null || die "$tool not found"; done
[[ -f "$GATEWAY_JAR" ]] || { log "building $GATEWAY_JAR (tests skipped)"; mvn -q package -DskipTests -DskipImage=true >&2; }
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/src/BenchUpstream.java

await_line() {  # file regex what -> first capture group
    local file=$1 regex=$2 what=$3 line
    for _ in $(seq 1 600); do
        line=$(grep -m1 -oE "$regex" "$file" 2>/dev/null || true)
        if [[ -n "$line" && "$line" =~ $regex ]]; then echo "${BASH_REMATCH[1]}"; return; fi
        sleep 0.1
    done
    cat "$file" >&2
    die "$what did not start"
}

# name instance-id [env...] -> sets PORT, KEY (KEY only on a first start)
start_gateway() {
    local name=$1 id=$2
    shift 2
    # shellcheck disable=SC2086
    env GPROXY_ADMIN_PASSWORD="bench-$RUN_ID" GPROXY_MAX_IN_FLIGHT=10000 GPROXY_INSTANCE_ID="$id" "$@" \
        "$JAVA" $GATEWAY_JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$GATEWAY_JAR" \
        --data-dir "$WORK/data-$name" --port 0 >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    PORT=$(await_line "$WORK/$name.log" 'listening on http://127.0.0.1:([0-9]+)' "gateway $name")
    KEY=$(grep -m1 -oE 'API key: +sk-[A-Za-z0-9_-]+' "$WORK/$name.log" | awk '{print $3}' || true)
}

admin() {  # port method path [json]
    local port=$1 method=$2 path=$3 body=${4:-}
    curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        ${body:+--data "$body"} "http://127.0.0.1:$port$path" || die "admin $method $path failed"
}

# A provider on the bench upstream and a governed user; sets USER_KEY.
provision() {
    local port=$1 provider user
    provider=$(admin "$port" POST /admin/providers "{\"name\":\"fake\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"http://127.0.0.1:$UP\"}}" | jq -r .id)
    admin "$port" POST "/admin/providers/$provider/credentials" '{"name":"k","secret_json":{"api_key":"sk-up"}}' >/dev/null
    user=$(admin "$port" POST /admin/users '{"name":"bench"}' | jq -r .id)
    USER_KEY=$(admin "$port" POST "/admin/users/$user/keys" '{"label":"bench"}' | jq -r .api_key)
    admin "$port" POST /admin/route-permissions "{\"scope\":\"user\",\"scope_id\":$user,\"route_pattern\":\"*\"}" >/dev/null
    admin "$port" POST /admin/rate-limits "{\"scope\":\"user\",\"scope_id\":$user,\"rpm\":100000000}" >/dev/null
    admin "$port" POST /admin/quotas "{\"scope\":\"user\",\"scope_id\":$user,\"quota_total\":\"1000000\"}" >/dev/null
}

wrk_line() {  # port conns duration -> BENCH line
    BENCH_KEY="$USER_KEY" BENCH_MODEL="fake/gpt-bench" wrk -t1 -c"$2" -d"$3" --latency -s bench/post-chat.lua \
        "http://127.0.0.1:$1/v1/chat/completions" | grep '^BENCH '
}

field() { sed -E "s/.* $2=([0-9.]+).*/\1/" <<<"$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# label port [port2]: ROUNDS measured runs; prints "label rps p50_ms p99_ms errors"
measure() {
    local label=$1 p1=$2 p2=${3:-} r l1 l2 rps=() p50=() p99=() errors=0
    for p in $p1 $p2; do wrk_line "$p" 16 "$WARMUP" >/dev/null; done
    for r in $(seq 1 "$ROUNDS"); do
        if [[ -z "$p2" ]]; then
            l1=$(wrk_line "$p1" "$CONNS" "$DURATION")
            rps+=("$(field "$l1" rps)"); p50+=("$(field "$l1" p50_us)"); p99+=("$(field "$l1" p99_us)")
            errors=$((errors + $(field "$l1" non2xx) + $(field "$l1" socket_errors)))
        else
            wrk_line "$p1" $((CONNS / 2)) "$DURATION" >"$WORK/w1" &
            wrk_line "$p2" $((CONNS / 2)) "$DURATION" >"$WORK/w2"
            wait
            l1=$(cat "$WORK/w1"); l2=$(cat "$WORK/w2")
            rps+=("$(awk "BEGIN {print $(field "$l1" rps) + $(field "$l2" rps)}")")
            p50+=("$(( ($(field "$l1" p50_us) + $(field "$l2" p50_us)) / 2 ))")
            p99+=("$(( $(field "$l1" p99_us) > $(field "$l2" p99_us) ? $(field "$l1" p99_us) : $(field "$l2" p99_us) ))")
            errors=$((errors + $(field "$l1" non2xx) + $(field "$l2" non2xx) + $(field "$l1" socket_errors) \
                + $(field "$l2" socket_errors)))
        fi
        log "$label round $r: ${rps[-1]} req/s, p50 ${p50[-1]} us, p99 ${p99[-1]} us"
    done
    printf '%s %s %s %s %s\n' "$label" "$(printf '%s\n' "${rps[@]}" | median)" \
        "$(printf '%s\n' "${p50[@]}" | median)" "$(printf '%s\n' "${p99[@]}" | median)" "$errors"
}

"$JAVA" -Xmx256m -XX:+UseSerialGC -cp "$WORK/classes" BenchUpstream --port 0 --chunks 20 --delay-ms 0 \
    >"$WORK/upstream.log" 2>&1 &
PIDS+=("$!")
UP=$(await_line "$WORK/upstream.log" 'listening on http://127.0.0.1:([0-9]+)' upstream)
RESULTS=()

log "1/3: one instance, SQLite + in-process cache"
start_gateway sqlite 0
ADMIN_KEY=$KEY; provision "$PORT"
RESULTS+=("$(measure one-sqlite "$PORT")")
kill -TERM "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'

psql -h 127.0.0.1 -U "$PG_USER" -d test -qc "CREATE SCHEMA $SCHEMA" || die "cannot create schema $SCHEMA"
DSN="postgres://$PG_USER@127.0.0.1:5432/test?currentSchema=$SCHEMA"
CLUSTER=(GPROXY_DSN="$DSN" GPROXY_REDIS_URL="$REDIS_URL" GPROXY_CACHE_KEY_PREFIX="$PREFIX")

log "2/3: one instance, PostgreSQL + Redis"
start_gateway pg-a 1 "${CLUSTER[@]}"
PORT_A=$PORT; ADMIN_KEY=$KEY; provision "$PORT_A"
RESULTS+=("$(measure one-pg-redis "$PORT_A")")

log "3/3: two instances, PostgreSQL + Redis, loaded together (the same user, limits and quota)"
start_gateway pg-b 2 "${CLUSTER[@]}"
PORT_B=$PORT
RESULTS+=("$(measure two-pg-redis "$PORT_A" "$PORT_B")")

{
    echo "# two-instances.sh $(date -u +%FT%TZ), $(nproc) cores, $CONNS connections, $ROUNDS x $DURATION, medians"
    echo "setup rps p50_us p99_us errors"
    printf '%s\n' "${RESULTS[@]}"
} | tee "$OUT_DIR/two-instances.txt"
