#!/usr/bin/env bash
# Raster slope benchmark: `tilework raster slope` against `gdaldem slope` on a big Float32 DEM, as
# users run them, in one run that ends with ratios and PASS/FAIL against the issue's targets:
#   1. tilework cold (empty --cache DIR) <= 0.6 x gdaldem's wall time, same file, same machine
#   2. tilework warm (every tile in the cache, and the output the first run kept there) <= 0.1 x
#      gdaldem's wall time
#   3. tilework's peak RSS <= 1 GiB: cold and warm at the main size, cold at half the size (memory
#      does not grow with the raster)
#   4. latency of one get of a cached 512 x 512 tile: median < 10 ms
#
#   bench/raster-slope.sh [--repetitions N] [--warmups N]
#
# Main comparison (targets 1 to 3 and the correctness checks): both tools with their default
# compression, none, and the same tiling: `gdaldem slope -q DEM OUT -co TILED=YES -co BLOCKXSIZE=512
# -co BLOCKYSIZE=512` against `bin/tilework raster slope DEM OUT --cache DIR --quiet` (its default:
# an uncompressed GeoTIFF of 512 x 512 tiles). Each round runs gdaldem, tilework cold, tilework warm
# (same cache: the output kept by the cold run is linked in), tilework warm from tiles only (the
# kept outputs deleted first, so every tile is read back and the file written; informative), a
# plain `cp` of gdaldem's output (what writing such a file costs here at all; informative) and
# tilework without --cache (informative), interleaved so that drift hits all
# alike; the first --warmups rounds (default 1) are not counted and bring the input into the page
# cache for both (the page cache is not dropped: that needs root). Medians of --repetitions rounds
# (default 3) are compared. Outputs are checked once to be equal (checksum, gdalcompare.py when
# present) and both uncompressed with 512 x 512 blocks; not timed.
# Secondary, informative (no PASS/FAIL): DEFLATE output, gdaldem with -co COMPRESS=DEFLATE and the
# tiling options against tilework cold and warm with -co COMPRESS=DEFLATE (own cache), run once, in
# the first measured round. The latency (target 4) is measured over the main comparison's warm cache.
#
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), the jars built
# (make build: app/target/tilework.jar and
# bench/target/tilework-bench.jar), GDAL's command-line tools and /usr/bin/time (GNU time).
# BENCH_SIZE (default 16384) sets the main DEM's width and height, the second DEM (for memory)
# is half of it; BENCH_REPETITIONS and BENCH_WARMUPS are the defaults of the options;
# TILEWORK_TEST_DATA names the shared data folder (default ../shared/data); TILEWORK_JAVA_OPTS, when
# set, replaces bin/tilework's default JVM heap option (the report gives both). The DEMs (uncompressed, so reading costs both sides
# little: 1 GiB at 16384) are made once under bench/work/ (git-ignored), caches and outputs go to
# bench/work/slope/; the report goes to the terminal and to bench/work/raster-slope.txt. At 16384
# the whole run takes about 7 minutes on 2 cores and needs about 7 GiB of disk (DEMs, the main
# cache, four uncompressed outputs of 1 GiB; kept for inspection; the DEFLATE cache is deleted).
# Run it on an idle machine, and do not rebuild the jars meanwhile (a rebuild during the run is
# reported as FAIL).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the repository root, wherever this is called from

fail() {
    echo "raster-slope.sh: $*" >&2
    exit 1
}

started=$SECONDS

size=${BENCH_SIZE:-16384}
[[ $size =~ ^[1-9][0-9]*$ ]] || fail "BENCH_SIZE must be a positive whole number of pixels, not '$size'"
(( size >= 64 )) || fail "BENCH_SIZE must be at least 64, not $size"
small=$(( size / 2 ))
repetitions=${BENCH_REPETITIONS:-3}
warmups=${BENCH_WARMUPS:-1}
while (( $# > 0 )); do
    case $1 in
        --repetitions) (( $# >= 2 )) || fail "--repetitions needs a number"; repetitions=$2; shift 2 ;;
        --warmups) (( $# >= 2 )) || fail "--warmups needs a number"; warmups=$2; shift 2 ;;
        *) fail "unknown argument '$1'; usage: bench/raster-slope.sh [--repetitions N] [--warmups N]" ;;
    esac
done
[[ $repetitions =~ ^[1-9][0-9]*$ ]] || fail "--repetitions must be a positive whole number, not '$repetitions'"
[[ $warmups =~ ^[0-9]+$ ]] || fail "--warmups must be a whole number, not '$warmups'"

# A JDK 25 or newer: $JAVA_HOME when it is one, else the newest installed (scripts/java-home.sh says what to do otherwise)
java_home=$(scripts/java-home.sh) || exit 1
java="$java_home/bin/java"
export JAVA_HOME=$java_home   # bin/tilework finds the same JDK

app_jar=app/target/tilework.jar
bench_jar=bench/target/tilework-bench.jar
for jar in "$app_jar" "$bench_jar"; do
    [[ -f $jar ]] || fail "$jar is missing; build it first: make build"
done
# The jars' times: a rebuild during the run (someone else's `mvn install`) is reported at the end.
jar_stamps() { stat -c '%n %y' "$app_jar" "$bench_jar"; }
stamps_at_start=$(jar_stamps)
for tool in gdal_translate gdalinfo gdaldem; do
    command -v "$tool" >/dev/null || fail "$tool is not on the PATH (install gdal-bin)"
done
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"

work=bench/work/slope
mkdir -p bench/work "$work"
report=bench/work/raster-slope.txt

source=${TILEWORK_TEST_DATA:-../shared/data}/raster/srtm_bigtujunga30m_utm11.tif

# The DEM of $1 x $1 pixels: bench/work/dem-float32-N.tif, made once.
make_dem() {
    local n=$1 dem=bench/work/dem-float32-$1.tif
    if [[ ! -f $dem ]]; then
        [[ -f $source ]] || fail "source DEM $source is missing (set TILEWORK_TEST_DATA to the shared data folder)"
        echo "Generating $dem ($n x $n Float32, uncompressed, 512 x 512 tiles) from $source ..." >&2
        # Bilinear up-sampling of a real DEM: smooth, non-constant terrain. Uncompressed, so that
        # decoding the input costs neither side much. Made under a temporary name first so that an
        # interrupted run leaves no half-made raster.
        gdal_translate -q -ot Float32 -outsize "$n" "$n" -r bilinear \
            -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 \
            "$source" "$dem.partial.tif"
        mv "$dem.partial.tif" "$dem"
    fi
    echo "$dem"
}

dem=$(make_dem "$size")
dem_small=$(make_dem "$small")

# gdaldem's default output is striped and uncompressed: tiled like tilework's (--tile 512, its default).
tiled=(-co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512)
deflate=(-co COMPRESS=DEFLATE)

# Samples of each kind of run: wall ms, peak RSS KiB, CPU s (user + sys), space-separated in run order.
declare -A wall rss cpu
last_out=$work/last.out

# timed KIND COMMAND...: runs COMMAND, adds its wall time, peak RSS and CPU time to KIND's samples
# when COUNT is set (measured rounds), and leaves its stdout in $last_out.
timed() {
    local kind=$1
    shift
    local times=$work/time.out start end peak user sys
    start=$(date +%s%N)
    if ! /usr/bin/time -f '%M %U %S' -o "$times" "$@" >"$last_out" 2>"$work/last.err"; then
        cat "$last_out" "$work/last.err" >&2
        fail "$kind failed: $*"
    fi
    end=$(date +%s%N)
    read -r peak user sys < <(tail -n 1 "$times")
    if [[ ${COUNT:-} == yes ]]; then
        wall[$kind]+="$(( (end - start) / 1000000 )) "
        rss[$kind]+="$peak "
        cpu[$kind]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') "
    fi
}

median() { # of space-separated numbers
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
minimum() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -n 1; }
maximum() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -n 1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

tw=(bin/tilework raster slope)
cache=$work/cache-$size
cache_deflate=$work/cache-deflate-$size

# One round of the main comparison, both tools' default (no) compression: gdaldem, tilework cold,
# warm, without cache. With DEFLATE=yes, then the DEFLATE comparison (gdaldem, tilework cold, warm).
round() {
    rm -f "$work"/*.tif
    timed gdaldem gdaldem slope -q "$dem" "$work/gdaldem.tif" "${tiled[@]}"
    rm -rf "$cache"
    timed cold "${tw[@]}" "$dem" "$work/tilework-cold.tif" --cache "$cache" --quiet
    cold_out=$(cat "$last_out")
    timed warm "${tw[@]}" "$dem" "$work/tilework-warm.tif" --cache "$cache" --quiet
    warm_out=$(cat "$last_out")
    # The same cache without its kept outputs: every tile read back and the file written again.
    rm -rf "$cache/outputs"
    timed warm_tiles "${tw[@]}" "$dem" "$work/tilework-warm-tiles.tif" --cache "$cache" --quiet
    warm_tiles_out=$(cat "$last_out")
    # What writing the output file costs at all on this machine: a plain copy of gdaldem's output.
    timed copy cp "$work/gdaldem.tif" "$work/copy.tif"
    timed nocache "${tw[@]}" "$dem" "$work/tilework-nocache.tif" --quiet
    if [[ ${DEFLATE:-} == yes ]]; then
        timed gdaldem_deflate gdaldem slope -q "$dem" "$work/gdaldem-deflate.tif" "${tiled[@]}" "${deflate[@]}"
        rm -rf "$cache_deflate"
        timed cold_deflate "${tw[@]}" "$dem" "$work/tilework-cold-deflate.tif" --cache "$cache_deflate" --quiet "${deflate[@]}"
        timed warm_deflate "${tw[@]}" "$dem" "$work/tilework-warm-deflate.tif" --cache "$cache_deflate" --quiet "${deflate[@]}"
        rm -rf "$cache_deflate"   # the same tiles as $cache: not kept
    fi
}

compression() { # COMPRESSION (or NONE) and block size of a GeoTIFF, e.g. "DEFLATE, blocks 512x512"
    local info
    info=$(gdalinfo "$1")
    echo "$(sed -n 's/^ *COMPRESSION=//p' <<<"$info" | head -n 1 | grep . || echo NONE), blocks $(sed -n 's/.*Block=\([0-9]*x[0-9]*\).*/\1/p' <<<"$info" | head -n 1)"
}
checksum() { gdalinfo -checksum "$1" | sed -n 's/.*Checksum=\([0-9]*\).*/\1/p' | head -n 1; }

main() {
    echo "# Raster slope benchmark: tilework raster slope vs gdaldem slope"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(nproc) cores; $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "- OS: $(uname -sr) ($(uname -m))"
    echo "- Java: $("$java" -version 2>&1 | sed -n '3p')"
    echo "- Tilework: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -n $(git status --porcelain -- engine/src gdal/src raster/src app/src 2>/dev/null) ]] && echo ' plus uncommitted changes in the modules'); jars: $(jar_stamps | awk '{ printf "%s%s %s", sep, $1, substr($3, 1, 8); sep = ", " }')"
    local last_commit
    last_commit=$(git log -1 --format=%ct -- engine/src gdal/src raster/src app/src 2>/dev/null || true)
    if [[ -n $last_commit ]] && (( $(stat -c %Y "$app_jar") < last_commit )); then
        echo "- WARNING: $app_jar is older than the last commit to the modules ($(git log -1 --format='%h %cd' --date=format:%H:%M:%S -- engine/src gdal/src raster/src app/src)): it may not be that code"
    fi
    # bin/tilework's JVM options as written on its exec line, and as they expand here (with this TILEWORK_JAVA_OPTS).
    local jvm_written jvm_here xmx
    jvm_written=$(sed -n 's/^exec .*\/bin\/java" \(.*\) -jar .*/\1/p' bin/tilework | head -n 1)
    jvm_here=$(eval "echo $jvm_written")
    xmx=$(grep -o -e '-Xmx[^ ]*' <<<"$jvm_here" | tail -n 1 || true)
    echo "- JVM of bin/tilework: options \`$jvm_written\`, here \`$jvm_here\` (TILEWORK_JAVA_OPTS $([[ -v TILEWORK_JAVA_OPTS ]] && echo "='$TILEWORK_JAVA_OPTS'" || echo unset)); max heap $([[ -n $xmx ]] && echo "$xmx" || echo 'the JVM default'): $("$java" $jvm_here -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%.2f GiB", $4 / 1073741824 }')"
    echo "- JVM ahead-of-time cache (make build): $(if [[ ${TILEWORK_AOT:-on} == off ]]; then echo 'off (TILEWORK_AOT=off)'; elif [[ -f app/target/tilework.aot && app/target/tilework.aot -nt $app_jar ]]; then echo 'app/target/tilework.aot, used'; else echo 'none or older than the jar: not used'; fi)"
    echo "- GDAL: $(gdalinfo --version); GDAL_CACHEMAX: ${GDAL_CACHEMAX:-unset (gdaldem: the GDAL default, 5% of RAM; tilework: 64 MiB unless TILEWORK_GDAL_CACHEMAX)}; GDAL_NUM_THREADS: ${GDAL_NUM_THREADS:-unset}"
    for file in "$dem" "$dem_small"; do
        echo "- DEM: $file, $(gdalinfo "$file" | sed -n 's/^Size is \(.*\), \(.*\)/\1 x \2/p'), Float32, 512 x 512 tiles, uncompressed, $(calc %.1f "$(stat -c %s "$file") / 1048576") MiB"
    done
    echo "- Output of the main comparison, both sides with their default compression (none): uncompressed GeoTIFF, 512 x 512 tiles (gdaldem slope -q DEM OUT ${tiled[*]}; ${tw[*]} DEM OUT [--cache DIR] --quiet, no -co: its defaults)"
    echo "- Runs: $warmups warm-up round(s) then $repetitions measured round(s); each round: gdaldem, tilework cold (empty --cache), tilework warm (same cache, kept output linked), tilework warm from tiles (kept outputs deleted), cp of the output, tilework without --cache"
    echo "- Informative, once (first measured round, 1 sample each): DEFLATE output, gdaldem ${tiled[*]} ${deflate[*]} vs tilework cold and warm ${deflate[*]}"
    echo

    local busy_start busy_end i deflate_outputs=""
    for (( i = 1; i <= warmups; i++ )); do
        echo "Warm-up round $i of $warmups ..." >&2
        COUNT=no round
    done

    # Correctness, once, not timed: the outputs of the last warm-up round (or of a first round).
    (( warmups > 0 )) || COUNT=no round
    echo "## Correctness (checked once, not timed)"
    echo
    local sum_g sum_c sum_w sum_n
    sum_g=$(checksum "$work/gdaldem.tif")
    sum_c=$(checksum "$work/tilework-cold.tif")
    sum_w=$(checksum "$work/tilework-warm.tif")
    sum_n=$(checksum "$work/tilework-nocache.tif")
    local sum_t
    sum_t=$(checksum "$work/tilework-warm-tiles.tif")
    local same=no
    [[ -n $sum_g && $sum_g == "$sum_c" && $sum_c == "$sum_w" && $sum_c == "$sum_n" && $sum_c == "$sum_t" ]] && same=yes
    echo "- gdalinfo -checksum: gdaldem $sum_g, tilework cold $sum_c, warm $sum_w, warm from tiles $sum_t, without cache $sum_n -> $([[ $same == yes ]] && echo 'equal: OK' || echo 'DIFFER: FAILED')"
    if command -v gdalcompare.py >/dev/null; then
        local diffs=0
        gdalcompare.py "$work/gdaldem.tif" "$work/tilework-cold.tif" > "$work/gdalcompare.txt" 2>&1 || diffs=$?
        # Exit status: the number of differences; "Files differ at the binary level" alone means
        # equal pixels, georeferencing and metadata in differently laid-out files.
        local other
        other=$(grep -v -e '^Differences Found' -e '^Files differ at the binary level' "$work/gdalcompare.txt" | head -n 5 | tr '\n' ';' || true)
        if (( diffs == 0 )); then
            echo "- gdalcompare.py gdaldem.tif tilework-cold.tif: no difference: OK"
        elif (( diffs == 1 )) && grep -q '^Files differ at the binary level' "$work/gdalcompare.txt"; then
            echo "- gdalcompare.py gdaldem.tif tilework-cold.tif: pixels, georeferencing and metadata equal, only the files' bytes differ: OK"
        else
            same=no
            echo "- gdalcompare.py gdaldem.tif tilework-cold.tif: $diffs difference(s): $other -> FAILED"
        fi
    else
        echo "- gdalcompare.py not found: checksums only"
    fi
    local comp_g comp_t expected="NONE, blocks 512x512"
    comp_g=$(compression "$work/gdaldem.tif")
    comp_t=$(compression "$work/tilework-cold.tif")
    if [[ $comp_g == "$expected" && $comp_t == "$expected" ]]; then
        echo "- Output format: both $comp_g: same, as expected: OK"
    else
        same=no
        echo "- Output format: gdaldem $comp_g, tilework $comp_t; expected both $expected: FAILED"
    fi
    echo "- Sizes on disk: gdaldem $(calc %.1f "$(stat -c %s "$work/gdaldem.tif") / 1048576") MiB, tilework $(calc %.1f "$(stat -c %s "$work/tilework-cold.tif") / 1048576") MiB; cache tiles $(du -sm "$cache/tiles" | cut -f1) MiB in $(find "$cache" -name '*.chunk' | wc -l) entries"
    echo

    busy_start=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
    for (( i = 1; i <= repetitions; i++ )); do
        echo "Measured round $i of $repetitions$( (( i == 1 )) && echo ', with the DEFLATE comparison') ..." >&2
        if (( i == 1 )); then
            DEFLATE=yes COUNT=yes round
            # described now: the next round deletes the outputs
            deflate_outputs="gdaldem $(compression "$work/gdaldem-deflate.tif"), $(calc %.1f "$(stat -c %s "$work/gdaldem-deflate.tif") / 1048576") MiB; tilework $(compression "$work/tilework-cold-deflate.tif"), $(calc %.1f "$(stat -c %s "$work/tilework-cold-deflate.tif") / 1048576") MiB"
        else
            COUNT=yes round
        fi
    done
    echo "- tilework cold said: $cold_out"
    echo "- tilework warm said: $warm_out"
    echo "- tilework warm from tiles said: $warm_tiles_out"
    echo "- DEFLATE outputs (informative): $deflate_outputs"
    echo

    # The second size: peak RSS of a cold run (and its wall time), memory against raster size.
    echo "Cold run on the $small x $small DEM ..." >&2
    local cache_small=$work/cache-$small
    rm -rf "$cache_small"
    COUNT=yes timed cold_small "${tw[@]}" "$dem_small" "$work/tilework-cold-small.tif" --cache "$cache_small" --quiet
    rm -rf "$cache_small" "$work/tilework-cold-small.tif"

    echo "## Timings ($size x $size; wall time in seconds; peak RSS of the process in MiB; CPU = user + sys)"
    echo
    echo "| run | median | min | all runs | peak RSS, max | CPU s, median | cores busy |"
    echo "|---|---:|---:|---|---:|---:|---:|"
    local kind label
    local -a kinds=(gdaldem cold warm warm_tiles copy nocache cold_small gdaldem_deflate cold_deflate warm_deflate)
    for kind in "${kinds[@]}"; do
        case $kind in
            gdaldem) label="\`gdaldem slope\` (uncompressed)" ;;
            cold) label="tilework cold, empty --cache (uncompressed)" ;;
            warm) label="tilework warm, full --cache: the kept output linked (uncompressed)" ;;
            warm_tiles) label="tilework warm from tiles, kept outputs deleted (uncompressed; informative)" ;;
            copy) label="\`cp\` of gdaldem's output (the cost of writing the file; informative)" ;;
            nocache) label="tilework without --cache (uncompressed)" ;;
            cold_small) label="tilework cold, $small x $small (for memory; uncompressed)" ;;
            gdaldem_deflate) label="\`gdaldem slope\` -co COMPRESS=DEFLATE (informative)" ;;
            cold_deflate) label="tilework cold -co COMPRESS=DEFLATE (informative)" ;;
            warm_deflate) label="tilework warm -co COMPRESS=DEFLATE (informative)" ;;
        esac
        local all="" ms
        for ms in ${wall[$kind]}; do all+="$(calc %.2f "$ms / 1000") "; done
        local w c
        w=$(median "${wall[$kind]}")
        c=$(median "${cpu[$kind]}")
        echo "| $label | $(calc %.2f "$w / 1000") | $(calc %.2f "$(minimum "${wall[$kind]}") / 1000") | ${all% } | $(calc %.0f "$(maximum "${rss[$kind]}") / 1024") | $c | $(calc %.2f "$c / ($w / 1000)") |"
    done
    echo
    busy_end=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)

    echo "## Cached tile latency (io.tilework.bench.raster.CachedTileLatency over $cache)"
    echo
    "$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.tilework.bench.raster.CachedTileLatency \
        "$dem" "$cache" --requests 200 --warmups 20 > "$work/latency.txt" || { cat "$work/latency.txt"; fail "CachedTileLatency failed"; }
    grep -v '^result ' "$work/latency.txt"
    local result
    result=$(grep '^result ' "$work/latency.txt")
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
    echo

    local g cold_m warm_m nocache_m
    g=$(median "${wall[gdaldem]}")
    cold_m=$(median "${wall[cold]}")
    warm_m=$(median "${wall[warm]}")
    nocache_m=$(median "${wall[nocache]}")
    pass() { # pass CONDITION (an awk expression): PASS or FAIL
        if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi
    }
    local r_cold r_warm r_nocache
    r_cold=$(calc %.3f "$cold_m / $g")
    r_warm=$(calc %.3f "$warm_m / $g")
    r_nocache=$(calc %.3f "$nocache_m / $g")
    local rss_main rss_warm rss_small
    rss_main=$(maximum "${rss[cold]}")
    rss_warm=$(maximum "${rss[warm]} ${rss[warm_tiles]}")
    rss_small=$(maximum "${rss[cold_small]}")
    local t1 t2 t3 t4 verdict=0
    t1=$(pass "$r_cold <= 0.6")
    # the warm target is set at 16384 x 16384 (issue 20): a warm run is a JVM start and a link, about the same at
    # every size, so against a smaller gdaldem run it is reported, not judged
    if (( size >= 16384 )); then t2=$(pass "$r_warm <= 0.1"); else t2="PASS"; fi
    t3=$(pass "$rss_main <= 1048576 && $rss_warm <= 1048576 && $rss_small <= 1048576")
    t4=$(pass "$(field median_ms) < 10 && \"$(field all_hits)\" == \"true\"")
    [[ "$t1$t2$t3$t4" == PASSPASSPASSPASS ]] || verdict=1
    echo "## Targets (ratios of median wall times)"
    echo
    echo "- 1. cold: tilework / gdaldem = $r_cold ($(calc %.2f "$cold_m / 1000") / $(calc %.2f "$g / 1000") s), target <= 0.6: $t1"
    if (( size >= 16384 )); then
        echo "- 2. warm: tilework / gdaldem = $r_warm ($(calc %.2f "$warm_m / 1000") / $(calc %.2f "$g / 1000") s), target <= 0.1: $t2"
    else
        echo "- 2. (informative below 16384 x 16384, where the target is set) warm: tilework / gdaldem = $r_warm ($(calc %.2f "$warm_m / 1000") / $(calc %.2f "$g / 1000") s)"
    fi
    echo "- 3. peak RSS of tilework (max over the rounds): cold $(calc %.0f "$rss_main / 1024") MiB and warm (both kinds) $(calc %.0f "$rss_warm / 1024") MiB at $size x $size, cold $(calc %.0f "$rss_small / 1024") MiB at $small x $small (cold: x$(calc %.2f "$rss_main / $rss_small") for x4 the pixels), target <= 1024 MiB for all three: $t3"
    echo "- 4. cached 512 x 512 tile, get latency: median $(field median_ms) ms, p90 $(field p90_ms) ms, max $(field max_ms) ms ($(field hits) hits, $(field misses) misses), target median < 10 ms: $t4"
    echo "- (informative) without --cache: tilework / gdaldem = $r_nocache ($(calc %.2f "$nocache_m / 1000") s)"
    local tiles_m copy_m
    tiles_m=$(median "${wall[warm_tiles]}")
    copy_m=$(median "${wall[copy]}")
    echo "- (informative) warm from tiles only: tilework / gdaldem = $(calc %.3f "$tiles_m / $g") ($(calc %.2f "$tiles_m / 1000") s); a plain cp of the output: $(calc %.3f "$copy_m / $g") ($(calc %.2f "$copy_m / 1000") s)"
    local gd cdf wd
    gd=$(median "${wall[gdaldem_deflate]}")
    cdf=$(median "${wall[cold_deflate]}")
    wd=$(median "${wall[warm_deflate]}")
    echo "- (informative, DEFLATE output, 1 sample each) cold: tilework / gdaldem = $(calc %.3f "$cdf / $gd") ($(calc %.2f "$cdf / 1000") / $(calc %.2f "$gd / 1000") s); warm: $(calc %.3f "$wd / $gd") ($(calc %.2f "$wd / 1000") s)"
    [[ $same == yes ]] || { verdict=1; echo "- outputs differ or are not both uncompressed with 512 x 512 blocks (see Correctness): FAIL"; }
    echo
    local measured_cpu=0 k v
    for k in "${kinds[@]}"; do for v in ${cpu[$k]}; do measured_cpu=$(calc %.2f "$measured_cpu + $v"); done; done
    echo "- CPU during the measured runs: the measured processes $measured_cpu s, the whole machine $(calc %.1f "($busy_end - $busy_start) / 100") s (the difference: this script, the kernel, other processes)"
    echo "- Whole script: $(( SECONDS - started )) s wall"
    if [[ $(jar_stamps) != "$stamps_at_start" ]]; then
        verdict=1
        echo "- WARNING: $app_jar or $bench_jar was rebuilt during the run: the figures mix versions; run again (FAIL)"
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
