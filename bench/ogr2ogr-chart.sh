#!/usr/bin/env bash
# The ogr2ogr pipeline that bench/charts.sh runs against tilework's stages 1 and 2, for one cell:
#   bench/ogr2ogr-chart.sh CELL.000 MIN_ZOOM MAX_ZOOM OUT_DIR
# 1. reproject: ogr2ogr reads the cell with the options tilework uses (updates applied, soundings
#    split with their depth) and writes every layer to OUT_DIR/NAME.gpkg in EPSG:3857.
# 2. clip: one SQL statement (SQLite dialect, SpatiaLite's ST_Intersection) cuts every geometry of
#    every layer into the XYZ tiles of each zoom from MIN_ZOOM to MAX_ZOOM that it touches, found
#    through the layers' R-trees, and ogr2ogr writes the pieces, with class, RCID and tile, to
#    OUT_DIR/NAME-pieces.gpkg.
# Tilework clips each piece again into the four children of its tile; here each zoom is clipped from
# the whole geometry, which is the way SQL expresses it. Tilework also triangulates the pieces and
# computes display points in its stage 2, which this pipeline does not do.
set -euo pipefail

(( $# == 4 )) || { sed -n '2,3p' "$0" >&2; exit 2; }
cell=$1 min_zoom=$2 max_zoom=$3 out=$4
name=$(basename "$cell" .000)
reprojected=$out/$name.gpkg
pieces=$out/$name-pieces.gpkg
rm -f "$reprojected" "$pieces"

ogr2ogr -q -f GPKG "$reprojected" "$cell" -t_srs EPSG:3857 \
    -oo UPDATES=APPLY -oo SPLIT_MULTIPOINT=ON -oo ADD_SOUNDG_DEPTH=ON 2>/dev/null

layers=$(ogrinfo -ro -q "$reprojected" -sql "SELECT table_name FROM gpkg_geometry_columns" \
    | sed -nE 's/^ *table_name \(String\) = (.*)$/\1/p')
[[ -n $layers ]] || { echo "ogr2ogr-chart.sh: no geometry layer in $reprojected" >&2; exit 1; }

# The tiles of every zoom over the extent of all layers; then, per layer, each geometry joined to the
# tiles its bounding box touches, through the layer's R-tree.
half=20037508.342789244
zooms=$(seq -s ',' "$min_zoom" "$max_zoom" | sed -E 's/([0-9]+)/(\1)/g')
sql="WITH RECURSIVE
extent AS (SELECT min(min_x) AS x0, min(min_y) AS y0, max(max_x) AS x1, max(max_y) AS y1
           FROM gpkg_contents WHERE data_type = 'features' AND min_x IS NOT NULL),
zoom(z) AS (VALUES $zooms),
span AS (SELECT z, 2 * $half / (1 << z) AS s FROM zoom),
ranges AS (SELECT z, s, CAST((x0 + $half) / s AS INTEGER) AS tx0, CAST((x1 + $half) / s AS INTEGER) AS tx1,
                  CAST(($half - y1) / s AS INTEGER) AS ty0, CAST(($half - y0) / s AS INTEGER) AS ty1
           FROM span, extent),
columns AS (SELECT z, s, tx0 AS x, tx1, ty0, ty1 FROM ranges
            UNION ALL SELECT z, s, x + 1, tx1, ty0, ty1 FROM columns WHERE x < tx1),
cells AS (SELECT z, s, x, ty0 AS y, ty1 FROM columns
          UNION ALL SELECT z, s, x, y + 1, ty1 FROM cells WHERE y < ty1),
tiles AS (SELECT z, x, y, x * s - $half AS minx, (x + 1) * s - $half AS maxx,
                 $half - (y + 1) * s AS miny, $half - y * s AS maxy FROM cells),
clipped AS ("
first=1
for layer in $layers; do
    (( first )) || sql+=" UNION ALL "
    first=0
    sql+="SELECT '$layer' AS class, f.RCID AS rcid, t.z AS z, t.x AS x, t.y AS y,
                 ST_Intersection(f.geom, BuildMbr(t.minx, t.miny, t.maxx, t.maxy, 3857)) AS geom
          FROM tiles t JOIN \"rtree_${layer}_geom\" r
               ON r.minx <= t.maxx AND r.maxx >= t.minx AND r.miny <= t.maxy AND r.maxy >= t.miny
          JOIN \"$layer\" f ON f.fid = r.id"
done
sql+=") SELECT class, rcid, z, x, y, geom FROM clipped WHERE geom IS NOT NULL"

ogr2ogr -q -f GPKG "$pieces" "$reprojected" -dialect SQLite -sql "$sql" -nln pieces -nlt GEOMETRY -a_srs EPSG:3857
