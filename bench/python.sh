#!/usr/bin/env bash
# Python client benchmark (issue 28): `tilework serve` read by the Python client (clients/python) into
# NumPy, against GDAL's Python bindings (python3-gdal) and `gdaldem`, in one run that ends with ratios
# and PASS/FAIL against the issue's targets:
#   1. throughput, 512 x 512 tiles into NumPy over loopback from a warm server: MB/s (10^6 bytes of
#      array values per second) of `raster.iter_data` over every 512 x 512 window of a tiled GeoTIFF
#      (Byte, 3 bands; and Float32, 1 band; BENCH_SIZE x BENCH_SIZE, 512 x 512 tiles, uncompressed)
#      against `ReadAsArray(x, y, w, h)` of the same windows from the same file: ours >= 0.5 x GDAL's
#   2. slope of a BENCH_DEM_SIZE^2 Float32 DEM, tile by tile (512 x 512) into NumPy: cold (an empty
#      cache folder) `client.recipe("slope", dem, cache=...)` + `iter_data` of every tile <= 0.8 x
#      (`gdaldem slope -q DEM OUT -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512` + `ReadAsArray`
#      of every 512 x 512 tile of OUT); warm (the same cache, every tile in it) <= 0.2 x the same
#   3. memory: a client reading a BENCH_ORTHO_SIZE^2 Byte RGB orthophoto tile by tile (512) keeps the
#      server's RSS flat: the server's peak RSS (VmHWM of /proc/PID/status, a fresh server each read)
#      reading it is within 10 % of the peak reading one of half the side (a quarter of the pixels)
#
#   bench/python.sh [--repetitions N] [--throughput-repetitions N] [--warmups N]
#
# How it is timed: inside Python (Debian's /usr/bin/python3, which has NumPy and GDAL's bindings),
# time.perf_counter() around the reads, one Python process per measurement (imports not timed), the
# same program for both sides: the windows are the same list, every array is taken whole and dropped.
#   Target 1: GDAL's side is gdal.Open + ReadAsArray of each window; ours is client.open + iter_data
#   (one streaming request, the client's default read-ahead of 8 MiB). One server for target 1, warmed
#   by one full pass over each file (and GDAL's side by one pass: both files in the page cache, made
#   once and read by `cat` before); then --throughput-repetitions rounds (default 7), each GDAL then
#   ours for the Byte file, then for the Float32 file. The median MB/s of each are compared.
#   Target 2: each round runs gdaldem (wall time of the process) then reads its output in Python (the
#   read timed inside), then starts a fresh server, warms its JVM with one slope pass over the DEM of
#   half the side without a cache, and times the cold read (cache folder deleted first: every tile
#   computed and written to the cache) and then the warm one (the same server and cache: every tile
#   read back; the same server, as a user's would be).
#   The server's start is not timed: a user's server is already running. Neither side uses
#   -compute_edges (same edges: nodata). A first round is not counted (--warmups, default 1): its
#   server is not JVM-warmed, and its cold read is reported as "a fresh server's first read"
#   (informative); its outputs are checked once, not timed: windows of ours equal to gdaldem's
#   (corners, edges, middle; exact equality, nodata included). --repetitions rounds (default 3).
#   Target 3: a fresh server for each read (rounds: small, big, --repetitions times), its VmHWM after
#   the whole read; the max of each size's rounds are compared. The server's RSS at start is reported,
#   and (informative) the peak of one server reading the big one twice: whether it levels off. The
#   peak is the whole JVM's: its heap grows as G1 sizes it (up to -Xmx) when collections get costly,
#   which tiles held by a large read-ahead make them (they are copied at each one): at the client's
#   default of 8 MiB it stays flat; with 64 MiB it grew from 556 to 749 MiB between the two sizes.
# The server: `bin/tilework serve --data-root bench/work/python/data --port 0` (a free port, read from
# its first line), bin/tilework's default JVM options (-Xmx768m; TILEWORK_JAVA_OPTS replaces them;
# the report gives both), stopped by its pid after each use and on any exit (trap). Its CPU time
# during each read (/proc/PID/stat) is reported beside the figures.
# Why these are not whole-process timings paired by a process timer: the server lives across the
# reads (its start and JIT warm-up are not what targets 1 and 2 measure) and the figure is a stream's
# throughput inside a Python process, so a whole-process time would mostly measure imports and
# starts; the pairing is done here instead, by interleaving both sides in every round.
#
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), app/target/tilework.jar (make
# build), GDAL's command-line tools, /usr/bin/python3 with numpy and osgeo.gdal (Debian's
# python3-numpy, python3-gdal). BENCH_SIZE (default 8192) sets target 1's rasters, BENCH_DEM_SIZE
# (default 16384) target 2's DEM, BENCH_ORTHO_SIZE (default 20000) target 3's big orthophoto;
# BENCH_REPETITIONS, BENCH_THROUGHPUT_REPETITIONS and BENCH_WARMUPS are the options' defaults;
# TILEWORK_TEST_DATA names the shared data folder (default ../shared/data). The rasters are made once
# under bench/work/ (git-ignored; the DEMs are bench/raster-slope.sh's: the same names, made the same
# way) and hard-linked into the data root (the server takes no link out of it); all are uncompressed
# GeoTIFFs of 512 x 512 tiles: 1 GiB for the 16384 DEM, 1.2 GB for the 20000 orthophoto (Byte RGB,
# bilinear up-sampling of the shared RGB.byte.tif). Outputs and caches go to bench/work/python/; the
# report to the terminal and to bench/work/python.txt. With the defaults the run takes about 3.5
# minutes on 2 cores (the first run 1 more, to make the rasters) and about 5 GiB of disk; run it on
# an idle machine.
set -euo pipefail
shopt -s inherit_errexit   # a failure inside $(...) fails its caller too

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the repository root, wherever this is called from

fail() {
    echo "python.sh: $*" >&2
    exit 1
}

started=$SECONDS

whole() { # whole NAME VALUE MINIMUM: VALUE, checked to be a whole number >= MINIMUM
    [[ $2 =~ ^[0-9]+$ ]] && (( $2 >= $3 )) || fail "$1 must be a whole number of at least $3, not '$2'"
    echo "$2"
}
size=$(whole BENCH_SIZE "${BENCH_SIZE:-8192}" 512)
dem_size=$(whole BENCH_DEM_SIZE "${BENCH_DEM_SIZE:-16384}" 1024)
ortho_size=$(whole BENCH_ORTHO_SIZE "${BENCH_ORTHO_SIZE:-20000}" 1024)
half_dem=$(( dem_size / 2 ))
half_ortho=$(( ortho_size / 2 ))
repetitions=${BENCH_REPETITIONS:-3}
throughput_repetitions=${BENCH_THROUGHPUT_REPETITIONS:-7}
warmups=${BENCH_WARMUPS:-1}
while (( $# > 0 )); do
    case $1 in
        --repetitions) (( $# >= 2 )) || fail "--repetitions needs a number"; repetitions=$2; shift 2 ;;
        --throughput-repetitions) (( $# >= 2 )) || fail "--throughput-repetitions needs a number"; throughput_repetitions=$2; shift 2 ;;
        --warmups) (( $# >= 2 )) || fail "--warmups needs a number"; warmups=$2; shift 2 ;;
        *) fail "unknown argument '$1'; usage: bench/python.sh [--repetitions N] [--throughput-repetitions N] [--warmups N]" ;;
    esac
done
repetitions=$(whole --repetitions "$repetitions" 1)
throughput_repetitions=$(whole --throughput-repetitions "$throughput_repetitions" 1)
warmups=$(whole --warmups "$warmups" 0)

# A JDK 25 or newer: $JAVA_HOME when it is one, else the newest installed (scripts/java-home.sh says what to do otherwise)
java_home=$(scripts/java-home.sh) || exit 1
java="$java_home/bin/java"
export JAVA_HOME=$java_home   # bin/tilework finds the same JDK

app_jar=app/target/tilework.jar
[[ -f $app_jar ]] || fail "$app_jar is missing; build it first: make build"
stamp_at_start=$(stat -c %y "$app_jar")
for tool in gdal_translate gdalinfo gdaldem; do
    command -v "$tool" >/dev/null || fail "$tool is not on the PATH (install gdal-bin)"
done
python=/usr/bin/python3   # Debian's: numpy and GDAL's bindings (another python3 first on the PATH may have neither)
"$python" -c 'import numpy; from osgeo import gdal' 2>/dev/null \
    || fail "$python cannot import numpy and osgeo.gdal: apt-get install python3-numpy python3-gdal"

work=bench/work/python
data=$work/data
mkdir -p "$work" "$data"
report=bench/work/python.txt
shared=${TILEWORK_TEST_DATA:-../shared/data}/raster

# make_raster KIND N: bench/work/KIND-N.tif (dem-float32: bench/raster-slope.sh's DEM; rgb-byte: an
# orthophoto), N x N, uncompressed, 512 x 512 tiles, made once; linked into the data root. Prints its name.
make_raster() {
    local kind=$1 n=$2 file=bench/work/$1-$2.tif source options=()
    case $kind in
        dem-float32) source=$shared/srtm_bigtujunga30m_utm11.tif; options=(-ot Float32) ;;
        rgb-byte) source=$shared/RGB.byte.tif ;;
    esac
    if [[ ! -f $file ]]; then
        [[ -f $source ]] || fail "source raster $source is missing (set TILEWORK_TEST_DATA to the shared data folder)"
        echo "Generating $file ($n x $n, uncompressed, 512 x 512 tiles) from $source ..." >&2
        # Bilinear up-sampling of a real raster: smooth, non-constant values. Made under a temporary
        # name first so that an interrupted run leaves no half-made raster.
        gdal_translate -q "${options[@]}" -outsize "$n" "$n" -r bilinear \
            -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 "$source" "$file.partial.tif"
        mv "$file.partial.tif" "$file"
    fi
    # a second name inside the data root (the server takes no link out of it); a copy across file systems
    ln -f "$file" "$data/" 2>/dev/null || cp "$file" "$data/"
    echo "$kind-$n.tif"
}

rgb=$(make_raster rgb-byte "$size")
f32=$(make_raster dem-float32 "$size")
dem=$(make_raster dem-float32 "$dem_size")
dem_half=$(make_raster dem-float32 "$half_dem")
ortho=$(make_raster rgb-byte "$ortho_size")
ortho_half=$(make_raster rgb-byte "$half_ortho")

# The Python side of every measurement; prints one line of NAME=VALUE.
#   gdal-read FILE                      gdal.Open + ReadAsArray of every 512 window
#   tw-read URL PATH                    client.open + iter_data of every 512 window
#   tw-slope URL DEM CACHE|-            client.recipe("slope", ...) + iter_data of every 512 window
#   check-slope URL DEM CACHE OUT       windows of the recipe against gdaldem's OUT, not timed
read -r -d '' py_program <<'PY' || true
import sys, time

import numpy as np

TILE = 512


def windows(width, height):
    return [(x, y, min(TILE, width - x), min(TILE, height - y))
            for y in range(0, height, TILE) for x in range(0, width, TILE)]


def emit(start, cpu_start, total, count):
    seconds = time.perf_counter() - start
    print(f"seconds={seconds:.4f} bytes={total} windows={count} mbps={total / seconds / 1e6:.1f} "
          f"cpu={time.process_time() - cpu_start:.2f}")


mode, args = sys.argv[1], sys.argv[2:]
if mode == "gdal-read":
    from osgeo import gdal
    gdal.UseExceptions()
    start, cpu_start = time.perf_counter(), time.process_time()
    dataset = gdal.Open(args[0])
    total = count = 0
    for x, y, w, h in windows(dataset.RasterXSize, dataset.RasterYSize):
        total += dataset.ReadAsArray(x, y, w, h).nbytes
        count += 1
    emit(start, cpu_start, total, count)
elif mode in ("tw-read", "tw-slope"):
    import tilework
    client = tilework.connect(args[0])
    if mode == "tw-read":
        start, cpu_start = time.perf_counter(), time.process_time()
        raster = client.open(args[1])
    else:
        dem = client.open(args[1])
        start, cpu_start = time.perf_counter(), time.process_time()
        raster = client.recipe("slope", dem, cache=None if args[2] == "-" else args[2])
    total = count = 0
    for array in raster.iter_data(windows(raster.width, raster.height)):
        total += array.nbytes
        count += 1
    emit(start, cpu_start, total, count)
elif mode == "check-slope":
    import tilework
    from osgeo import gdal
    gdal.UseExceptions()
    client = tilework.connect(args[0])
    slope = client.recipe("slope", client.open(args[1]), cache=args[2])
    out = gdal.Open(args[3])
    tiles = windows(slope.width, slope.height)
    across = (slope.width + TILE - 1) // TILE
    picked = sorted({0, across - 1, across // 2, len(tiles) // 2 + across // 2, len(tiles) - across,
                     len(tiles) - 1, len(tiles) - across // 2 - 1, (len(tiles) // across // 2) * across})
    equal, worst = 0, 0.0
    for index, ours in zip(picked, slope.iter_data([tiles[i] for i in picked], bands=1)):
        theirs = out.ReadAsArray(*tiles[index])
        if ours.dtype == theirs.dtype and np.array_equal(ours, theirs, equal_nan=True):
            equal += 1
        else:
            worst = max(worst, float(np.nanmax(np.abs(ours.astype("f8") - theirs.astype("f8")))))
    nodata = out.GetRasterBand(1).GetNoDataValue()
    print(f"windows={len(picked)} equal={equal} max_difference={worst:g} dtype={slope.dtype} "
          f"nodata_ours={slope.nodata[0]} nodata_gdaldem={nodata} indices={','.join(map(str, picked))}")
else:
    sys.exit(f"unknown mode {mode}")
PY
last=$work/last.out
# py MODE ARGS...: runs the Python side; its line in $last (and on stdout)
py() {
    if ! PYTHONPATH=clients/python "$python" -c "$py_program" "$@" >"$last" 2>"$work/last.err"; then
        cat "$last" "$work/last.err" >&2
        fail "python $1 failed: ${*:2}"
    fi
    tail -n 1 "$last"
}
field() { sed -nE "s/.*(^| )$1=([^ ]*).*/\2/p" <<<"$2"; } # field NAME LINE: the value of NAME=VALUE
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -n 1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
pass() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
clock_ticks=$(getconf CLK_TCK)

# The server: one at a time, $server_pid at $base; stopped on any exit.
server_pid=""
base=""
servers=0
stop_server() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
# start_server: a fresh `tilework serve` on a free port; waits until it listens
start_server() {
    stop_server
    servers=$(( servers + 1 ))
    local log=$work/serve-$servers i
    bin/tilework serve --data-root "$data" --port 0 >"$log.out" 2>"$log.err" &
    server_pid=$!
    for (( i = 0; i < 600; i++ )); do
        kill -0 "$server_pid" 2>/dev/null || fail "the server ended: $(tail -n 3 "$log.err")"
        grep -q "^Tilework console: " "$log.out" && break
        sleep 0.1
    done
    base=$(sed -nE 's|^Tilework console: (http://[^/ ]+)/.*|\1|p' "$log.out" | head -n 1)
    [[ -n $base ]] || fail "the server did not say where it listens within 60 s: $(head -n 3 "$log.out" "$log.err")"
}
server_cpu() { awk -v t="$clock_ticks" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$server_pid/stat"; } # user + system s
server_kib() { awk -v k="$1" '$1 == k ":" { print $2 }' "/proc/$server_pid/status"; } # server_kib VmHWM|VmRSS

# served MODE ARGS...: the Python side against the server; prints its line plus server_cpu=S (during it)
served() {
    local before line
    before=$(server_cpu)
    line=$(py "$@")
    echo "$line server_cpu=$(calc %.2f "$(server_cpu) - $before")"
}

declare -A samples   # KIND -> space-separated values in run order
add() { samples[$1]+="$2 "; }

main() {
    trap stop_server EXIT
    trap 'exit 130' INT TERM
    echo "# Python client benchmark: tilework serve + clients/python against python3-gdal and gdaldem"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ); load average at the start $(load)"
    echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(nproc) cores; $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "- OS: $(uname -sr) ($(uname -m)); Python $("$python" -c 'import platform, numpy; from osgeo import gdal; print(platform.python_version(), "(" + "'"$python"'" + "), NumPy", numpy.__version__ + ", GDAL bindings", gdal.__version__)')"
    echo "- Java: $("$java" -version 2>&1 | sed -n '3p')"
    echo "- Tilework: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -n $(git status --porcelain -- engine/src gdal/src raster/src server/src app/src clients/python/tilework 2>/dev/null) ]] && echo ' plus uncommitted changes'); jar $(stat -c %y "$app_jar" | cut -c1-19)"
    local jvm_written jvm_here xmx
    jvm_written=$(sed -n 's/^exec .*\/bin\/java" \(.*\) -jar .*/\1/p' bin/tilework | head -n 1)
    jvm_here=$(eval "echo $jvm_written")
    xmx=$(grep -o -e '-Xmx[^ ]*' <<<"$jvm_here" | tail -n 1 || true)
    echo "- JVM of bin/tilework serve: options \`$jvm_written\`, here \`$jvm_here\` (TILEWORK_JAVA_OPTS $([[ -v TILEWORK_JAVA_OPTS ]] && echo "='$TILEWORK_JAVA_OPTS'" || echo unset)); max heap $([[ -n $xmx ]] && echo "$xmx" || echo 'the JVM default')"
    echo "- GDAL: $(gdalinfo --version); GDAL_CACHEMAX ${GDAL_CACHEMAX:-unset}; the server: \`bin/tilework serve --data-root $data --port 0\`"
    local file info
    for file in "$rgb" "$f32" "$dem" "$dem_half" "$ortho" "$ortho_half"; do
        info=$(gdalinfo "$data/$file")
        echo "- Raster $data/$file: $(sed -n 's/^Size is \(.*\), \(.*\)/\1 x \2/p' <<<"$info"), $(grep -c '^Band ' <<<"$info") band(s) of $(sed -n 's/^Band 1 .*Type=\([A-Za-z0-9]*\).*/\1/p' <<<"$info"), blocks $(sed -n 's/^Band 1 Block=\([0-9]*x[0-9]*\).*/\1/p' <<<"$info"), $(sed -n 's/^ *COMPRESSION=//p' <<<"$info" | head -n 1 | grep . || echo uncompressed), $(calc %.1f "$(stat -c %s "$data/$file") / 1048576") MiB"
    done
    echo
    for file in "$rgb" "$f32" "$dem" "$dem_half"; do cat "$data/$file" >/dev/null; done   # in the page cache

    # ---- 1. Throughput -------------------------------------------------------------------------
    echo "1. Throughput: a server, warmed by one pass over each file ..." >&2
    local load1 i line kind path
    load1=$(load)
    start_server
    local idle_kib
    idle_kib=$(server_kib VmRSS)
    for path in "$rgb" "$f32"; do
        py gdal-read "$data/$path" >/dev/null
        served tw-read "$base" "$path" >/dev/null
    done
    for (( i = 1; i <= throughput_repetitions; i++ )); do
        echo "   round $i of $throughput_repetitions" >&2
        for kind in rgb f32; do
            [[ $kind == rgb ]] && path=$rgb || path=$f32
            line=$(py gdal-read "$data/$path")
            add "gdal_$kind" "$(field mbps "$line")"
            line=$(served tw-read "$base" "$path")
            add "tw_$kind" "$(field mbps "$line")"
            add "tw_${kind}_cpu" "$(field cpu "$line")"
            add "tw_${kind}_server_cpu" "$(field server_cpu "$line")"
            add "tw_${kind}_seconds" "$(field seconds "$line")"
            add "pair_$kind" "$(calc %.3f "$(field mbps "$line") / $(echo "${samples[gdal_$kind]}" | awk '{ print $NF }')")"
        done
    done
    local hwm1
    hwm1=$(server_kib VmHWM)
    stop_server

    # ---- 2. Slope ------------------------------------------------------------------------------
    local load2 cache=slope-cache out=$work/gdaldem-slope.tif check="" first_cold="" first_warm="" t0 g r
    load2=$(load)
    local rounds=$(( warmups + repetitions )) counted
    (( warmups > 0 )) || rounds=$(( repetitions + 1 ))   # the check needs a round; its figures are then not counted either
    for (( i = 1; i <= rounds; i++ )); do
        counted=$(( i > rounds - repetitions ))
        echo "2. Slope, round $i of $rounds$( (( counted )) || echo ' (not counted; a fresh server'"'"'s first read, and the check)') ..." >&2
        rm -f "$out"
        t0=$(now_ns)
        gdaldem slope -q "$data/$dem" "$out" -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 >"$work/gdaldem.out" 2>&1 \
            || { cat "$work/gdaldem.out" >&2; fail "gdaldem slope failed"; }
        g=$(calc %.3f "($(now_ns) - $t0) / 1e9")
        line=$(py gdal-read "$out")
        r=$(field seconds "$line")
        start_server
        if (( counted )); then
            served tw-slope "$base" "$dem_half" - >/dev/null   # the JVM warmed by one slope pass, without a cache
        fi
        rm -rf "${data:?}/$cache"
        local cold warm
        cold=$(served tw-slope "$base" "$dem" "$cache")
        warm=$(served tw-slope "$base" "$dem" "$cache")
        if (( counted )); then
            add gdaldem "$g"
            add gdal_read "$r"
            add rival "$(calc %.3f "$g + $r")"
            add cold "$(field seconds "$cold")"
            add warm "$(field seconds "$warm")"
            add cold_server_cpu "$(field server_cpu "$cold")"
            add warm_server_cpu "$(field server_cpu "$warm")"
            add cold_cpu "$(field cpu "$cold")"
            add warm_cpu "$(field cpu "$warm")"
            add pair_cold "$(calc %.3f "$(field seconds "$cold") / ($g + $r)")"
            add pair_warm "$(calc %.3f "$(field seconds "$warm") / ($g + $r)")"
        else
            first_cold=$(field seconds "$cold")
            first_warm=$(field seconds "$warm")
            check=$(py check-slope "$base" "$dem" "$cache" "$out")
        fi
        stop_server
    done
    local tiles_mib
    tiles_mib=$(du -sm "$data/$cache" | cut -f1)

    # ---- 3. Memory -----------------------------------------------------------------------------
    local load3
    load3=$(load)
    cat "$data/$ortho" "$data/$ortho_half" >/dev/null
    for (( i = 1; i <= repetitions; i++ )); do
        for kind in half full; do
            [[ $kind == half ]] && path=$ortho_half || path=$ortho
            echo "3. Memory, round $i of $repetitions: $path ..." >&2
            start_server
            add "idle_$kind" "$(server_kib VmRSS)"
            line=$(served tw-read "$base" "$path")
            add "hwm_$kind" "$(server_kib VmHWM)"
            add "mem_mbps_$kind" "$(field mbps "$line")"
            add "mem_server_cpu_$kind" "$(field server_cpu "$line")"
            stop_server
        done
    done

    # Informative: does the peak keep growing with the bytes read, or level off? The big one twice, one server.
    echo "3. Memory: $ortho read twice by one server (informative) ..." >&2
    start_server
    local twice_1 twice_2
    served tw-read "$base" "$ortho" >/dev/null
    twice_1=$(server_kib VmHWM)
    served tw-read "$base" "$ortho" >/dev/null
    twice_2=$(server_kib VmHWM)
    stop_server

    # ---- Report --------------------------------------------------------------------------------
    local mib="/ 1024"
    echo "## 1. Throughput, $size x $size, 512 x 512 windows into NumPy (MB/s, 10^6 bytes of values per second; load $load1)"
    echo
    echo "| raster | GDAL ReadAsArray, median (all) | tilework iter_data, median (all) | paired ratios | ours: client CPU s, server CPU s, wall s (medians) |"
    echo "|---|---|---|---|---|"
    for kind in rgb f32; do
        echo "| $([[ $kind == rgb ]] && echo "Byte, 3 bands ($rgb)" || echo "Float32, 1 band ($f32)") | $(median "${samples[gdal_$kind]}") (${samples[gdal_$kind]% }) | $(median "${samples[tw_$kind]}") (${samples[tw_$kind]% }) | ${samples[pair_$kind]% } | $(median "${samples[tw_${kind}_cpu]}"), $(median "${samples[tw_${kind}_server_cpu]}"), $(median "${samples[tw_${kind}_seconds]}") |"
    done
    echo
    echo "Server: RSS $(calc %.0f "$idle_kib $mib") MiB at start, peak $(calc %.0f "$hwm1 $mib") MiB after these reads."
    echo
    echo "## 2. Slope of the $dem_size x $dem_size DEM, 512 x 512 tiles into NumPy (seconds; load $load2)"
    echo
    echo "| run | median | all |"
    echo "|---|---:|---|"
    echo "| gdaldem slope (process wall) | $(median "${samples[gdaldem]}") | ${samples[gdaldem]% } |"
    echo "| + ReadAsArray of every tile of its output | $(median "${samples[gdal_read]}") | ${samples[gdal_read]% } |"
    echo "| rival: the sum | $(median "${samples[rival]}") | ${samples[rival]% } |"
    echo "| tilework cold: recipe + iter_data, empty cache, JVM-warmed server | $(median "${samples[cold]}") | ${samples[cold]% } |"
    echo "| tilework warm: the same server and cache, every tile cached | $(median "${samples[warm]}") | ${samples[warm]% } |"
    echo
    echo "- Paired ratios (round by round): cold ${samples[pair_cold]% }; warm ${samples[pair_warm]% }"
    echo "- CPU s, medians: cold: server $(median "${samples[cold_server_cpu]}"), client $(median "${samples[cold_cpu]}"); warm: server $(median "${samples[warm_server_cpu]}"), client $(median "${samples[warm_cpu]}")"
    echo "- (informative, not counted) a fresh server's first read, JVM not warmed: cold $first_cold s, then warm $first_warm s"
    echo "- Cache: $tiles_mib MiB in $data/$cache"
    local check_ok=no
    [[ -n $check && $(field windows "$check") == "$(field equal "$check")" && $(field windows "$check") -gt 0 ]] && check_ok=yes
    echo "- Check (once, not timed): windows of ours against gdaldem's output (neither with -compute_edges): $check -> $([[ $check_ok == yes ]] && echo 'all equal: OK' || echo 'DIFFER: FAIL')"
    echo
    echo "## 3. Server memory reading an orthophoto, 512 x 512 tiles, a fresh server each read (MiB; load $load3)"
    echo
    echo "| raster | peak RSS (VmHWM), max (all) | RSS at start (all) | MB/s (all) | server CPU s (all) |"
    echo "|---|---|---|---|---|"
    local all v
    for kind in half full; do
        all=""; for v in ${samples[hwm_$kind]}; do all+="$(calc %.0f "$v $mib") "; done
        local idle=""; for v in ${samples[idle_$kind]}; do idle+="$(calc %.0f "$v $mib") "; done
        echo "| $([[ $kind == half ]] && echo "$half_ortho x $half_ortho ($ortho_half)" || echo "$ortho_size x $ortho_size ($ortho)") | $(calc %.0f "$(maximum "${samples[hwm_$kind]}") $mib") (${all% }) | ${idle% } | ${samples[mem_mbps_$kind]% } | ${samples[mem_server_cpu_$kind]% } |"
    done
    echo
    echo "- (informative) $ortho read twice by one server: peak RSS $(calc %.0f "$twice_1 $mib") MiB after the first read, $(calc %.0f "$twice_2 $mib") MiB after the second"
    echo

    local r_rgb r_f32 r_cold r_warm r_mem t1 t2 t3 t4 verdict=0
    r_rgb=$(calc %.3f "$(median "${samples[tw_rgb]}") / $(median "${samples[gdal_rgb]}")")
    r_f32=$(calc %.3f "$(median "${samples[tw_f32]}") / $(median "${samples[gdal_f32]}")")
    r_cold=$(calc %.3f "$(median "${samples[cold]}") / $(median "${samples[rival]}")")
    r_warm=$(calc %.3f "$(median "${samples[warm]}") / $(median "${samples[rival]}")")
    r_mem=$(calc %.3f "$(maximum "${samples[hwm_full]}") / $(maximum "${samples[hwm_half]}")")
    t1=$(pass "$r_rgb >= 0.5 && $r_f32 >= 0.5")
    t2=$(pass "$r_cold <= 0.8")
    t3=$(pass "$r_warm <= 0.2")
    t4=$(pass "$r_mem <= 1.1 && $r_mem >= 1 / 1.1")
    [[ $check_ok == yes ]] || t2=FAIL
    [[ "$t1$t2$t3$t4" == PASSPASSPASSPASS ]] || verdict=1
    echo "## Targets (ratios of medians)"
    echo
    echo "- 1. throughput, tilework / GDAL: Byte RGB $r_rgb ($(median "${samples[tw_rgb]}") / $(median "${samples[gdal_rgb]}") MB/s), Float32 $r_f32 ($(median "${samples[tw_f32]}") / $(median "${samples[gdal_f32]}") MB/s), target >= 0.5 for both: $t1"
    echo "- 2. slope cold, tilework / (gdaldem + ReadAsArray) = $r_cold ($(median "${samples[cold]}") / $(median "${samples[rival]}") s), target <= 0.8: $t2"
    echo "- 2. slope warm (same server, every tile cached) = $r_warm ($(median "${samples[warm]}") / $(median "${samples[rival]}") s), target <= 0.2: $t3"
    echo "- 3. server peak RSS, $ortho_size^2 / $half_ortho^2 = $r_mem ($(calc %.0f "$(maximum "${samples[hwm_full]}") $mib") / $(calc %.0f "$(maximum "${samples[hwm_half]}") $mib") MiB), target within 10 %: $t4"
    echo
    echo "- Load average at the end $(load); whole script $(( SECONDS - started )) s wall; $servers server(s) started"
    if [[ $(stat -c %y "$app_jar") != "$stamp_at_start" ]]; then
        verdict=1
        echo "- WARNING: $app_jar was rebuilt during the run: the figures mix versions; run again (FAIL)"
    fi
    echo
    if (( verdict == 0 )); then
        echo "**All targets met.**"
    else
        echo "**At least one target is missed** (FAIL above)."
    fi
    return "$verdict"
}

main | tee "$report"
