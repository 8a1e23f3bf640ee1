#!/usr/bin/env bash
# make demo: slope and hillshade of a DEM, tile by tile with a cache, written as COGs; then the
# same again, to show the cache at work (the finished outputs are reused), and another output
# format from the same cached tiles. Uses a shared DEM when ../shared/data is there, else a
# generated one. Then a sales KPI report over generated transactions, a chart product from
# the shared S-57 cells, and a workflow on the process engine (a job, a person's approval). Last,
# the operator's chart production (process/examples/chart-production.yaml): produced, checked, and
# left waiting for the operator's approval, for `tilework serve` to show.
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${SHARED_DATA:-../shared/data}
out=target/demo
rm -rf "$out"
mkdir -p "$out"

dem="$shared/raster/srtm_bigtujunga30m_utm11.tif"
if [[ ! -f $dem ]]; then
    dem="$out/generated-dem.tif"
    echo "(no shared data in $shared: generating a flat DEM, enough to show the pipeline and the cache)"
    gdal_create -q -of GTiff -outsize 1024 1024 -bands 1 -ot Float32 -burn 100 -a_srs EPSG:32633 \
        -a_ullr 500000 4100000 530720 4069280 "$dem"
fi

for run in first second; do
    echo "== $run run (cache in $out/cache) =="
    bin/tilework raster slope "$dem" "$out/slope.tif" --cog --quiet --cache "$out/cache/slope"
    bin/tilework raster hillshade "$dem" "$out/hillshade.tif" --cog --quiet --cache "$out/cache/hillshade" -z 2
done
echo "== another output from the same cached tiles (a plain GeoTIFF, DEFLATE) =="
bin/tilework raster slope "$dem" "$out/slope-deflate.tif" -co COMPRESS=DEFLATE --quiet --cache "$out/cache/slope"
echo
echo "Outputs: $out/slope.tif and $out/hillshade.tif (cloud-optimised GeoTIFFs), $out/slope-deflate.tif; check with:"
echo "  bin/tilework info $out/slope.tif"

echo
echo "== sales: 500,000 generated transactions (1 % bad rows) to a KPI report =="
bin/tilework sales generate --rows 500000 --seed 1 --out "$out/sales/transactions.csv.gz"
bin/tilework sales report "$out/sales/transactions.csv.gz" --out "$out/sales/report" --quiet
echo "Open $out/sales/report/report.html in a browser; figures in report.json and the CSV tables, bad rows in rejects.csv."

s57="$shared/s57"
if [ -d "$s57" ]; then
  echo
  echo "== charts: the shared S-57 cells to a tiled chart product =="
  bin/tilework charts produce "$s57" --out "$out/charts" --quiet
  echo "Product: $out/charts/chart.mbtiles (vector tiles) and $out/charts/chart.gpkg; check with:"
  echo "  ogrinfo -ro -so $out/charts/chart.mbtiles"
fi

echo
echo "== process: a review workflow on the durable process engine (store $out/process.db) =="
store=(--store "$out/process.db")
bin/tilework process deploy process/examples/review.yaml "${store[@]}"
bin/tilework process start review --var amount=2500 "${store[@]}"
bin/tilework process inbox alice --open "${store[@]}"
bin/tilework process complete review-1 WorkItem-1 --var approved=true "${store[@]}"
bin/tilework process history review-1 --no-effects "${store[@]}"
echo "See every change with: bin/tilework process history review-1 --store $out/process.db"

if [ -d "$s57" ]; then
  echo
  echo "== the operator's chart production: produce, check, then wait for the operator (process chart-production) =="
  # A copy, not a link: the server refuses symlinks out of its data root. Writable, so the next
  # demo can delete it (the shared folder is read-only).
  mkdir -p "$out/operator"
  cp -R --no-preserve=mode "$s57" "$out/operator/cells"
  tilework="$PWD/bin/tilework"
  # Run from $out, the server's --data-root: the model's folders are relative to root=., which is
  # the working folder here and the data root in `tilework serve` (it resolves job paths against it).
  (
    cd "$out"
    "$tilework" process deploy ../../process/examples/chart-production-workflow.yaml --store process.db
    "$tilework" process deploy ../../process/examples/chart-production.yaml --store process.db
    started=$("$tilework" process start chart-production --var root=. --var inputFolder=operator/cells \
        --var productFolder=operator/product --var imagesFolder=operator/check --var releaseFolder=operator/release --store process.db)
    echo "$started"
    instance=${started%%:*}  # "chart-production-N: running"
    "$tilework" process inbox operator --open --store process.db
    echo "The check's summary (produced, failed, failures, bytes, images) is in the instance's variables:"
    echo "  (cd $out && ../../bin/tilework process show $instance --store process.db)"
    echo "Approve in the console's inbox (operator), or here: approved=true releases to $out/operator/release,"
    echo "approved=false produces again (the failed cells) and checks again:"
    echo "  (cd $out && ../../bin/tilework process complete $instance WorkItem-1 --var approved=true --store process.db)"
  )
fi

echo "Console: bin/tilework serve --data-root $out --store $out/process.db, then open http://127.0.0.1:8080/"
echo "  (the operator's check waits in the Processes page's inbox for actor 'operator')"
