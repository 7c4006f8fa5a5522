#!/bin/sh
# GPROXY launcher, installed as bin/gproxy in the runtime image. POSIX sh on purpose: it must run
# wherever the image is copied (dash, busybox, bash). Distroless images have no shell at all; they
# run bin/java with the same options directly (see etc/Containerfile).
#
#   GPROXY_JAVA_OPTS  extra JVM options, split on blanks (e.g. "-Xmx512m -XX:+UseSerialGC")
#   GPROXY_AOT=0      ignore the AOT cache (app/gproxy.aot) even when it is present
set -eu

# Follow symlinks to the real script (a link in /usr/local/bin must still find the image), then
# take its grandparent: the image root. readlink -f is not POSIX, hence the loop.
self=$0
while [ -h "$self" ]; do
    # shellcheck disable=SC2012 # ls -l is the POSIX way to read a link (readlink is not POSIX)
    target=$(ls -ld -- "$self" | sed 's/^.* -> //')
    case $target in
        /*) self=$target ;;
        *) self=$(dirname -- "$self")/$target ;;
    esac
done
home=$(cd -P -- "$(dirname -- "$self")/.." && pwd -P)

# GPROXY_JAVA_OPTS is split on blanks like JAVA_OPTS, but never glob-expanded.
set -f
# exec: the JVM replaces this shell, so SIGTERM from the supervisor reaches it directly and its
# exit status is the process's (0 after a clean drain).
if [ "${GPROXY_AOT:-1}" != 0 ] && [ -f "$home/app/gproxy.aot" ]; then
    # shellcheck disable=SC2086
    exec "$home/bin/java" --enable-native-access=ALL-UNNAMED "-XX:AOTCache=$home/app/gproxy.aot" \
        ${GPROXY_JAVA_OPTS:-} -jar "$home/app/gproxy.jar" "$@"
fi
# shellcheck disable=SC2086
exec "$home/bin/java" --enable-native-access=ALL-UNNAMED ${GPROXY_JAVA_OPTS:-} -jar "$home/app/gproxy.jar" "$@"
