#!/usr/bin/env bash
# Raster-read benchmark: the binding reading a big tiled Float32 GeoTIFF tile by tile, on one and
# two threads, against `gdal_translate -of MEM` on the same file, in one run.
#
#   bench/raster-read.sh [--repetitions N] [--warmups N] [--threads N]
#
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), the bench jar built (make build) and GDAL's
# command-line tools on the PATH. BENCH_SIZE (default 8192) sets the test raster's width and height;
# BENCH_REPETITIONS and BENCH_WARMUPS are read by the benchmark itself. The test raster is made once
# under bench/work/ (git-ignored); the report goes to the terminal and to bench/work/raster-read.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the repository root, wherever this is called from

fail() {
    echo "raster-read.sh: $*" >&2
    exit 1
}

size=${BENCH_SIZE:-8192}
[[ $size =~ ^[1-9][0-9]*$ ]] || fail "BENCH_SIZE must be a positive whole number of pixels, not '$size'"

# A JDK 25 or newer: $JAVA_HOME when it is one, else the newest installed (scripts/java-home.sh says what to do otherwise)
java_home=$(scripts/java-home.sh) || exit 1
java="$java_home/bin/java"

jar=bench/target/tilework-bench.jar
[[ -f $jar ]] || fail "$jar is missing; build it first: JAVA_HOME=$java_home mvn -q -B -DskipTests package, or run make bench"

for tool in gdal_translate gdalinfo; do
    command -v "$tool" >/dev/null || fail "$tool is not on the PATH (install gdal-bin)"
done

source=${TILEWORK_TEST_DATA:-../shared/data}/raster/srtm_bigtujunga30m_utm11.tif
if [[ $size == 8192 ]]; then
    raster=bench/work/big-float32.tif
else
    raster=bench/work/big-float32-$size.tif
fi

if [[ ! -f $raster ]]; then
    [[ -f $source ]] || fail "source DEM $source is missing (set TILEWORK_TEST_DATA to the shared data folder)"
    mkdir -p bench/work
    echo "Generating $raster ($size x $size Float32, DEFLATE, 512 x 512 tiles) from $source ..." >&2
    # Bilinear up-sampling of a real DEM: smooth, non-constant terrain, so DEFLATE has real work.
    # Written under a temporary name first so that an interrupted run leaves no half-made raster.
    gdal_translate -q -ot Float32 -outsize "$size" "$size" -r bilinear \
        -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 -co COMPRESS=DEFLATE \
        "$source" "$raster.partial.tif"
    mv "$raster.partial.tif" "$raster"
fi

mkdir -p bench/work
"$java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$raster" "$@" | tee bench/work/raster-read.txt
