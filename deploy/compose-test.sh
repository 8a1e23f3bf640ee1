#!/usr/bin/env bash
# The compose deployment end to end (issue 21, test 8): starts a Docker daemon of its own, builds the
# Tilework image, runs deploy/docker-compose.yml (one coordinator running a sales report and a chart
# production, three workers) and compares its outputs with an embedded run of the same commands on
# this machine. Exit 0 only when they are equal; 1 when they differ or a step failed; 2 when Docker
# cannot run here (what is missing is printed).
#
# Needs root and dockerd, docker, docker-compose, debootstrap (apt-get install -y docker.io
# docker-compose debootstrap; scripts/prerequisites.sh does it when CI=true or
# TILEWORK_INSTALL_DOCKER=yes), GDAL's tools (ogrinfo) and a JDK 25.
#
# The daemon runs without a bridge, NAT or firewall rules (--bridge=none --iptables=false
# --ip-masq=false); its data, exec root, socket and pid file live in a temporary folder, which is
# removed with everything in it at the end. No registry is needed: the base image is made with
# debootstrap from this machine's Debian mirror (its tarball is kept in target/deploy/ so that a
# second run skips that step; a damaged or missing one is made again) and packages are installed in
# the image from the same mirror. The Java runtime is made with jlink from the JDK 25 of
# scripts/java-home.sh. Containers use host networking on ports 5800-5803 of 127.0.0.1.
#
# Variables: TILEWORK_TEST_DATA (the shared test data, default ../shared/data: the S-57 cells),
# TILEWORK_ROWS (generated sales rows, default 500000), TILEWORK_DEBIAN_MIRROR and
# TILEWORK_DEBIAN_SECURITY (default: the machine's apt sources), TILEWORK_KEEP=1 keeps the temporary
# folder (its path is printed).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"

started=$SECONDS
step_started=$SECONDS
step_name=""
step() { # ends the step under way (with its time) and starts the next
    if [ -n "$step_name" ]; then
        echo "   ($((SECONDS - step_started)) s)"
    fi
    step_name=$1
    step_started=$SECONDS
    echo "== $1"
}
fail() { echo "compose-test: $*" >&2; exit 1; }

# --- What Docker needs here ------------------------------------------------------------------------
missing=()
[ "$(id -u)" = 0 ] || missing+=("root (dockerd is started here, as root)")
for tool in dockerd docker-compose debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "compose-test: Docker cannot run here: missing ${missing[*]}." >&2
    echo "  As root on Debian: apt-get install -y docker.io docker-compose debootstrap" >&2
    exit 2
fi
command -v ogrinfo >/dev/null 2>&1 || fail "ogrinfo (gdal-bin) is missing: it reads the chart products to compare them"
# The client that came with this dockerd (same API version), else the one on the PATH.
docker_client=$(dirname "$(readlink -f "$(command -v dockerd)")")/../bin/docker
[ -x "$docker_client" ] || docker_client=$(command -v docker) || fail "no docker client beside dockerd nor on the PATH"
java_home=$(scripts/java-home.sh)
data=${TILEWORK_TEST_DATA:-$root/../shared/data}
[ -d "$data/s57" ] || fail "no S-57 cells in $data/s57 (set TILEWORK_TEST_DATA to the shared test data)"
rows=${TILEWORK_ROWS:-500000}

# --- The temporary folder and what ends with it ----------------------------------------------------
tmp=$(mktemp -d /tmp/tilework-compose.XXXXXX)
chmod 755 "$tmp"
dockerd_pid=""
export DOCKER_HOST="unix://$tmp/docker.sock"
export DOCKER_BUILDKIT=0 # the classic builder: the daemon's own, with --network host and no extra service
export COMPOSE_PROJECT_NAME=tilework-compose-test
compose=(docker-compose -f "$root/deploy/docker-compose.yml")
docker() { "$docker_client" "$@"; }

cleanup() {
    local status=$?
    set +e
    if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
        echo "== stopping the Docker daemon (pid $dockerd_pid)"
        "${compose[@]}" down --timeout 30 >/dev/null 2>&1
        kill -TERM "$dockerd_pid"
        for _ in $(seq 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$dockerd_pid" 2>/dev/null && kill -KILL "$dockerd_pid"
        wait "$dockerd_pid" 2>/dev/null
    fi
    # What the daemon left mounted under the folder (overlays, its shm, namespaces), deepest first.
    awk -v prefix="$tmp/" 'index($2, prefix) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
        umount -l "$mount" 2>/dev/null
    done
    if [ "${TILEWORK_KEEP:-0}" = 1 ]; then
        echo "compose-test: kept $tmp (the daemon's log is $tmp/dockerd.log)"
    else
        rm -rf --one-file-system "$tmp"
    fi
    echo "compose-test: $([ $status = 0 ] && echo PASSED || echo FAILED) in $((SECONDS - started)) s"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- The jar, as make build makes it -----------------------------------------------------------------
step "the Tilework jar"
jar=$root/app/target/tilework.jar
newer_source=""
if [ -f "$jar" ]; then
    newer_source=$(find "$root"/*/src/main "$root"/pom.xml "$root"/*/pom.xml -newer "$jar" -type f -print -quit 2>/dev/null || true)
fi
if [ ! -f "$jar" ] || [ -n "$newer_source" ]; then
    # Without the commit in its version (make build adds it): run by a test under `mvn test`, this
    # build must leave the classes of the running tests as they are, their version included.
    echo "   building it (${newer_source:-$jar is missing}${newer_source:+ is newer than the jar}): mvn package"
    JAVA_HOME="$java_home" mvn -B -q --no-transfer-progress -DskipTests package -pl app -am \
        > "$tmp/mvn.log" 2>&1 || { cat "$tmp/mvn.log" >&2; fail "the jar did not build"; }
fi
"$root/bin/tilework" --version | head -n 1 | sed 's/^/   /'

# --- The Docker daemon -------------------------------------------------------------------------------
step "a Docker daemon of our own in $tmp (no bridge, no iptables)"
dockerd --bridge=none --iptables=false --ip-masq=false \
    --data-root "$tmp/data" --exec-root "$tmp/exec" -H "$DOCKER_HOST" --pidfile "$tmp/dockerd.pid" \
    > "$tmp/dockerd.log" 2>&1 &
dockerd_pid=$!
for _ in $(seq 120); do
    docker version >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || { tail -n 20 "$tmp/dockerd.log" >&2; fail "dockerd stopped (above)"; }
    sleep 0.5
done
docker version --format '   dockerd {{.Server.Version}}, client {{.Client.Version}}' || { tail -n 20 "$tmp/dockerd.log" >&2; fail "dockerd did not answer in 60 s"; }

# --- The base image: debootstrap from this machine's mirror --------------------------------------------
step "the base image (Debian bookworm minbase from this machine's mirror)"
apt_uris() { # every URI of the machine's apt sources, one-line and deb822 forms
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed -n -E 's/^deb(\s+\[[^]]*\])?\s+(\S+).*/\2/p'
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n -E 's/^URIs:\s*//p' | tr ' ' '\n'
}
mirror=${TILEWORK_DEBIAN_MIRROR:-$(apt_uris | grep -E '/debian/?$' | head -n 1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${TILEWORK_DEBIAN_SECURITY:-$(apt_uris | grep -E '/debian-security/?$' | head -n 1 || true)}
security=${security:-http://deb.debian.org/debian-security}
echo "   mirror $mirror, security $security"
cache_dir=$root/target/deploy
base_recipe=2 # changes when make_base makes another base
base_tar=$cache_dir/base-bookworm-$(printf '%s %s %s' "$base_recipe" "$mirror" "$security" | sha256sum | cut -c1-12).tar
make_base() {
    local rootfs=$tmp/rootfs
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$tmp/debootstrap.log" 2>&1 \
        || { tail -n 20 "$tmp/debootstrap.log" >&2; fail "debootstrap failed (above)"; }
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
        "$mirror" "$mirror" "$security" > "$rootfs/etc/apt/sources.list"
    # Slim, as Debian's -slim images: no documentation, manual pages or translations, now or from
    # the packages installed later (the licences stay).
    printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
        'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' 'path-exclude /usr/share/lintian/*' \
        > "$rootfs/etc/dpkg/dpkg.cfg.d/tilework-slim"
    find "$rootfs/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
    rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/lintian/*
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
        "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/*
    mkdir -p "$cache_dir"
    # The same files give the same tarball: names sorted, one date, numeric owners, no atime/ctime.
    tar -C "$rootfs" --sort=name --mtime=@0 --numeric-owner --xattrs \
        --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$base_tar.part" .
    mv "$base_tar.part" "$base_tar"
    rm -rf --one-file-system "$rootfs"
}
if [ -f "$base_tar" ] && docker import "$base_tar" tilework-base:bookworm >/dev/null 2>&1; then
    echo "   imported the cached $base_tar"
else
    [ -f "$base_tar" ] && echo "   the cached $base_tar does not import: making it again"
    rm -f "$base_tar"
    echo "   debootstrap --variant=minbase bookworm (its log: $tmp/debootstrap.log)"
    make_base
    docker import "$base_tar" tilework-base:bookworm >/dev/null || fail "docker import of $base_tar failed"
    echo "   made and imported $base_tar ($(( $(stat -c %s "$base_tar") / 1048576 )) MiB)"
fi

# --- The image -----------------------------------------------------------------------------------------
step "the Java runtime (jlink) and the build context"
context=$tmp/context
mkdir -p "$context/tilework/bin" "$context/tilework/app/target"
# The modules the jar uses (jdeps), and those its libraries reach by reflection or need at run time.
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps "$jar" 2>/dev/null | tail -n 1)
modules=$(printf '%s\n' "${modules//,/$'\n'}" java.logging java.management java.naming java.xml jdk.charsets \
    jdk.crypto.ec jdk.management jdk.unsupported jdk.zipfs | sort -u | paste -sd, -)
java_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$java_home/release")
runtime=$cache_dir/java-$java_version-$(printf '%s' "$modules" | sha256sum | cut -c1-12)
if [ ! -x "$runtime/bin/java" ] || ! "$runtime/bin/java" -version >/dev/null 2>&1; then
    rm -rf "$runtime" "$runtime.part"
    mkdir -p "$cache_dir"
    "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
        --compress=zip-6 --generate-cds-archive --output "$runtime.part" >"$tmp/jlink.log" 2>&1 \
        || { cat "$tmp/jlink.log" >&2; fail "jlink failed"; }
    mv "$runtime.part" "$runtime"
    echo "   jlink: Java $java_version with $modules ($(du -sm "$runtime" | cut -f1) MiB)"
else
    echo "   reused $runtime (Java $java_version with $modules)"
fi
cp -a "$runtime" "$context/java"
cp "$root/deploy/Dockerfile" "$context/"
cp "$root/bin/tilework" "$context/tilework/bin/"
cp "$jar" "$context/tilework/app/target/"
echo /opt/java > "$context/tilework/app/target/java-home"

step "docker build --network host (gdal-bin from the mirror)"
image=tilework:compose-test
docker build --network host --build-arg BASE=tilework-base:bookworm -t "$image" "$context" > "$tmp/build.log" 2>&1 \
    || { tail -n 30 "$tmp/build.log" >&2; fail "docker build failed (above)"; }
docker run --rm --network host "$image" --version | sed 's/^/   /'
docker image ls "$image" --format '   image {{.Repository}}:{{.Tag}}, {{.Size}}'

# --- The compose deployment ---------------------------------------------------------------------------
step "docker-compose: 1 coordinator (sales report, chart production) + 3 workers, host network"
shared=$tmp/shared
mkdir -p "$shared/inputs"
cp -r "$data/s57" "$shared/inputs/s57"
export TILEWORK_SHARED=$shared TILEWORK_IMAGE=$image TILEWORK_ROWS=$rows TILEWORK_CLUSTER=tilework-compose-$$
"${compose[@]}" up -d --no-build 2>&1 | sed 's/^/   /'
coordinator=$("${compose[@]}" ps -q coordinator)
exit_code=$(docker wait "$coordinator")
echo "   the coordinator exited with $exit_code; stopping the workers (SIGTERM: they drain and leave)"
"${compose[@]}" stop --timeout 60 2>&1 | sed 's/^/   /'
"${compose[@]}" logs --no-color > "$tmp/compose.log" 2>&1 || true
echo "   the members' logs ($tmp/compose.log; without the JVM's notes on sun.misc.Unsafe):"
grep -vE 'WARNING: (A terminally deprecated|sun\.misc\.Unsafe|Please consider reporting)' "$tmp/compose.log" | sed 's/^/   | /'
"${compose[@]}" down --timeout 30 2>&1 | sed 's/^/   /'
[ "$exit_code" = 0 ] || fail "the coordinator exited with $exit_code"
# The workers did the chunks: each one's "finished chunk" lines in its log.
chunks=0
for worker in worker-1 worker-2 worker-3; do
    { grep -E "^${worker}_[0-9]+ +\\| .*finished chunk" "$tmp/compose.log" || true; } > "$tmp/$worker.chunks"
    done_here=$(wc -l < "$tmp/$worker.chunks")
    kinds=$(sed -nE 's/.*finished chunk ([^@ ]+)@.*/\1/p' "$tmp/$worker.chunks" | sort | uniq -c \
        | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')
    echo "   $worker finished $done_here chunk(s)${kinds:+: $kinds}"
    chunks=$((chunks + done_here))
done
[ "$chunks" -gt 0 ] || fail "no worker finished a chunk: the jobs ran on the coordinator alone"
[ -z "$(docker network ls -q --filter driver=bridge)" ] || fail "a bridge network exists: none may be made"

# --- The embedded run on this machine, and the comparison --------------------------------------------
step "the same commands embedded on this machine"
embedded=$tmp/embedded
"$root/bin/tilework" sales report "$shared/inputs/transactions.csv" --out "$embedded/sales" --quiet
"$root/bin/tilework" charts produce "$shared/inputs/s57" --out "$embedded/charts" --quiet > /dev/null

step "comparing"
differences=0
# Sales report: every file byte-identical, and the same files.
(cd "$shared/out/sales" && find . -type f | sort) > "$tmp/files-cluster"
(cd "$embedded/sales" && find . -type f | sort) > "$tmp/files-embedded"
if ! diff -u "$tmp/files-embedded" "$tmp/files-cluster" > "$tmp/files.diff"; then
    echo "   sales report: the file lists differ:"; sed 's/^/     /' "$tmp/files.diff"; differences=$((differences + 1))
fi
while read -r file; do
    if [ -f "$shared/out/sales/$file" ] && cmp -s "$embedded/sales/$file" "$shared/out/sales/$file"; then
        echo "   sales report ${file#./}: byte-identical ($(stat -c %s "$embedded/sales/$file") bytes)"
    else
        echo "   sales report ${file#./}: DIFFERS"; differences=$((differences + 1))
    fi
done < "$tmp/files-embedded"
# Chart production, as the charts tests compare products: every tile's bytes by (zoom, column, row),
# and the GeoPackage's triangles and display points (fid, attributes, geometry) in order; then the
# summary's figures (all but the time per stage). GDAL reads them: the SQLite driver opens the
# MBTiles file under a .sqlite name, for its raw tiles table.
tiles() { # folder, name: the tiles in order, one digest
    ln -sf "$1/chart.mbtiles" "$tmp/tiles-$2.sqlite"
    ogrinfo -ro -q "$tmp/tiles-$2.sqlite" \
        -sql "SELECT zoom_level, tile_column, tile_row, hex(tile_data) AS data FROM tiles ORDER BY 1, 2, 3" \
        | grep -E '^\s+(zoom_level|tile_column|tile_row|data) ' | awk -v count="$tmp/tiles-$2.count" '{ print } /zoom_level/ { n++ } END { print n + 0 > count }' \
        | sha256sum | cut -d' ' -f1
}
geometry() { # folder, name: every feature of the two layers as GDAL prints them, one digest
    ogrinfo -ro -q "$1/chart.gpkg" triangles display_points | grep -vE '^(INFO|Layer name)' \
        \
        | awk -v count="$tmp/geometry-$2.count" '{ print } /^OGRFeature/ { n++ } END { print n + 0 > count }' | sha256sum | cut -d' ' -f1
}
summary() { sed '/"stageMillis"/,/}/d' "$1/summary.json"; }
compare() { # what, embedded, cluster, what was compared
    if [ -n "$2" ] && [ "$2" = "$3" ]; then
        echo "   chart production $1: equal ($4)"
    else
        echo "   chart production $1: DIFFERENT (embedded ${2:-nothing}, compose ${3:-nothing})"; differences=$((differences + 1))
    fi
}
compare "tiles" "$(tiles "$embedded/charts" embedded)" "$(tiles "$shared/out/charts" cluster)" \
    "$(cat "$tmp/tiles-embedded.count") tiles, every tile's bytes, sha256 of the dump"
compare "GeoPackage" "$(geometry "$embedded/charts" embedded)" "$(geometry "$shared/out/charts" cluster)" \
    "$(cat "$tmp/geometry-embedded.count") features of triangles and display_points: fid, attributes, geometry"
compare "summary.json" "$(summary "$embedded/charts" | sha256sum)" "$(summary "$shared/out/charts" | sha256sum)" \
    "cells, features, zooms, tiles, triangles, failures"

step "result"
if [ "$differences" -gt 0 ]; then
    TILEWORK_KEEP=1
    fail "$differences difference(s) between the compose deployment and the embedded run"
fi
echo "   the compose deployment's outputs equal the embedded run's"
