#!/usr/bin/env bash
# CPU per request of the gateway, split per thread: one upstream, one gateway, warm-up, then one wrk
# slice; prints user/system CPU per request from /proc and each thread group's share (carriers, JIT,
# GC, usage writer, intent writer). Less sensitive to a loaded box than req/s; see docs/PERFORMANCE.md.
# usage: bash bench/cpu.sh JAR LABEL [gateway JVM options]
# env: CONNS (32), DUR (10s), WARM (5s), GOVERNED=1, JFR=file (a profile of the measured slice),
#      LAT1=1 (also a 1-connection slice)
set -euo pipefail
JAR=$1; LABEL=$2; shift 2; OPTS="$*"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA=$JAVA_HOME/bin/java
CONNS=${CONNS:-32}; DUR=${DUR:-10s}; WARM=${WARM:-5s}
W=$(mktemp -d /tmp/perf-cpu.XXXX); PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; wait 2>/dev/null; rm -rf $W' EXIT
cd "$(dirname "$0")/.."
mkdir -p $W/classes; $JAVA_HOME/bin/javac -d $W/classes bench/src/BenchUpstream.java
await() { for _ in $(seq 600); do l=$(grep -m1 -oE "$2" "$1" 2>/dev/null || true); if [[ -n "$l" && "$l" =~ $2 ]]; then echo "${BASH_REMATCH[1]}"; return; fi; sleep 0.1; done; cat $1 >&2; exit 1; }
$JAVA -Xmx512m -XX:+UseSerialGC -cp $W/classes BenchUpstream --port 0 > $W/up.log 2>&1 & PIDS+=($!)
UP=$(await $W/up.log 'listening on http://127.0.0.1:([0-9]+)')
GPROXY_ADMIN_PASSWORD=bench-x1234567 GPROXY_MAX_IN_FLIGHT=10000 $JAVA $OPTS --enable-native-access=ALL-UNNAMED -jar $JAR --data-dir $W/data --port 0 > $W/gw.log 2>&1 & GPID=$!; PIDS+=($GPID)
GP=$(await $W/gw.log 'listening on http://127.0.0.1:([0-9]+)'); AK=$(await $W/gw.log 'API key: +(sk-[A-Za-z0-9_-]+)')
GW=http://127.0.0.1:$GP
adm() { curl -sS --fail-with-body -X $1 -H "Authorization: Bearer $AK" -H 'Content-Type: application/json' ${3:+--data "$3"} "$GW$2"; }
F=$(adm POST /admin/providers "{\"name\":\"fake\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"http://127.0.0.1:$UP\"}}" | jq -r .id)
adm POST /admin/providers/$F/credentials '{"name":"k","secret_json":{"api_key":"sk-bench-upstream"}}' >/dev/null
U=$(adm POST /admin/users '{"name":"bench"}' | jq -r .id)
KEY=$(adm POST /admin/users/$U/keys '{"label":"bench"}' | jq -r .api_key)
adm POST /admin/route-permissions "{\"scope\":\"user\",\"scope_id\":$U,\"route_pattern\":\"*\"}" >/dev/null
if [[ "${GOVERNED:-0}" == 1 ]]; then
adm POST /admin/rate-limits "{\"scope\":\"user\",\"scope_id\":$U,\"route_pattern\":\"*\",\"rpm\":1000000}" >/dev/null
adm POST /admin/quotas "{\"scope\":\"user\",\"scope_id\":$U,\"quota_total\":\"1000000\"}" >/dev/null
fi
cpu() { local s; s=$(<"/proc/$1/stat"); s=${s##*) }; awk '{print $12, $13}' <<<"$s"; }
wrkrun() { BENCH_KEY=$KEY BENCH_MODEL=fake/gpt-bench wrk -t1 -c$1 -d$2 --latency -s bench/post-chat.lua $GW/v1/chat/completions | grep '^BENCH'; }
wrkrun $CONNS $WARM >/dev/null
# per-thread cpu snapshot
threads() { for t in /proc/$GPID/task/*; do s=$(cat $t/stat 2>/dev/null) || continue; n=$(tr " " "_" <$t/comm 2>/dev/null) || continue; s=${s##*) }; echo "$n $(awk '{print $12+$13}' <<<"$s")"; done | awk '{gsub(/[0-9]+$/,"",$1); a[$1]+=$2} END{for(k in a) print k, a[k]}' | sort; }
threads > $W/t0
if [[ -n "${JFR:-}" ]]; then $JAVA_HOME/bin/jcmd $GPID JFR.start name=p settings=profile jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=2ms filename=$JFR >/dev/null; fi
read u0 s0 < <(cpu $GPID); L0=$(cut -d' ' -f1 /proc/loadavg); T0=$(date -u +%H:%M:%S)
line=$(wrkrun $CONNS $DUR)
read u1 s1 < <(cpu $GPID); L1=$(cut -d' ' -f1 /proc/loadavg)
threads > $W/t1
if [[ -n "${JFR:-}" ]]; then $JAVA_HOME/bin/jcmd $GPID JFR.stop name=p >/dev/null; fi
req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line"); hz=$(getconf CLK_TCK)
echo "$LABEL $T0 load $L0->$L1 c=$CONNS $line user_us=$(( (u1-u0)*1000000/hz/req )) sys_us=$(( (s1-s0)*1000000/hz/req )) total_us=$(( (u1-u0+s1-s0)*1000000/hz/req ))"
join $W/t0 $W/t1 | awk -v hz=$hz -v r=$req '{d=$3-$2; if (d>0) printf "   %-28s %6.1f us/req\n", $1, d*1e6/hz/r}' | sort -k2 -nr | head -12
if [[ "${LAT1:-0}" == 1 ]]; then wrkrun 1 3s >/dev/null; echo "  c=1: $(wrkrun 1 ${LATDUR:-5s})"; fi
rows=$(sqlite3 $W/data/gproxy.db 'select count(*) from usages' 2>/dev/null || echo '?'); echo "  usage rows: $rows"
