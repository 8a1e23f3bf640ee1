#!/usr/bin/env bash
# Chart production benchmark: `tilework charts produce` on the shared S-57 cells, and tilework's
# reproject + clip against an ogr2ogr pipeline doing the same work, on the same machine in one run
# that ends with the figures and PASS/FAIL against the target:
#   1. tilework's reproject + clip <= the ogr2ogr pipeline's wall time (ratio <= 1.0)
# and, informative: the whole chain's cells per minute per core, its time per stage, its peak RSS,
# and a projection for 45,000 cells on N cores.
#
#   bench/charts.sh [--rounds N]
#
# Input: every cell under ../shared/data/s57 (TILEWORK_TEST_DATA names the data folder), US5WA22M
# with its four updates. Each round (default 3; medians compared) runs, one after the other:
# - chain: `bin/tilework charts produce S57 --out DIR --jobs CORES` from an empty DIR, all five
#   stages, timed from start to exit; its summary.json gives the time per stage (summed over threads);
# - tilework: stages 1 and 2 without triangles and display points, whole process, cells on CORES
#   threads (bench/src/main/java/io/tilework/bench/charts/ChartReprojectClip.java);
# - ogr2ogr: bench/ogr2ogr-chart.sh per cell, CORES cells at a time (xargs -P): ogr2ogr reprojects
#   the cell to a GeoPackage, then one SQL statement (SpatiaLite's ST_Intersection, the layers'
#   R-trees) cuts every geometry into the tiles of the cell's zooms.
# Both sides apply the updates, split soundings with their depth, reproject to EPSG:3857 and cut
# every line and area into the XYZ tiles of each zoom of the chart (points to the tiles holding
# them), at the zooms tilework derives from the compilation scale (README of charts), and write the
# pieces; the number of pieces is checked equal. The rival's zooms come from the same rule computed
# here from `tilework charts catalog` (not timed).
# The projection scales the chain's measured core-seconds per S-57 object to 45,000 cells of the
# mean size of the shared cells and of the two NOAA harbour cells (which are nearer what a world
# ENC set holds), on BENCH_PROJECTION_CORES cores (default "2 24 96").
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), the jars built (make build), GDAL's
# command-line tools and /usr/bin/time (GNU time). About 1.5 minutes on 2 cores. Work goes to bench/work/charts/ (git-ignored); the report
# goes to the terminal and to bench/work/charts.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "charts.sh: $*" >&2
    exit 1
}

rounds=3
while (( $# > 0 )); do
    case $1 in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
        *) fail "unknown option '$1' (see --help)" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail "--rounds must be a positive whole number, not '$rounds'"

java_home=${JAVA_HOME:-$(scripts/java-home.sh)}
java="$java_home/bin/java"
bench_jar=bench/target/tilework-bench.jar
[[ -f app/target/tilework.jar && -f $bench_jar ]] || fail "build the jars first: make build"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"
command -v ogr2ogr >/dev/null || fail "ogr2ogr is missing: apt-get install gdal-bin"
s57=${TILEWORK_TEST_DATA:-../shared/data}/s57
[[ -d $s57 ]] || fail "no S-57 cells at $s57 (set TILEWORK_TEST_DATA to the shared data folder)"
cores=$(nproc)
projection_cores=${BENCH_PROJECTION_CORES:-2 24 96}

work=bench/work/charts
rm -rf "$work"
mkdir -p "$work"

# The rival's work list: per cell its base file, its zooms (the most detailed zoom at which a
# 256-pixel tile's pixel is at least 0.28 mm at the compilation scale, and two levels up) and where
# to write.
bin/tilework charts catalog "$s57" >"$work/catalog.txt" 2>/dev/null || fail "tilework charts catalog $s57 failed"
while read -r name scale; do
    base=$(find "$s57" -name "$name.000" | head -1)
    max=$(awk -v s="$scale" 'BEGIN { z = int(log(40075016.68557849 / 256 / (s * 0.00028)) / log(2) + 1e-9); print (z > 22 ? 22 : z) }')
    echo "$base $(( max >= 2 ? max - 2 : 0 )) $max $work/ogr2ogr"
done < <(awk 'NR > 1 && $7 ~ /^1:[0-9]+$/ { sub(/^1:/, "", $7); print $1, $7 }' "$work/catalog.txt") >"$work/ogr2ogr-cells.txt"
cells=$(wc -l <"$work/ogr2ogr-cells.txt")
(( cells > 0 )) || fail "the catalogue of $s57 lists no cell with a compilation scale"

declare -A wall rss cpu
# timed KIND COMMAND...: runs COMMAND, records its wall time (s), peak RSS (KiB) and CPU time (s,
# user + system, children included); keeps its output in $work/KIND.out
timed() {
    local kind=$1
    shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$work/$kind.time" "$@" >"$work/$kind.out" 2>"$work/$kind.err" \
        || fail "$kind failed: $(tail -3 "$work/$kind.err")"
    end=$(date +%s%N)
    wall[$kind]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }') "
    rss[$kind]+="$(tail -1 "$work/$kind.time" | awk '{ print $1 }') "
    cpu[$kind]+="$(tail -1 "$work/$kind.time" | awk '{ printf "%.2f", $2 + $3 }') "
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
pass() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
# stage_ms NAME: that stage's milliseconds in the chain's summary.json
stage_ms() { sed -nE "s/^ *\"$1\" : ([0-9]+),?$/\1/p" "$work/chain/summary.json"; }
# summary_count NAME: a count in the chain's summary.json
summary_count() { sed -nE "s/^  \"$1\" : ([0-9]+),?$/\1/p" "$work/chain/summary.json"; }

stages=(reproject produce "per chart" "per tile" copy)
declare -A stage
for (( round = 1; round <= rounds; round++ )); do
    echo "Round $round of $rounds ..."
    rm -rf "$work/chain" "$work/tilework" "$work/ogr2ogr"
    timed chain bin/tilework charts produce "$s57" --out "$work/chain" --jobs "$cores"
    for s in "${stages[@]}"; do
        stage[$s]+="$(stage_ms "$s") "
    done
    timed tilework "$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.tilework.bench.charts.ChartReprojectClip \
        "$s57" "$work/tilework" "$cores"
    mkdir -p "$work/ogr2ogr"
    timed ogr2ogr xargs -P "$cores" -L 1 bench/ogr2ogr-chart.sh <"$work/ogr2ogr-cells.txt"
done

pieces_t=$(sed -nE 's/^tilework: [0-9]+ cells, ([0-9]+) pieces$/\1/p' "$work/tilework.out")
pieces_o=0
for gpkg in "$work"/ogr2ogr/*-pieces.gpkg; do
    n=$(ogrinfo -ro -q "$gpkg" -sql "SELECT count(*) AS n FROM pieces" | sed -nE 's/^ *n \(Integer\) = ([0-9]+)$/\1/p')
    pieces_o=$(( pieces_o + n ))
done
objects=$(summary_count features)
chain=$(median "${wall[chain]}")
t=$(median "${wall[tilework]}")
o=$(median "${wall[ogr2ogr]}")
# Core-seconds per object of the whole chain, and objects per cell of the two NOAA cells.
per_object=$(calc %.9f "$chain * $cores / $objects")
noaa_objects=$(awk '$1 ~ /^US/ { n++; s += $8 } END { print (n ? s / n : 0) }' "$work/catalog.txt")
mean_objects=$(calc %.0f "$objects / $cells")
{
    echo "# Chart production benchmark ($cells cells, $objects objects; $cores cores; $(date -u +%Y-%m-%d))"
    echo
    echo "| run | median wall s | all rounds | CPU s, median | peak RSS MiB |"
    echo "|---|---|---|---|---|"
    for kind in chain tilework ogr2ogr; do
        echo "| $kind | $(median "${wall[$kind]}") | ${wall[$kind]% } | $(median "${cpu[$kind]}") | $(calc %.0f "$(maximum "${rss[$kind]}") / 1024") |"
    done
    echo
    echo "Whole chain: $(summary_count tiles) tiles at zoom $(summary_count minZoom)-$(summary_count maxZoom), $(summary_count triangles) triangles," \
        "$(summary_count displayPoints) display points; $(calc %.1f "$cells / ($chain / 60) / $cores") cells per minute per core."
    per_stage=()
    for s in "${stages[@]}"; do
        per_stage+=("$s $(calc %.2f "$(median "${stage[$s]}") / 1000") s")
    done
    echo "Time per stage (median over rounds, summed over threads): $(IFS=,; echo "${per_stage[*]}" | sed 's/,/, /g')."
    echo "Pieces cut: tilework $pieces_t, ogr2ogr $pieces_o ($( [[ $pieces_t == "$pieces_o" ]] && echo "the same work" || echo "DIFFERENT: compare with care" ))."
    echo
    echo "- 1. tilework / ogr2ogr, reproject + clip: $t / $o = $(calc %.3f "$t / $o") (target <= 1.0): $(pass "$t <= $o")"
    echo "  (informative: the whole chain, triangles, display points, merge and product included, against the same" \
        "pipeline: $(calc %.3f "$chain / $o"))"
    echo
    echo "Projection for 45,000 cells at the chain's $(calc %.2f "$per_object * 1000") core-ms per object:"
    echo
    echo "| cores | cells of $mean_objects objects (shared mean) | cells of $(calc %.0f "$noaa_objects") objects (NOAA mean) |"
    echo "|---|---|---|"
    for n in $projection_cores; do
        echo "| $n | $(calc %.1f "45000 * $mean_objects * $per_object / $n / 3600") h | $(calc %.1f "45000 * $noaa_objects * $per_object / $n / 3600") h |"
    done
} | tee bench/work/charts.txt
