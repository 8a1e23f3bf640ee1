#!/usr/bin/env bash
# Makes the JVM's ahead-of-time cache for bin/tilework (JDK 25, JEP 483/514/515): app/target/tilework.aot,
# from a training run (io.tilework.app.AotTraining: --version, --help, info and raster slope on a small
# DEM, sales generate and report on 200,000 rows, in a temporary folder). With it, a short command starts in a fraction of the time: the classes it
# needs come already loaded and linked, and the JIT has the training's profiles. Run by `make build`
# after the jar is built; bin/tilework uses the cache only when it is newer than the jar, and works
# the same without it (only slower to start).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
jar="$root/app/target/tilework.jar"
aot="$root/app/target/tilework.aot"
[ -f "$jar" ] || { echo "aot-cache.sh: $jar is missing; build it first (make build)" >&2; exit 1; }
java_home=$("$root/scripts/java-home.sh")
rm -f "$aot" "$aot.config"
# The same JVM options as bin/tilework (a cache made with other options may not be usable), and the
# same path of the jar: the JVM checks both. Its notes about classes it leaves out are not errors.
log=$(mktemp)
if ! "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -Xmx768m -Xlog:aot*=error,cds*=error \
        -XX:AOTCacheOutput="$aot" -cp "$jar" io.tilework.app.AotTraining >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log" "$aot"
    echo "aot-cache.sh: the training run failed (above); bin/tilework works without the cache, only slower to start" >&2
    exit 1
fi
rm -f "$log"
echo "AOT cache: $aot ($(( $(stat -c %s "$aot") / 1048576 )) MiB)"
