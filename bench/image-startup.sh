#!/usr/bin/env bash
# Measures the runtime image for docs/PERFORMANCE.md ("Image"): size on disk, launch to first
# healthy /healthz (median of RUNS, with and without the AOT cache, on an empty and on an existing
# data dir), and resident memory idle after start and after 100 admin requests.
#
#   bench/image-startup.sh [IMAGE]        IMAGE defaults to target/gproxy-image
#   RUNS=5 PORT=18787 bench/image-startup.sh
#
# The poller does not fork (bash /dev/tcp, $EPOCHREALTIME, read -t as the pause), so it costs
# the gateway almost no CPU while it starts; on 2 cores a forking poller (curl every 20 ms) would
# slow what it measures. Other load on the machine does too: the load average is printed with the
# numbers, and the runs of each row are listed so the spread shows.
set -euo pipefail

readonly IMAGE=${1:-target/gproxy-image}
readonly RUNS=${RUNS:-5}
readonly PORT=${PORT:-18787}
readonly START_TIMEOUT_S=60
readonly PASSWORD=bench-$$-password

die() {
    echo "image-startup: ERROR: $*" >&2
    exit 1
}

check_inputs() {
    [ -x "$IMAGE/bin/gproxy" ] || die "$IMAGE/bin/gproxy not found: build the image first (mvn package -DskipTests)"
    command -v curl > /dev/null || die "curl is needed for the admin requests"
    if (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then
        die "port $PORT is in use; choose another with PORT=..."
    fi
}

# A pause without forking /bin/sleep: a read with a timeout on a FIFO nobody writes to.
pause() {
    read -r -t "$1" -u "$PAUSE_FD" || true
}

# Microseconds since the epoch, without forking.
now_us() {
    local t=${EPOCHREALTIME/./}
    echo "$t"
}

# One GET /healthz over bash's /dev/tcp: true when the status line is 200.
healthy() {
    local status=
    { exec 3<> "/dev/tcp/127.0.0.1/$PORT"; } 2> /dev/null || return 1
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -t 2 status <&3 || true
    exec 3<&- 3>&-
    [[ $status == "HTTP/1."?" 200"* ]]
}

# Starts the gateway (env: $1 = GPROXY_AOT value) on data dir $2; sets PID and STARTUP_MS.
start_gateway() {
    local aot=$1 data=$2 launched deadline
    launched=$(now_us)
    GPROXY_AOT=$aot GPROXY_ADMIN_PASSWORD=$PASSWORD \
        "$IMAGE/bin/gproxy" --data-dir "$data" --host 127.0.0.1 --port "$PORT" > "$data.log" 2>&1 &
    PID=$!
    deadline=$((SECONDS + START_TIMEOUT_S))
    until healthy; do
        kill -0 "$PID" 2> /dev/null || { cat "$data.log" >&2; die "the gateway exited before /healthz answered"; }
        [ "$SECONDS" -lt "$deadline" ] || { stop_gateway; die "no healthy /healthz within ${START_TIMEOUT_S}s"; }
        pause 0.01
    done
    STARTUP_MS=$((($(now_us) - launched) / 1000))
}

stop_gateway() {
    kill -TERM "$PID" 2> /dev/null || true
    wait "$PID" 2> /dev/null || true
}

rss_mib() {
    awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$PID/status"
}

median() {
    sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

# RUNS starts of one variant; prints "median (min-max)" in ms. $2 = fresh: a new data dir each time.
startup_series() {
    local aot=$1 mode=$2 work=$3 i data times=()
    data="$work/existing"
    if [ "$mode" = existing ]; then
        start_gateway "$aot" "$data" && stop_gateway        # creates the database once, unmeasured
    fi
    for ((i = 1; i <= RUNS; i++)); do
        [ "$mode" = fresh ] && data="$work/fresh-$aot-$i"
        start_gateway "$aot" "$data"
        stop_gateway
        times+=("$STARTUP_MS")
    done
    rm -rf "$work"/fresh-* "$work/existing"*
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n | paste -sd' ')
    echo "$(printf '%s\n' "${times[@]}" | median) ms (runs: $sorted)"
}

# RSS 2 s after the first healthy answer, then after a login and 99 more admin requests.
memory() {
    local aot=$1 work=$2 idle loaded base="http://127.0.0.1:$PORT"
    start_gateway "$aot" "$work/memory"
    sleep 2
    idle=$(rss_mib)
    curl -sS -f -o /dev/null -c "$work/cookies" -H 'content-type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$base/admin/login"
    local i urls=()
    for ((i = 1; i <= 9; i++)); do
        curl -sS -f -o /dev/null -b "$work/cookies" -H 'content-type: application/json' \
            -d "{\"name\":\"bench-$i\",\"channel\":\"openai\"}" "$base/admin/providers"
    done
    for ((i = 1; i <= 90; i++)); do urls+=("$base/admin/providers"); done
    curl -sS -f -b "$work/cookies" "${urls[@]}" > /dev/null          # one keep-alive connection
    sleep 1
    loaded=$(rss_mib)
    stop_gateway
    rm -rf "$work/memory"*
    echo "$idle MiB idle after start, $loaded MiB after 100 admin requests"
}

sizes() {
    echo "- runtime (bin, lib, conf, legal): $(du -sh --exclude=app "$IMAGE" | cut -f1)"
    echo "- app (gproxy.jar + libs/): $(du -sh --exclude=gproxy.aot "$IMAGE/app" | cut -f1)"
    if [ -f "$IMAGE/app/gproxy.aot" ]; then
        echo "- AOT cache (app/gproxy.aot): $(du -sh "$IMAGE/app/gproxy.aot" | cut -f1)"
    fi
    echo "- total: $(du -sh "$IMAGE" | cut -f1); as tar.gz (about what a registry stores for the layer):" \
        "$(tar -czf - -C "$(dirname "$IMAGE")" "$(basename "$IMAGE")" | wc -c | awk '{printf "%d MB", $1 / 1000000}')"
}

machine() {
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- CPU: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- memory: $(awk '/MemTotal/ {printf "%d GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
    echo "- JVM: $("$IMAGE/bin/java" -version 2>&1 | sed -n 2p)"
    echo "- modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$IMAGE/release")"
}

main() {
    check_inputs
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/gproxy-bench.XXXXXX")
    # shellcheck disable=SC2064 # expand now: work is local
    trap "rm -rf '$work'" EXIT
    mkfifo "$work/pause"
    exec {PAUSE_FD}<> "$work/pause"
    echo "## Image measurements ($RUNS starts per row)"
    machine
    sizes
    local aot variants=(0)
    [ -f "$IMAGE/app/gproxy.aot" ] && variants=(1 0)
    for aot in "${variants[@]}"; do
        local label="without AOT cache"
        [ "$aot" = 1 ] && label="with AOT cache"
        echo "- launch to first healthy /healthz, $label, empty data dir: $(startup_series "$aot" fresh "$work")"
        echo "- launch to first healthy /healthz, $label, existing data dir: $(startup_series "$aot" existing "$work")"
        echo "- RSS, $label: $(memory "$aot" "$work")"
    done
}

main "$@"
