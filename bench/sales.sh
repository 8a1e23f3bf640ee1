#!/usr/bin/env bash
# Sales report benchmark: the two sales rows of issue 20's speed table, measured side by side in one
# run that ends with the ratios and PASS/FAIL:
#   1. `tilework sales report`, 5M rows, cold, every KPI  vs  DuckDB, one GROUP BY city, month:  ratio <= 1.0
#   2. `tilework sales report`, 10M rows, warm, 2 threads vs 1 thread (itself):                 ratio >= 1.7
# and, informative, the targets of issue 6: against DuckDB computing the same full report (same
# validation, duplicates, rejects and tables), and tilework's peak RSS (<= 1 GiB). Then issue 24's rows
# (reading through a schema file):
#   3. WARM_ROWS rows in another tool's dialect read through its schema file  vs  the same rows in our
#      layout read through the built-in schema (the default), the whole report, in one JVM (SchemaReading),
#      alternately, WARM_ROUNDS rounds, the first left out: median of schema / built-in  ratio <= 1.10;
#      the same pair cold (a new process each, `sales report --schema`) is printed beside it
#   4. `tilework sales inspect` on a file of about 1 GB in that dialect (its sample only):  wall < 2 s
#   5. the full report, cold, of both files  vs  DuckDB's one GROUP BY city, month on the same file
#      (the foreign file read with its dialect given to read_csv):                      ratio <= 1.0 each
#   Cold runs: a new process each, 2 threads, SCHEMA_ROUNDS rounds (default 3), medians.
#
#   bench/sales.sh [--rounds N] [--schema-only]
#
# The foreign dialect (io.tilework.bench.sales.ForeignDialect, made once from the WARM_ROWS file): `;`,
# headers Invoice;Branch;Signed on;Kind;Vehicle;Months;Amount (another order), dd/MM/yyyy, amounts
# 12.345,67, types S/R, its schema beside it (.yaml); the bad rows stay bad. The 1 GB file is that file
# twice (the header once). --schema-only runs steps 3-5 alone.
#
# Inputs: `tilework sales generate --seed 1` (1 % bad rows of every kind), COLD_ROWS (default
# 5,000,000, ~287 MB) and WARM_ROWS (default 10,000,000, ~574 MB) rows, made once under
# bench/work/sales/ (git-ignored).
#
# 1. Cold: every run is a new process, timed from start to exit — JVM start, class loading and the
#    JIT compiler included, as a user runs the command (bin/tilework, its default JVM options,
#    2 threads, one per core). The page cache is left as it is (nothing dropped): the file is read
#    once before the first round, so both sides find it cached. Each round (default 3; medians
#    compared) runs, alternately: tilework (`sales report FILE --out DIR --quiet`: every KPI,
#    validation, duplicates, rejects.csv, report.json, report.html and the CSV tables), DuckDB with
#    one query (read_csv, GROUP BY city, month: sales, rentals booked, count; written as CSV), and
#    DuckDB doing the full report (informative). DuckDB runs in a JVM too, through its JDBC driver
#    (bench/src/main/java/io/tilework/bench/sales/DuckDbSalesReport.java), 2 threads.
# 2. Warm: in one JVM (io.tilework.bench.sales.SalesScaling), the whole report alternately with 1
#    and 2 threads, WARM_ROUNDS rounds (default 4); the first round warms the JIT up and is left
#    out; the ratio is the median of the later rounds' (1-thread time / 2-thread time).
# On a machine shared with other work the figures move with its load: the load average is printed
# before and after, and each round's times are listed beside the medians.
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), the jars built (make build) and
# /usr/bin/time (GNU time). About 6 minutes on 2 cores (the schema rows alone: 3). The report goes to the terminal and to
# bench/work/sales.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "sales.sh: $*" >&2
    exit 1
}

cold_rows=${COLD_ROWS:-5000000}
warm_rows=${WARM_ROWS:-10000000}
warm_rounds=${WARM_ROUNDS:-4}
rounds=3
schema_rounds=${SCHEMA_ROUNDS:-3}
schema_only=false
while (( $# > 0 )); do
    case $1 in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --schema-only) schema_only=true; shift ;;
        -h|--help) sed -n '2,44p' "$0"; exit 0 ;;
        *) fail "unknown option '$1' (see --help)" ;;
    esac
done
for n in "$rounds" "$cold_rows" "$warm_rows" "$schema_rounds"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || fail "--rounds, COLD_ROWS, WARM_ROWS and SCHEMA_ROUNDS must be positive whole numbers, not '$n'"
done
[[ $warm_rounds =~ ^[2-9][0-9]*$|^[1-9][0-9]+$ ]] || fail "WARM_ROUNDS must be at least 2 (the first only warms up), not '$warm_rounds'"

java_home=${JAVA_HOME:-$(scripts/java-home.sh)}
java="$java_home/bin/java"
bench_jar=bench/target/tilework-bench.jar
[[ -f app/target/tilework.jar && -f $bench_jar ]] || fail "build the jars first: make build"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"

work=bench/work/sales
mkdir -p "$work"
input() {
    local csv=$work/transactions-$1.csv
    if [[ ! -f $csv ]]; then
        echo "Generating $1 rows into $csv ..." >&2
        bin/tilework sales generate --rows "$1" --seed 1 --out "$csv" >/dev/null
    fi
    echo "$csv"
}
warm_csv=$(input "$warm_rows")
if [[ $schema_only == false ]]; then
    cold_csv=$(input "$cold_rows")
    cat "$cold_csv" >/dev/null   # in the page cache, for both sides
fi

declare -A wall rss cpu
# timed KIND COMMAND...: runs COMMAND, records its wall time (s), CPU time (user + sys, s) and peak
# RSS (KiB); keeps its output in $work/KIND.out
timed() {
    local kind=$1
    shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$work/$kind.time" "$@" >"$work/$kind.out" 2>"$work/$kind.err" \
        || fail "$kind failed: $(tail -3 "$work/$kind.err")"
    end=$(date +%s%N)
    wall[$kind]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }') "
    read -r kib user sys < <(tail -1 "$work/$kind.time")
    rss[$kind]+="$kib "
    cpu[$kind]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') "
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
pass() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_before=$(load)
duck=("$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.tilework.bench.sales.DuckDbSalesReport)

# Issue 24: steps 3-5, reading through a schema file; appends its lines to $work/schema.txt
schema_rows() {
    local foreign=$work/transactions-$warm_rows-foreign.csv big=$work/transactions-foreign-1g.csv
    if [[ ! -f $foreign || ! -f $foreign.yaml ]]; then
        echo "Rewriting $warm_csv in the foreign dialect into $foreign ..." >&2
        "$java" -cp "$bench_jar" io.tilework.bench.sales.ForeignDialect "$warm_csv" "$foreign"
    fi
    if [[ ! -f $big ]]; then
        { cat "$foreign"; tail -n +2 "$foreign"; } >"$big"
    fi
    cat "$warm_csv" "$foreign" >/dev/null   # in the page cache, for every side
    local load_start round
    load_start=$(load)
    for (( round = 1; round <= schema_rounds; round++ )); do
        echo "Schema round $round of $schema_rounds ($warm_rows rows; inspect on $(du -m "$big" | cut -f1) MB) ..."
        timed builtin_10m bin/tilework sales report "$warm_csv" --out "$work/builtin-10m" --quiet
        timed schema_10m bin/tilework sales report "$foreign" --schema "$foreign.yaml" --out "$work/schema-10m" --quiet
        timed inspect_1g bin/tilework sales inspect "$big" --out "$work/inspect-1g.yaml"
        timed duckdb_group_by_10m "${duck[@]}" "$warm_csv" "$work/duckdb-group-by-10m" 2 --group-by
        timed duckdb_group_by_foreign "${duck[@]}" "$foreign" "$work/duckdb-group-by-foreign" 2 --group-by-foreign
    done
    echo "Schema reading in one JVM ($warm_rows rows, $warm_rounds rounds) ..."
    "$java" -Xmx768m -cp "$bench_jar" io.tilework.bench.sales.SchemaReading "$warm_csv" "$foreign" "$foreign.yaml" "$work/schema-reading" \
        "$warm_rounds" >"$work/schema-reading.out" 2>"$work/schema-reading.err" \
        || fail "SchemaReading failed: $(tail -3 "$work/schema-reading.err")"
    # "round R builtin|schema S s N accepted": per round after the first, schema time / built-in time
    local warm_ratios warm_builtin warm_schema
    warm_ratios=$(awk '$1 == "round" && $2 > 1 { t[$2, $3] = $4; r[$2] = 1 }
        END { for (k in r) if (t[k, "builtin"] && t[k, "schema"]) printf "%.3f ", t[k, "schema"] / t[k, "builtin"] }' "$work/schema-reading.out")
    warm_builtin=$(awk '$1 == "round" && $2 > 1 && $3 == "builtin" { printf "%s ", $4 }' "$work/schema-reading.out")
    warm_schema=$(awk '$1 == "round" && $2 > 1 && $3 == "schema" { printf "%s ", $4 }' "$work/schema-reading.out")
    local b s i g f
    b=$(median "${wall[builtin_10m]}"); s=$(median "${wall[schema_10m]}"); i=$(median "${wall[inspect_1g]}")
    g=$(median "${wall[duckdb_group_by_10m]}"); f=$(median "${wall[duckdb_group_by_foreign]}")
    {
        echo
        echo "Schema files (issue 24), $warm_rows rows ($(du -m "$warm_csv" | cut -f1) MB ours, $(du -m "$foreign" | cut -f1) MB foreign), a new process per run, 2 threads; load average $load_start before, $(load) after:"
        echo
        echo "| run | median wall s | all rounds | median CPU s | peak RSS MiB |"
        echo "|---|---|---|---|---|"
        for kind in builtin_10m schema_10m inspect_1g duckdb_group_by_10m duckdb_group_by_foreign; do
            echo "| $kind | $(median "${wall[$kind]}") | ${wall[$kind]% } | $(median "${cpu[$kind]}") | $(calc %.0f "$(maximum "${rss[$kind]}") / 1024") |"
        done
        echo
        echo "Rows accepted: ours $(sed -nE 's/.* ([0-9]+) accepted.*/\1/p' "$work/builtin_10m.out" | head -1), foreign through the schema $(sed -nE 's/.* ([0-9]+) accepted.*/\1/p' "$work/schema_10m.out" | head -1)."
        echo
        echo "Warm, one JVM, rounds 2-$warm_rounds: built-in ${warm_builtin% } s; schema ${warm_schema% } s; ratios ${warm_ratios% }."
        echo
        echo "- 3. the foreign dialect through its schema / our layout through the built-in schema, warm: median $(calc %.3f "$(median "$warm_ratios")") (target <= 1.10): $(pass "$(median "$warm_ratios") <= 1.10"); cold $s / $b = $(calc %.3f "$s / $b"), by CPU $(calc %.3f "$(median "${cpu[schema_10m]}") / $(median "${cpu[builtin_10m]}")")"
        echo "- 4. inspect on $(du -m "$big" | cut -f1) MB: $i s (target < 2 s): $(pass "$i < 2")"
        echo "- 5. full report / DuckDB's one GROUP BY, same file: ours $b / $g = $(calc %.3f "$b / $g"): $(pass "$b <= $g"); foreign $s / $f = $(calc %.3f "$s / $f"): $(pass "$s <= $f") (target <= 1.0)"
    } >>"$work/schema.txt"
}

rm -f "$work/schema.txt"
if [[ $schema_only == true ]]; then
    schema_rows
    { echo "# Sales report benchmark, schema rows ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores)"; cat "$work/schema.txt"; } \
        | tee bench/work/sales.txt
    exit 0
fi
for (( round = 1; round <= rounds; round++ )); do
    echo "Round $round of $rounds (cold, $cold_rows rows) ..."
    timed tilework bin/tilework sales report "$cold_csv" --out "$work/tilework" --quiet
    timed duckdb_group_by "${duck[@]}" "$cold_csv" "$work/duckdb-group-by" 2 --group-by
    timed duckdb_full "${duck[@]}" "$cold_csv" "$work/duckdb" 2
done
echo "Warm scaling in one JVM ($warm_rows rows, $warm_rounds rounds) ..."
"$java" -Xmx768m -cp "$bench_jar" io.tilework.bench.sales.SalesScaling "$warm_csv" "$work/scaling" "$warm_rounds" \
    >"$work/scaling.out" 2>"$work/scaling.err" || fail "SalesScaling failed: $(tail -3 "$work/scaling.err")"
schema_rows
load_after=$(load)
# "round R threads T S s": per round after the first, 1-thread time / 2-thread time
ratios=$(awk '$1 == "round" && $2 > 1 { t[$2, $4] = $5; r[$2] = 1 }
    END { for (k in r) if (t[k, 1] && t[k, 2]) printf "%.3f ", t[k, 1] / t[k, 2] }' "$work/scaling.out")
warm1=$(awk '$1 == "round" && $2 > 1 && $4 == 1 { printf "%s ", $5 }' "$work/scaling.out")
warm2=$(awk '$1 == "round" && $2 > 1 && $4 == 2 { printf "%s ", $5 }' "$work/scaling.out")
scaling=$(median "$ratios")

t=$(median "${wall[tilework]}")
g=$(median "${wall[duckdb_group_by]}")
f=$(median "${wall[duckdb_full]}")
accepted_t=$(sed -nE 's/.* ([0-9]+) accepted.*/\1/p' "$work/tilework.out" | head -1)
accepted_d=$(sed -nE 's/^duckdb: ([0-9]+) accepted.*/\1/p' "$work/duckdb_full.out")
{
    echo "# Sales report benchmark ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores; load average $load_before before, $load_after after)"
    echo
    echo "Cold, $cold_rows rows ($(du -m "$cold_csv" | cut -f1) MB), a new process per run:"
    echo
    echo "| run | median wall s | all rounds | median CPU s | peak RSS MiB |"
    echo "|---|---|---|---|---|"
    for kind in tilework duckdb_group_by duckdb_full; do
        echo "| $kind | $(median "${wall[$kind]}") | ${wall[$kind]% } | $(median "${cpu[$kind]}") | $(calc %.0f "$(maximum "${rss[$kind]}") / 1024") |"
    done
    echo
    echo "Warm, $warm_rows rows ($(du -m "$warm_csv" | cut -f1) MB), one JVM, rounds 2-$warm_rounds: 1 thread ${warm1% } s; 2 threads ${warm2% } s; ratios ${ratios% }."
    echo "Rows accepted: tilework $accepted_t, DuckDB's full report $accepted_d (its CSV reader lets some rows of the"
    echo "wrong column count through)."
    echo
    echo "- 1. tilework, every KPI / DuckDB, one GROUP BY city, month, cold: $t / $g = $(calc %.3f "$t / $g") (target <= 1.0): $(pass "$t <= $g")"
    echo "- 2. 2 threads against 1, warm: median $(calc %.2f "$scaling") x (target >= 1.7): $(pass "$scaling >= 1.7")"
    echo "- informative: tilework / DuckDB's full report (issue 6, <= 1.0): $(calc %.3f "$t / $f"); tilework peak RSS $(calc %.0f "$(maximum "${rss[tilework]}") / 1024") MiB (<= 1024)"
    cat "$work/schema.txt"
} | tee bench/work/sales.txt
