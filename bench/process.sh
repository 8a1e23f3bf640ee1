#!/usr/bin/env bash
# Process engine benchmark: the engine on its SQLite store, and the same run in memory (what
# durability costs), in one run that ends with the figures and PASS/FAIL against the targets:
#   1. >= 5,000 activity completions per second on SQLite (batch commits)
#   2. p99 latency from external event to committed state < 10 ms at 1,000 events/s, on SQLite
# then what a step of the map pack costs, beside the workflow's activity (figures, no target).
#
#   bench/process.sh [--rounds N] [--no-map]
#
# Each round (default 3; medians compared) runs io.tilework.bench.process.ProcessThroughput
# (bench/src/main/java/io/tilework/bench/process/ProcessThroughput.java) once per store, a JVM each:
# - throughput: BENCH_INSTANCES (default 2,000) instances of a workflow of 10 job activities, no-op
#   jobs (process.sleep) run by the worker through the outbox, all started at once, after a warm-up
#   of 200; activity completions per second from the first start to the last completion;
# - latency: 100 instances waiting in a receive activity that loops on itself; BENCH_RATE (default
#   1,000) signals per second for BENCH_SECONDS (default 10), sent open-loop round-robin; the time
#   from sending a signal to its transaction being committed, as p50, p99 and max.
# After those rounds (unless --no-map), as many rounds of io.tilework.bench.process.MapSteps, once
# per store: BENCH_MAP_INSTANCES (default 500) instances of a map of 10 steps (Start -> I1 -> ... ->
# I9 -> Stop; from each intention a no-op job an SSG recommends, a human section it only advises, a
# job an ISG excludes), all started at once after a warm-up of 100, driven by a client that
# subscribes to the committed log records and chooses the recommended candidate as soon as an
# achievement is committed, until Stop: map steps (achievements) per second; the time from sending
# `choose` to its achievement committed, p50/p99 (with all instances in flight: mostly queueing)
# and solo p50/p99 (30 instances one at a time); and the ratio of map steps per second to the
# workflow's activity completions per second of the same run, per store.
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh), the bench jar built (make build)
# and /usr/bin/time (GNU time). About 2.5 minutes on 2 cores. The report goes to the terminal and
# to bench/work/process.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "process.sh: $*" >&2
    exit 1
}

rounds=3
map=true
while (( $# > 0 )); do
    case $1 in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --no-map) map=false; shift ;;
        -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
        *) fail "unknown option '$1' (see --help)" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail "--rounds must be a positive whole number, not '$rounds'"
instances=${BENCH_INSTANCES:-2000}
rate=${BENCH_RATE:-1000}
seconds=${BENCH_SECONDS:-10}
map_instances=${BENCH_MAP_INSTANCES:-500}
for value in "$instances" "$rate" "$seconds" "$map_instances"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || fail "BENCH_INSTANCES, BENCH_RATE, BENCH_SECONDS and BENCH_MAP_INSTANCES must be positive whole numbers, not '$value'"
done

java_home=${JAVA_HOME:-$(scripts/java-home.sh)}
java="$java_home/bin/java"
bench_jar=bench/target/tilework-bench.jar
[[ -f $bench_jar ]] || fail "build the jars first: make build"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"

work=bench/work/process
mkdir -p "$work"
report=bench/work/process.txt

# field NAME LINE: the value of NAME=... in a result line
field() {
    sed -n "s/.* $1=\([^ ]*\).*/\1/p; s/^$1=\([^ ]*\).*/\1/p" <<< "$2" | head -1
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A per_second p50 p99 worst rss
for store in sqlite memory; do
    per_second[$store]=""; p50[$store]=""; p99[$store]=""; worst[$store]=""; rss[$store]=""
done
for (( round = 1; round <= rounds; round++ )); do
    echo "Round $round of $rounds ..." >&2
    for store in sqlite memory; do
        line=$(/usr/bin/time -f "rss_kb=%M" -o "$work/time.txt" "$java" --enable-native-access=ALL-UNNAMED \
            -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar" io.tilework.bench.process.ProcessThroughput \
            "$store" "$work" "$instances" "$rate" "$seconds") || fail "the $store run failed"
        per_second[$store]+="$(field per_second "$line") "
        p50[$store]+="$(field p50_ms "$line") "
        p99[$store]+="$(field p99_ms "$line") "
        worst[$store]+="$(field max_ms "$line") "
        rss[$store]+="$(( $(sed -n 's/rss_kb=//p' "$work/time.txt") / 1024 )) "
    done
done

declare -A map_per_second map_p50 map_p99 map_worst solo_p50 solo_p99 map_rss
for store in sqlite memory; do
    map_per_second[$store]=""; map_p50[$store]=""; map_p99[$store]=""; map_worst[$store]=""
    solo_p50[$store]=""; solo_p99[$store]=""; map_rss[$store]=""
done
if $map; then
    for (( round = 1; round <= rounds; round++ )); do
        echo "Map round $round of $rounds ..." >&2
        for store in sqlite memory; do
            line=$(/usr/bin/time -f "rss_kb=%M" -o "$work/time.txt" "$java" --enable-native-access=ALL-UNNAMED \
                -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar" io.tilework.bench.process.MapSteps \
                "$store" "$work" "$map_instances") || fail "the $store map run failed"
            map_per_second[$store]+="$(field per_second "$line") "
            map_p50[$store]+="$(field p50_ms "$line") "
            map_p99[$store]+="$(field p99_ms "$line") "
            map_worst[$store]+="$(field max_ms "$line") "
            solo_p50[$store]+="$(field solo_p50_ms "$line") "
            solo_p99[$store]+="$(field solo_p99_ms "$line") "
            map_rss[$store]+="$(( $(sed -n 's/rss_kb=//p' "$work/time.txt") / 1024 )) "
        done
    done
fi

med() { tr ' ' '\n' <<< "$1" | grep . | median; }

{
    echo "# Process engine benchmark ($instances instances x 10 job activities; $rate signals/s for $seconds s; $(nproc) cores; $(date +%F))"
    echo
    echo "| store | completions/s, median | all rounds | p50 ms | p99 ms, median | all rounds | max ms | peak RSS MiB |"
    echo "|---|---|---|---|---|---|---|---|"
    for store in sqlite memory; do
        echo "| $store | $(med "${per_second[$store]}") | ${per_second[$store]% } | $(med "${p50[$store]}") | $(med "${p99[$store]}") | ${p99[$store]% } | $(med "${worst[$store]}") | $(med "${rss[$store]}") |"
    done
    echo
    throughput=$(med "${per_second[sqlite]}")
    latency=$(med "${p99[sqlite]}")
    awk -v t="$throughput" 'BEGIN { printf "- 1. activity completions per second on SQLite: %.0f (target >= 5000): %s\n", t, (t >= 5000 ? "PASS" : "FAIL") }'
    awk -v l="$latency" 'BEGIN { printf "- 2. p99 from event to committed state at the given rate, SQLite: %.3f ms (target < 10): %s\n", l, (l < 10 ? "PASS" : "FAIL") }'
    awk -v d="$throughput" -v m="$(med "${per_second[memory]}")" -v dl="$latency" -v ml="$(med "${p99[memory]}")" \
        'BEGIN { printf "  (informative: durability costs %.0f %% of the throughput and %.3f ms of p99: in memory %.0f/s, p99 %.3f ms)\n", (1 - d / m) * 100, dl - ml, m, ml }'
    if $map; then
        echo
        echo "## Map steps ($map_instances instances x 10 steps, each choose sent by a client as soon as the previous achievement is committed; no target)"
        echo
        echo "| store | steps/s, median | all rounds | p50 ms | p99 ms, median | all rounds | max ms | solo p50 ms | solo p99 ms | peak RSS MiB |"
        echo "|---|---|---|---|---|---|---|---|---|---|"
        for store in sqlite memory; do
            echo "| $store | $(med "${map_per_second[$store]}") | ${map_per_second[$store]% } | $(med "${map_p50[$store]}") | $(med "${map_p99[$store]}") | ${map_p99[$store]% } | $(med "${map_worst[$store]}") | $(med "${solo_p50[$store]}") | $(med "${solo_p99[$store]}") | $(med "${map_rss[$store]}") |"
        done
        echo
        for store in sqlite memory; do
            awk -v s="$store" -v m="$(med "${map_per_second[$store]}")" -v w="$(med "${per_second[$store]}")" \
                'BEGIN { printf "- %s: a map step costs %.1f workflow activities (%.0f map steps/s against %.0f activity completions/s: ratio %.3f)\n", s, w / m, m, w, m / w }'
        done
    fi
} | tee "$report"
