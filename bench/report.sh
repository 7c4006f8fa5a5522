# shellcheck shell=bash
# Renders the results collected by bench/run.sh (the R array and a few globals) as Markdown.
# Sourced by run.sh; not meant to run alone.

# Microseconds as milliseconds; -1 or empty means "not measured".
ms() { awk -v u="${1:--1}" 'BEGIN { if (u < 0) print "n/a"; else printf "%.2f ms", u / 1000 }'; }
us() { awk -v u="${1:--1}" 'BEGIN { if (u < 0) print "n/a"; else printf "%.0f µs", u }'; }
rps() { awk -v r="${1:--1}" 'BEGIN { if (r < 0) print "n/a"; else printf "%.0f", r }'; }
mib() { awk -v k="${1:--1}" 'BEGIN { if (k < 0) print "n/a"; else printf "%.0f MiB", k / 1024 }'; }

# gateway/direct as "1.23×", or n/a.
ratio() {
    awk -v g="${1:--1}" -v d="${2:--1}" 'BEGIN { if (g < 0 || d <= 0) print "n/a"; else printf "%.2f×", g / d }'
}

# gateway - direct, in ms with a sign.
added() {
    awk -v g="${1:--1}" -v d="${2:--1}" 'BEGIN { if (g < 0 || d < 0) print "n/a"; else printf "%+.2f ms", (g - d) / 1000 }'
}

# A latency row: label, direct key, gateway key.
row_ms() {
    local d=${R[$2]:--1} g=${R[$3]:--1}
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$(ms "$d")" "$(ms "$g")" "$(ratio "$g" "$d")" "$(added "$g" "$d")"
}

row_rps() {
    local d=${R[$2]:--1} g=${R[$3]:--1}
    printf '| %s | %s req/s | %s req/s | %s | |\n' "$1" "$(rps "$d")" "$(rps "$g")" "$(ratio "$g" "$d")"
}

row_cpu() {
    local d=${R[$2]:--1} g=${R[$3]:--1}
    printf '| %s | %s | %s | %s | |\n' "$1" "$(us "$d")" "$(us "$g")" "$(ratio "$g" "$d")"
}

# Streams that completed (with [DONE]) of those started, and the most open at once.
completed() {
    local k=$1
    [[ -n "${R[$k.streams]:-}" ]] || { echo n/a; return; }
    echo "${R[$k.completed]}/${R[$k.streams]} done, ${R[$k.held]} open at once"
}

governance_line() {
    if [[ "$GOVERNED" != 1 ]]; then
        echo "off (no route permission, rate limit or quota on the bench user)"
        return
    fi
    local state="and this build enforces such rows (a second user limited to 1 rpm got 429 on its second call)"
    if [[ "$GOVERNANCE_LIVE" != 1 ]]; then
        state="but this build does not enforce them yet (a second user limited to 1 rpm got $GOVERNANCE_PROBE_STATUS, not 429, on its second call), so they do not change the request path"
    fi
    echo "on: route permission \`*\`, rate limit 1,000,000 rpm and quota 1,000,000 USD on the bench user, $state"
}

# A row of the reference table: label, field, formatter (ms, rps or us), unit suffix.
row_reference() {
    local label=$1 field=$2 fmt=$3 unit=${4:-} d g n
    d=${R[direct.$field]:--1}
    n=${R[nginx.$field]:--1}
    g=${R[gw.$field]:--1}
    printf '| %s | %s%s | %s%s | %s | %s%s | %s |\n' "$label" "$("$fmt" "$d")" "$unit" "$("$fmt" "$n")" "$unit" \
        "$(ratio "$n" "$d")" "$("$fmt" "$g")" "$unit" "$(ratio "$g" "$n")"
}

# The same slices through nginx: what a proxy hop alone costs here, the floor under any gateway.
reference_table() {
    local n
    cat <<EOF

Reference: the same upstream behind **nginx** ($(nginx -v 2>&1 | sed 's/^nginx version: //'), two workers, upstream
keep-alive, no access log, nothing else), measured in the same alternating slices; CPU per request
is nginx's master and workers together.

| Measure | Direct | nginx | nginx/direct | Gateway | Gateway/nginx |
| --- | ---: | ---: | ---: | ---: | ---: |
EOF
    row_reference "Latency p50, 1 connection" c1.p50_us ms
    row_reference "Throughput, 1 connection" c1.rps rps " req/s"
    for n in $THR_CONNS; do
        row_reference "Throughput, $n connections" "c$n.rps" rps " req/s"
        row_reference "Latency p50, $n connections" "c$n.p50_us" ms
        row_reference "CPU per request, $n connections" "c$n.cpu_us" us
    done
}

report() {
    local gwlabel="Gateway" n
    [[ "$DATA_PLANE" == 1 ]] || gwlabel="Gateway GET /healthz (control)"
    cat <<EOF
## Data plane benchmark

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); gateway commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $("$JAVA" -version 2>&1 | head -1)
- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo) GiB, $(uname -sr).
  **Everything on one box**: the load generators (wrk, StreamProbe), the bench upstream and the gateway
  share these $(nproc) cores (load average at start $LOAD_AT_START, at the end $LOAD_AT_END: other work included), so the
  gateway/direct **ratios matter more than the absolute numbers**.
- Gateway: \`$GATEWAY_JAR\`, fresh SQLite data dir, in-process cache, \`GPROXY_MAX_IN_FLIGHT=$GATEWAY_MAX_IN_FLIGHT\`, JVM options: ${GATEWAY_JAVA_OPTS:-defaults}
- Governance: $(governance_line)
- Upstream: bench/src/BenchUpstream.java (fixed completion with usage; streams of $STREAM_CHUNKS chunks + usage + [DONE])
- Method: warm-up $WARMUP per target (JIT); per point $ROUNDS slices of $LAT_DURATION (1 connection) or
  $THR_DURATION (throughput) alternating direct and gateway, the **median slice** reported; wrk -t$WRK_THREADS,
  HTTP/1.1 keep-alive. Streams: StreamProbe (raw sockets, keep-alive), $TTFB_STREAMS sequential streams for the
  first event, $CHUNK_ROUNDS sequential paced streams for per-chunk latency, concurrent streams ramped over ${RAMP_MS} ms.
EOF
    if [[ "$DATA_PLANE" != 1 ]]; then
        cat <<EOF
- **Data plane not measured**: $DATA_PLANE_WHY.
  The gateway column is \`GET /healthz\` (filters, routing, no upstream) as a control; streaming
  rows are direct only.
EOF
    fi
    cat <<EOF

| Measure | Direct (upstream) | $gwlabel | Gateway/direct | Difference |
| --- | ---: | ---: | ---: | ---: |
EOF
    row_ms "Latency p50, 1 connection" direct.c1.p50_us gw.c1.p50_us
    row_ms "Latency p99, 1 connection" direct.c1.p99_us gw.c1.p99_us
    row_rps "Throughput, 1 connection" direct.c1.rps gw.c1.rps
    for n in $THR_CONNS; do
        row_rps "Throughput, $n connections" "direct.c$n.rps" "gw.c$n.rps"
        row_ms "Latency p50, $n connections" "direct.c$n.p50_us" "gw.c$n.p50_us"
        row_ms "Latency p99, $n connections" "direct.c$n.p99_us" "gw.c$n.p99_us"
        row_cpu "CPU per request, $n connections (direct: the upstream; gateway: the gateway process)" \
            "direct.c$n.cpu_us" "gw.c$n.cpu_us"
    done
    row_ms "Stream first event p50 (no upstream delay)" direct.ttfb.ttfb_p50_us gw.ttfb.ttfb_p50_us
    row_ms "Stream first event p99 (no upstream delay)" direct.ttfb.ttfb_p99_us gw.ttfb.ttfb_p99_us
    row_ms "Per-chunk latency p50 (upstream write → client read, ${STREAM_GAP_MS} ms gaps)" direct.chunk.chunk_p50_us gw.chunk.chunk_p50_us
    row_ms "Per-chunk latency p99" direct.chunk.chunk_p99_us gw.chunk.chunk_p99_us
    for n in $CONCURRENT_STREAMS; do
        printf '| %s | %s | %s | | |\n' "$n concurrent streams, ${STREAM_GAP_MS} ms gaps" \
            "$(completed "direct.s$n")" "$(completed "gw.s$n")"
        row_ms "… max gap between chunks" "direct.s$n.gap_max_us" "gw.s$n.gap_max_us"
        row_ms "… p99 gap between chunks" "direct.s$n.gap_p99_us" "gw.s$n.gap_p99_us"
        row_ms "… per-chunk latency p99" "direct.s$n.chunk_p99_us" "gw.s$n.chunk_p99_us"
        row_ms "… first event p99" "direct.s$n.ttfb_p99_us" "gw.s$n.ttfb_p99_us"
    done
    printf '| Gateway RSS idle (after provisioning) | | %s | | |\n' "$(mib "${R[gw.rss_idle_kb]}")"
    printf '| Gateway RSS after the request load | | %s | | |\n' "$(mib "${R[gw.rss_after_load_kb]}")"
    for n in $CONCURRENT_STREAMS; do
        printf '| Gateway RSS peak during %s streams | | %s | | |\n' "$n" "$(mib "${R[gw.s$n.rss_peak_kb]:--1}")"
    done
    printf '| Gateway RSS at the end | | %s | | |\n' "$(mib "${R[gw.rss_end_kb]}")"
    [[ "${REFERENCE_PROXY:-0}" != 1 || "$DATA_PLANE" != 1 ]] || reference_table
    echo
    local cmd="bash bench/run.sh"
    [[ "$GOVERNED" != 1 ]] || cmd="GOVERNED=1 $cmd"
    echo "Run took ${ELAPSED}s. Reproduce: \`$cmd\`."
    [[ -z "${USAGE_LINE:-}" ]] || echo "$USAGE_LINE"
    for n in $CONCURRENT_STREAMS; do
        if [[ -n "${R[gw.s$n.upstream_served]:-}" ]]; then
            echo "Upstream finished ${R[gw.s$n.upstream_served]} streams for the gateway's $n-stream test (warm-up + measured round: expected $((2 * n)))."
        fi
    done
    if ((${#NOTES[@]})); then
        echo
        echo "**Errors seen:**"
        printf -- '- %s\n' "${NOTES[@]}"
    fi
}
