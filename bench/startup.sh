#!/usr/bin/env bash
# Start-up benchmark: what a short tilework command costs against GDAL's own tools, where fixed costs
# (JVM start, class loading, loading GDAL) are all there is. Paired runs, interleaved so that the
# load of the machine hits both alike; medians of wall time (and of CPU time, user + sys, which a
# busy machine disturbs less) and their ratios:
#   1. bin/tilework --version        vs  gdalinfo --version       target: tilework <= 0.3 s wall
#   2. bin/tilework info SMALL.tif   vs  gdalinfo SMALL.tif       (informative)
#   3. bin/tilework --version without the JVM's ahead-of-time cache (TILEWORK_AOT=off; informative:
#      what the cache made by `make build` saves)
#
#   bench/startup.sh [--repetitions N]        (default 15 rounds, after 2 unmeasured)
#
# Needs the jar built with its cache (make build), GDAL's gdalinfo and /usr/bin/time (GNU time).
# SMALL.tif is RGB.byte.tif from the shared data (TILEWORK_TEST_DATA, default ../shared/data).
# The report goes to the terminal and to bench/work/startup.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "startup.sh: $*" >&2
    exit 1
}

repetitions=${BENCH_REPETITIONS:-15}
warmups=2
while (( $# > 0 )); do
    case $1 in
        --repetitions) (( $# >= 2 )) || fail "--repetitions needs a number"; repetitions=$2; shift 2 ;;
        *) fail "unknown argument '$1'; usage: bench/startup.sh [--repetitions N]" ;;
    esac
done
[[ $repetitions =~ ^[1-9][0-9]*$ ]] || fail "--repetitions must be a positive whole number, not '$repetitions'"

java_home=$(scripts/java-home.sh) || exit 1
export JAVA_HOME=$java_home
jar=app/target/tilework.jar
aot=app/target/tilework.aot
[[ -f $jar ]] || fail "$jar is missing; build it first: make build"
command -v gdalinfo >/dev/null || fail "gdalinfo is not on the PATH (install gdal-bin)"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"
small=${TILEWORK_TEST_DATA:-../shared/data}/raster/RGB.byte.tif
[[ -f $small ]] || fail "$small is missing (set TILEWORK_TEST_DATA to the shared data folder)"

mkdir -p bench/work
report=bench/work/startup.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A wall cpu
# timed KIND COMMAND...: runs COMMAND (output discarded) and, when COUNT=yes, adds its wall ms and
# CPU ms to KIND's samples.
timed() {
    local kind=$1 start end user sys
    shift
    start=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
        cat "$work/out" "$work/err" >&2
        fail "$kind failed: $*"
    }
    end=$(date +%s%N)
    read -r user sys < <(tail -n 1 "$work/time")
    if [[ ${COUNT:-} == yes ]]; then
        wall[$kind]+="$(( (end - start) / 1000000 )) "
        cpu[$kind]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') "
    fi
}
median() {
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
spread() { tr ' ' '\n' <<<"$1" | grep . | sort -g | sed -n '1p;$p' | paste -sd- -; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

round() {
    # Alternate which side goes first, so that neither always follows the other.
    if (( $1 % 2 )); then
        timed tw_version bin/tilework --version
        timed gdal_version gdalinfo --version
        timed tw_info bin/tilework info "$small"
        timed gdal_info gdalinfo "$small"
    else
        timed gdal_version gdalinfo --version
        timed tw_version bin/tilework --version
        timed gdal_info gdalinfo "$small"
        timed tw_info bin/tilework info "$small"
    fi
    TILEWORK_AOT=off timed tw_version_no_aot bin/tilework --version
}

main() {
    echo "# Start-up benchmark: short tilework commands vs gdalinfo"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Java: $("$java_home/bin/java" -version 2>&1 | sed -n '3p'); GDAL: $(gdalinfo --version)"
    echo "- tilework: $(bin/tilework --version | head -n 1); ahead-of-time cache: $(if [[ -f $aot && $aot -nt $jar ]]; then echo "$aot, $(( $(stat -c %s "$aot") / 1048576 )) MiB (used)"; elif [[ -f $aot ]]; then echo "$aot is older than the jar (not used: run make build)"; else echo "none (make build makes it)"; fi)"
    echo "- Small file: $small; $warmups unmeasured rounds, then $repetitions rounds, each side in turn first"
    echo
    local i
    for (( i = 1; i <= warmups; i++ )); do COUNT=no round "$i"; done
    for (( i = 1; i <= repetitions; i++ )); do
        echo "Round $i of $repetitions ..." >&2
        COUNT=yes round "$i"
    done
    echo "- Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| command | wall ms, median | wall ms, min-max | CPU ms, median |"
    echo "|---|---:|---:|---:|"
    local kind label
    for kind in tw_version gdal_version tw_info gdal_info tw_version_no_aot; do
        case $kind in
            tw_version) label="\`tilework --version\`" ;;
            gdal_version) label="\`gdalinfo --version\`" ;;
            tw_info) label="\`tilework info RGB.byte.tif\`" ;;
            gdal_info) label="\`gdalinfo RGB.byte.tif\`" ;;
            tw_version_no_aot) label="\`tilework --version\`, no AOT cache (informative)" ;;
        esac
        echo "| $label | $(median "${wall[$kind]}") | $(spread "${wall[$kind]}") | $(median "${cpu[$kind]}") |"
    done
    echo
    local v g iv ig na verdict
    v=$(median "${wall[tw_version]}")
    g=$(median "${wall[gdal_version]}")
    iv=$(median "${wall[tw_info]}")
    ig=$(median "${wall[gdal_info]}")
    na=$(median "${wall[tw_version_no_aot]}")
    verdict=$(awk -v v="$v" 'BEGIN { print (v <= 300 ? "PASS" : "FAIL") }')
    echo "- 1. \`tilework --version\`: median $(calc %.3f "$v / 1000") s wall (gdalinfo --version $(calc %.3f "$g / 1000") s, ratio $(calc %.1f "$v / $g")), target <= 0.3 s: $verdict"
    echo "- 2. (informative) \`tilework info\` / \`gdalinfo\` on a small file: $(calc %.3f "$iv / 1000") / $(calc %.3f "$ig / 1000") s = $(calc %.1f "$iv / $ig")"
    echo "- 3. (informative) the ahead-of-time cache: \`tilework --version\` $(calc %.3f "$v / 1000") s with it, $(calc %.3f "$na / 1000") s without"
    echo
    [[ $verdict == PASS ]]
}

main | tee "$report"
