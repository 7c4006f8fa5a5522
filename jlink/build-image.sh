#!/usr/bin/env bash
# Builds the GPROXY runtime image: a jlink'ed JDK holding only the modules the gateway needs, the
# application on the class path under app/, the launcher bin/gproxy and, on JDK 25+, an AOT cache
# trained on a real start (login, provider create + list, SIGTERM).
#
# Why not the helidon-maven-plugin: it needs jmods/, which Temurin 25 does not ship (JEP 493).
# Why the app stays on the class path: many of its jars are automatic modules, which jlink refuses.
# See /work/shared/reference/helidon-feasibility.md §3 and jlink/README.md.
#
# Environment (all set by the pom's exec-maven-plugin execution in the package phase):
#   JAVA_HOME      JDK >= 21 with jlink and jdeps (required)
#   APP_JAR        the application jar, Class-Path manifest pointing at libs/ (required)
#   LIBS           directory of runtime dependency jars (required); the image takes the ones the
#                  jar's manifest Class-Path names, and fails if one is missing
#   OUT            output directory; replaced when it holds an earlier image (required)
#   AOT            0 = build no AOT cache; default 1 (trained only when the JDK has -XX:AOTCacheOutput)
#   EXTRA_MODULES  comma-separated JDK modules to add on top of the computed set
#
# Layout of $OUT: bin/java (runtime), bin/gproxy (launcher), lib/ (runtime), app/gproxy.jar,
# app/libs/*.jar, app/gproxy.aot (optional). $OUT.cache keeps jdeps' answers and the linked runtime
# between builds, keyed by content: a build whose libraries and JDK did not change skips both.
set -euo pipefail

# Modules no static analysis finds, because the code reaches them by reflection, ServiceLoader or
# JNDI. jdeps usually reports some of them too; listing them here keeps them if that changes.
readonly RUNTIME_MODULES=(
    java.desktop        # SnakeYAML (helidon-config-yaml) loads java.beans at start: NoClassDefFoundError without it
    jdk.unsupported     # sun.misc.Signal for the graceful SIGTERM drain (reflective); Unsafe for kryo and netty
    java.security.jgss  # PostgreSQL GSS/Kerberos authentication, loaded only when a server asks for it
    jdk.crypto.ec       # the EC provider for TLS on JDK 21 (an empty module from JDK 22 on, where EC is in java.base)
    jdk.zipfs           # the jar: file-system provider (ServiceLoader), for resources read as a FileSystem
    java.management     # JVM metrics (MemoryMXBean, threads, GC)
    jdk.management      # com.sun.management extensions: process CPU, open file descriptors
    jdk.naming.dns      # netty's DNS resolver (Redisson) asks JNDI dns:// for the name servers
)
LAUNCHER_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/gproxy-launcher.sh"
readonly LAUNCHER_SRC
readonly JLINK_OPTIONS=(--strip-debug --no-header-files --no-man-pages --compress=zip-6)
readonly TRAINING_TIMEOUT_S=60

die() {
    echo "build-image: ERROR: $*" >&2
    exit 1
}

log() {
    echo "build-image: [${SECONDS}s] $*" >&2
}

check_inputs() {
    [ -n "${JAVA_HOME:-}" ] || die "JAVA_HOME is not set (it must point at a JDK >= 21 with jlink)"
    local tool
    for tool in java jlink jdeps; do
        [ -x "$JAVA_HOME/bin/$tool" ] || die "$JAVA_HOME/bin/$tool not found: JAVA_HOME must be a full JDK >= 21, not a JRE"
    done
    [ -n "${APP_JAR:-}" ] || die "APP_JAR is not set (the application jar, e.g. target/gproxy.jar)"
    [ -f "$APP_JAR" ] || die "APP_JAR $APP_JAR does not exist: run 'mvn package' (not this script alone)"
    [ -n "${LIBS:-}" ] || die "LIBS is not set (the runtime dependency jars, e.g. target/libs)"
    [ -d "$LIBS" ] || die "LIBS $LIBS is not a directory: dependency:copy-dependencies did not run"
    compgen -G "$LIBS/*.jar" > /dev/null || die "LIBS $LIBS holds no jar"
    [ -n "${OUT:-}" ] || die "OUT is not set (the image directory, e.g. target/gproxy-image)"
    check_out
    [ -f "$LAUNCHER_SRC" ] || die "launcher source $LAUNCHER_SRC is missing"
    command -v unzip > /dev/null || die "unzip is needed to flatten the jars for jdeps"
    local release
    release=$(java_release)
    [ "$release" -ge 21 ] || die "JAVA_HOME $JAVA_HOME is Java $release; Helidon 4 needs >= 21"
}

# Absolute paths: the training run works from a scratch directory.
absolute_paths() {
    APP_JAR=$(absolute "$APP_JAR")
    LIBS=$(absolute "$LIBS")
    mkdir -p "$(dirname "$OUT")"
    OUT=$(absolute "$OUT")
}

absolute() {
    echo "$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"
}

# The feature release of JAVA_HOME, e.g. 25.
java_release() {
    "$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2}'
}

# The jars the application jar's manifest puts on its class path, as paths in LIBS: exactly what
# runs, so a stale jar left in LIBS by an earlier build neither ships nor adds modules.
class_path_jars() {
    local entries entry
    entries=$(unzip -p "$APP_JAR" META-INF/MANIFEST.MF | tr -d '\r' | awk '
        /^ / { line = line substr($0, 2); next }      # a continuation line: one leading space
        { if (line ~ /^Class-Path: /) print substr(line, 13); line = $0 }
        END { if (line ~ /^Class-Path: /) print substr(line, 13) }')
    [ -n "$entries" ] || die "$APP_JAR has no Class-Path in its manifest (maven-jar-plugin addClasspath)"
    for entry in $entries; do
        case $entry in
            libs/*.jar) ;;
            *) die "$APP_JAR's Class-Path entry $entry is not libs/NAME.jar" ;;
        esac
        [ -f "$LIBS/${entry#libs/}" ] || die "$APP_JAR needs $entry, which is not in $LIBS"
        echo "$LIBS/${entry#libs/}"
    done
}

# Unpacks the jars $3... into $1 as one class-path blob: jdeps cannot analyse the jars themselves,
# because the named modules among them require automatic ones. module-info is dropped, and the
# multi-release overlays up to release $2 are laid over the base classes in order.
flatten_jars() {
    local dest=$1 release=$2 jar version overlay
    shift 2
    for jar in "$@"; do
        unzip -qo "$jar" -d "$dest" '*.class' -x 'module-info.class' 'META-INF/*' 2> /dev/null || true
        for version in $(unzip -Z1 "$jar" 'META-INF/versions/*' 2> /dev/null | awk -F/ '$3 ~ /^[0-9]+$/ {print $3}' | sort -n -u); do
            [ "$version" -le "$release" ] || continue
            overlay=$(mktemp -d "$dest.overlay.XXXX")
            unzip -qo "$jar" "META-INF/versions/$version/*.class" -x '*/module-info.class' -d "$overlay" 2> /dev/null || true
            if [ -d "$overlay/META-INF/versions/$version" ]; then
                cp -r "$overlay/META-INF/versions/$version/." "$dest/"
            fi
            rm -rf "$overlay"
        done
    done
}

# What jdeps finds in the jars $2... (flattened), cached in CACHE/jdeps-$1 by the jars' content
# and the JDK build: over some 75 jars it is the slowest step, and the libraries rarely change.
# Module use is per class, so the answers for the libraries and for the app jar simply add up.
jdeps_modules() {
    local label=$1 key cached="$CACHE/jdeps-$1" classes found
    shift
    key=$({ "$JAVA_HOME/bin/java" -version 2>&1; sha256sum "$@" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)
    if [ -f "$cached" ] && [ "$(sed -n 1p "$cached")" = "$key" ] && [ -n "$(sed -n 2p "$cached")" ]; then
        log "jdeps ($label): unchanged jars, cached answer"
        sed -n 2p "$cached"
        return
    fi
    classes=$(mktemp -d "$WORK/classes.XXXXXX")
    log "jdeps ($label): flattening $# jars"
    flatten_jars "$classes" "$RELEASE" "$@"
    found=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps "$classes") \
        || die "jdeps failed on the flattened class path of $label"
    rm -rf "$classes"
    printf '%s\n%s\n' "$key" "$found" > "$cached.tmp" && mv "$cached.tmp" "$cached"
    echo "$found"
}

# The JDK modules the image needs: what jdeps finds plus RUNTIME_MODULES and EXTRA_MODULES,
# without modules this JDK lacks (jdk.crypto.ec may disappear one day).
module_list() {
    local extra=${EXTRA_MODULES:-} libs app found wanted available module result=()
    libs=$(jdeps_modules libs "${JARS[@]}") || exit 1
    app=$(jdeps_modules app "$APP_JAR") || exit 1
    found=$(tr ',' '\n' <<< "$libs,$app" | grep -v '^$' | sort -u | paste -sd,)
    log "jdeps found: $found"
    available=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')
    wanted=$({ tr ',' '\n' <<< "$found"; printf '%s\n' "${RUNTIME_MODULES[@]}"; tr ',' '\n' <<< "$extra"; } \
        | grep -v '^$' | sort -u)
    for module in $wanted; do
        if grep -qx "$module" <<< "$available"; then
            result+=("$module")
        else
            log "module $module is not in this JDK; leaving it out"
        fi
    done
    local IFS=,
    echo "${result[*]}"
}

# Copies the linked runtime for modules $1 to $2, running jlink only when the module list or the
# JDK build changed since the one in CACHE/runtime: jlink is the other slow step.
runtime() {
    local modules=$1 dest=$2 key
    key=$({ echo "$modules ${JLINK_OPTIONS[*]}"; "$JAVA_HOME/bin/java" -version 2>&1; cat "$JAVA_HOME/release"; } \
        | sha256sum | cut -d' ' -f1)
    if [ -f "$CACHE/runtime.key" ] && [ "$(cat "$CACHE/runtime.key")" = "$key" ]; then
        log "runtime: same modules and JDK, cached"
    else
        rm -rf "$CACHE/runtime" "$CACHE/runtime.key"
        log "runtime: jlink"
        "$JAVA_HOME/bin/jlink" --add-modules "$modules" "${JLINK_OPTIONS[@]}" --output "$CACHE/runtime" \
            || die "jlink failed (modules: $modules)"
        echo "$key" > "$CACHE/runtime.key"    # written last: an interrupted jlink is never reused
    fi
    cp -a "$CACHE/runtime" "$dest"
}

add_app() {
    local dest=$1
    mkdir -p "$dest/app/libs"
    cp "$APP_JAR" "$dest/app/gproxy.jar"
    cp "${JARS[@]}" "$dest/app/libs/"
    cp "$LAUNCHER_SRC" "$dest/bin/gproxy"
    chmod 755 "$dest/bin/gproxy"
}

# AOT training needs -XX:AOTCacheOutput (JDK 25, JEP 514); older JDKs build no cache, silently.
aot_supported() {
    "$1/bin/java" -XX:+PrintFlagsFinal -version 2> /dev/null | grep -qw AOTCacheOutput
}

# Starts the image on a throwaway data dir and port 0, walks the real request path, then SIGTERMs
# it: the JVM writes the AOT cache as it exits. Any failure here is a gateway that cannot start.
train_aot() {
    local image=$1 work=$2
    command -v curl > /dev/null || die "curl is needed for the AOT training run (or build with AOT=0)"
    mkdir -p "$work/data"
    local password pid port
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    # A clean environment: no GPROXY_* from the caller (a DSN could point at a real database), no
    # JAVA_TOOL_OPTIONS, and cwd in the scratch dir so no relative etc/gproxy.yaml is picked up.
    (
        cd "$work"
        unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS
        while read -r name; do unset "$name"; done < <(compgen -e | grep '^GPROXY_' || true)
        export GPROXY_ADMIN_PASSWORD=$password
        exec "$image/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$image/app/gproxy.aot" \
            -jar "$image/app/gproxy.jar" --data-dir "$work/data" --host 127.0.0.1 --port 0
    ) > "$work/training.log" 2>&1 &
    pid=$!
    port=$(await_port "$pid" "$work/training.log") || training_failed "$work/training.log" "$pid" "never logged 'listening on'"
    exercise "$port" "$password" "$work" || training_failed "$work/training.log" "$pid" "a training request failed"
    kill -TERM "$pid"
    local status=0
    await_exit "$pid" || status=$?
    [ "$status" -eq 0 ] || training_failed "$work/training.log" "" "exited $status after SIGTERM (expected 0)"
    [ -s "$image/app/gproxy.aot" ] || training_failed "$work/training.log" "" "the JVM wrote no AOT cache"
}

# Prints the port from Main's "listening on http://HOST:PORT" line, once it appears.
await_port() {
    local pid=$1 logfile=$2 deadline=$((SECONDS + TRAINING_TIMEOUT_S)) port
    while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2> /dev/null; do
        port=$(sed -n 's|.*listening on http://[^ ]*:\([0-9][0-9]*\).*|\1|p' "$logfile" | head -n 1)
        if [ -n "$port" ]; then
            echo "$port"
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# The requests every deployment makes first: liveness, readiness, admin login, provider CRUD.
exercise() {
    local port=$1 password=$2 work=$3 base="http://127.0.0.1:$1"
    local curl=(curl -sS -f -o /dev/null --max-time 10 -b "$work/cookies" -c "$work/cookies")
    local deadline=$((SECONDS + TRAINING_TIMEOUT_S))
    until "${curl[@]}" "$base/healthz" 2> /dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
    "${curl[@]}" -H 'content-type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/admin/login" || return 1
    "${curl[@]}" -H 'content-type: application/json' \
        -d '{"name":"aot-training","channel":"openai"}' "$base/admin/providers" || return 1
    local _
    for _ in 1 2 3; do
        "${curl[@]}" "$base/admin/providers" || return 1
    done
    # readiness may legitimately answer 503; it is called for the code path, not the answer
    curl -sS -o /dev/null --max-time 10 "$base/readyz" || return 1
}

# Waits for pid to exit (the AOT cache is written on the way out); returns its exit status.
await_exit() {
    local pid=$1 deadline=$((SECONDS + TRAINING_TIMEOUT_S))
    while kill -0 "$pid" 2> /dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            kill -KILL "$pid" 2> /dev/null || true
            log "training run did not exit within ${TRAINING_TIMEOUT_S}s of SIGTERM; killed"
            wait "$pid" 2> /dev/null || true
            return 124
        fi
        sleep 0.1
    done
    wait "$pid"
}

training_failed() {
    local logfile=$1 pid=$2 reason=$3
    if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    fi
    echo "----- last lines of the training run's output -----" >&2
    tail -n 40 "$logfile" >&2 || true
    echo "---------------------------------------------------" >&2
    die "AOT training run: the gateway $reason. Fix the start-up, or build without the cache: AOT=0"
}

# OUT is replaced only when it is empty or an earlier image: a typo in OUT must not delete a tree.
check_out() {
    if [ -e "$OUT" ] && [ ! -f "$OUT/release" ] && [ -n "$(ls -A "$OUT")" ]; then
        die "OUT $OUT exists and is not a runtime image; refusing to replace it"
    fi
}

install_image() {
    local staged=$1
    check_out
    rm -rf "$OUT"
    mv "$staged" "$OUT"
}

report() {
    local sizes
    sizes="runtime $(du -sh --exclude=app "$OUT" | cut -f1), app $(du -sh --exclude=gproxy.aot "$OUT/app" | cut -f1)"
    if [ -f "$OUT/app/gproxy.aot" ]; then
        sizes="$sizes, AOT cache $(du -sh "$OUT/app/gproxy.aot" | cut -f1)"
    fi
    log "image $OUT: $sizes"
    log "run it with: $OUT/bin/gproxy --data-dir DIR"
}

main() {
    check_inputs
    absolute_paths
    RELEASE=$(java_release)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/gproxy-image.XXXXXX")
    # Build caches (jdeps answers, the linked runtime) live next to OUT; mvn clean removes them.
    CACHE="$OUT.cache"
    mkdir -p "$CACHE"
    # The image is assembled next to OUT and moved into place only when complete, so a failed build
    # never leaves a half image that looks usable. (The AOT cache survives the move: see README.)
    local staged="$OUT.partial" jars modules
    rm -rf "$staged"
    # shellcheck disable=SC2064 # expand now
    trap "rm -rf '$WORK' '$staged'" EXIT
    jars=$(class_path_jars) || exit 1
    mapfile -t JARS <<< "$jars"
    modules=$(module_list) || exit 1
    log "modules: $modules"
    runtime "$modules" "$staged"
    add_app "$staged"
    if [ "${AOT:-1}" = 0 ]; then
        log "AOT=0: no AOT cache"
    elif aot_supported "$staged"; then
        log "training the AOT cache (one start of the gateway)"
        train_aot "$staged" "$WORK/training"
    fi
    install_image "$staged"
    report
    log "done"
}

main "$@"
