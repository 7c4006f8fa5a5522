#!/usr/bin/env bash
# Lays out a root file system that models etc/Containerfile's container without a container
# engine: Debian 12's libc6 (what gcr.io/distroless/base-nossl-debian12 adds to its static base),
# distroless's users, the runtime image at /opt/gproxy (root-owned, so read-only to the gateway)
# and /var/lib/gproxy owned by 65532. No shell, no coreutils, no libgcc, no libssl, /tmp not writable.
#
#   jlink/distroless-root.sh IMAGE ROOT
#   unshare --pid --fork --kill-child --mount-proc=ROOT/proc \
#       chroot --userspec=65532:65532 --groups=65532 ROOT \
#       /opt/gproxy/bin/java ...        # the Containerfile's ENTRYPOINT, verbatim; the JVM is PID 1
#
# unshare --fork does not pass signals on: send SIGTERM to the JVM itself (its host pid), as a
# container engine does; unshare then exits with the JVM's status.
#
# Needs root (mknod, chown) and a Debian 12 host (dpkg knows libc6's files). Used by ImageIT.
set -euo pipefail

readonly MARKER=.gproxy-distroless-root

die() {
    echo "distroless-root: ERROR: $*" >&2
    exit 1
}

check_inputs() {
    [ "$#" -eq 2 ] || die "usage: $0 IMAGE ROOT"
    [ -x "$1/bin/java" ] || die "$1 is not a runtime image (no bin/java)"
    [ "$(id -u)" -eq 0 ] || die "must run as root (device nodes, ownership)"
    command -v dpkg > /dev/null || die "needs dpkg: the glibc files are taken from Debian's libc6 package"
}

# Replaces ROOT only when it is one of ours: a wrong argument must not delete a tree.
fresh_root() {
    local root=$1
    if [ -e "$root" ]; then
        [ -f "$root/$MARKER" ] || die "$root exists and is not a distroless root made by this script"
        rm -rf "$root"
    fi
    mkdir -p "$root"/{etc,dev,proc,tmp,opt,home/nonroot,var/lib,lib64}
    touch "$root/$MARKER"
}

# libc6's shared objects (not its gconv modules or tools), at their Debian paths, plus the ELF
# interpreter's canonical path /lib64/ld-linux-x86-64.so.2.
copy_glibc() {
    local root=$1 file
    while read -r file; do
        mkdir -p "$root$(dirname "$file")"
        cp -L "$file" "$root$file"
    done < <(dpkg -L libc6 | grep -E '^(/usr)?/lib/x86_64-linux-gnu/[^/]+\.so(\.[0-9]+)*$')
    local interpreter
    interpreter=$(dpkg -L libc6 | grep -E '/ld-linux-x86-64\.so\.2$' | head -n 1)
    ln -s "..$interpreter" "$root/lib64/ld-linux-x86-64.so.2"   # relative: resolves inside the root
}

# What distroless ships in /etc, and what a container runtime adds at start (hosts, resolv.conf).
write_etc() {
    local root=$1
    cat > "$root/etc/passwd" << 'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
    cat > "$root/etc/group" << 'EOF'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
EOF
    echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
    printf '127.0.0.1\tlocalhost %s\n::1\tlocalhost\n' "$(hostname)" > "$root/etc/hosts"
    if [ -f /etc/resolv.conf ]; then
        cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    fi
}

# The device nodes every container gets.
make_devices() {
    local root=$1
    mknod -m 666 "$root/dev/null" c 1 3
    mknod -m 666 "$root/dev/zero" c 1 5
    mknod -m 666 "$root/dev/random" c 1 8
    mknod -m 666 "$root/dev/urandom" c 1 9
}

# COPY target/gproxy-image /opt/gproxy (root-owned), and the volume owned by the gateway's user.
# /tmp stays root-owned 0755: like a read-only root file system, only the volume takes writes.
install_image() {
    local image=$1 root=$2
    cp -a "$image" "$root/opt/gproxy"
    chown -R 0:0 "$root/opt/gproxy"
    chmod -R go-w "$root/opt/gproxy"
    mkdir -p "$root/var/lib/gproxy"
    chown 65532:65532 "$root/var/lib/gproxy" "$root/home/nonroot"
    chmod 0700 "$root/var/lib/gproxy" "$root/home/nonroot"
    chmod 0755 "$root/tmp"
}

main() {
    check_inputs "$@"
    local image=$1 root=$2
    fresh_root "$root"
    copy_glibc "$root"
    write_etc "$root"
    make_devices "$root"
    install_image "$image" "$root"
}

main "$@"
