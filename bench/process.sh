#!/usr/bin/env bash
# Process engine benchmark: the engine on its SQLite store, on PostgreSQL, and the same run in memory
# (what durability costs), in one run that ends with the figures and PASS/FAIL against the targets:
#   1. >= 5,000 activity completions per second on SQLite (batch commits)
#   2. p99 latency from external event to committed state < 10 ms at 1,000 events/s, on SQLite
#   3. (issue 25) on PostgreSQL with 8 clients: >= 5,000 completions per second and p99 < 10 ms
# then what a step of the map pack costs, beside the workflow's activity (figures, no target).
#
#   bench/process.sh [--rounds N] [--no-map] [--no-clients] [--clients 1,8,32] [--clients-only] [--no-postgresql]
#
# --clients-only runs the clients part alone (no throughput or latency rounds, no map steps).
#
# PostgreSQL: the script starts a server of its own (initdb and pg_ctl of /usr/lib/postgresql/*/bin
# or the PATH, run as the postgres user when the script runs as root) in bench/work/process/postgresql,
# on 127.0.0.1 and a free port, with a password made for the run (passed in PGPASSWORD, never on a
# command line) and the server's defaults otherwise (fsync and synchronous_commit on); it is stopped at
# the end, also when the run fails or is interrupted. Without the binaries the script fails saying how
# to install them (apt-get install -y postgresql), unless --no-postgresql.
#
# Each round (default 3; medians compared) runs io.tilework.bench.process.ProcessThroughput
# (bench/src/main/java/io/tilework/bench/process/ProcessThroughput.java) once per store, a JVM each:
# - throughput: BENCH_INSTANCES (default 2,000) instances of a workflow of 10 job activities, no-op
#   jobs (process.sleep) run by the worker through the outbox, all started at once, after a warm-up
#   of 200; activity completions per second from the first start to the last completion;
# - latency: 100 instances waiting in a receive activity that loops on itself; BENCH_RATE (default
#   1,000) signals per second for BENCH_SECONDS (default 10), sent open-loop round-robin; the time
#   from sending a signal to its transaction being committed, as p50, p99 and max.
# Clients (unless --no-clients; issue 25), in each round, io.tilework.bench.process.ClientLoad once per
# store: 1, 8 and 32 clients (--clients), each a thread driving its own 4 instances waiting in a receive
# activity that loops on itself: it sends the signal that completes the activity and waits for its
# outcome (committed) before sending the next (a closed loop). A completion is one such activity
# completed by a client's event, its latency from sending the event to the committed outcome; once per JVM
# 10 s of 8 clients unmeasured (the JIT compiles the engine's hot code: a server's first seconds are not its
# throughput), then per number of clients 3 s of warm-up and BENCH_CLIENT_SECONDS (default 5) measured: completions per
# second, p50 and p99. Then, informative, one more PostgreSQL run with the server's synchronous_commit off
# (a commit no longer waits for the WAL's fsync; not durable against a crash of the database server)
# and the disk's fdatasync rate (pg_test_fsync, one 8 kB write): with fsync on, a closed-loop client
# waits for one fsync per command, so N clients make at most N x that rate. Beside PostgreSQL's figure at 8 clients, the issue's figure for Temporal on a
# minimal PostgreSQL (about 1,000 workflow transitions per second: quoted, not measured here).
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
# and /usr/bin/time (GNU time). About 8 minutes on 2 cores. The report goes to the terminal and
# to bench/work/process.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "process.sh: $*" >&2
    exit 1
}

rounds=3
map=true
clients=1,8,32
postgresql=true
throughput=true
while (( $# > 0 )); do
    case $1 in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --no-map) map=false; shift ;;
        --clients) clients=${2:?--clients needs numbers, e.g. 1,8,32}; shift 2 ;;
        --no-clients) clients=""; shift ;;
        --no-postgresql) postgresql=false; shift ;;
        --clients-only) throughput=false; map=false; shift ;;
        -h|--help) sed -n '2,50p' "$0"; exit 0 ;;
        *) fail "unknown option '$1' (see --help)" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail "--rounds must be a positive whole number, not '$rounds'"
[[ -z $clients || $clients =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || fail "--clients must be positive whole numbers separated by commas, not '$clients'"
instances=${BENCH_INSTANCES:-2000}
rate=${BENCH_RATE:-1000}
seconds=${BENCH_SECONDS:-10}
map_instances=${BENCH_MAP_INSTANCES:-500}
client_seconds=${BENCH_CLIENT_SECONDS:-5}
for value in "$instances" "$rate" "$seconds" "$map_instances" "$client_seconds"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || fail "BENCH_INSTANCES, BENCH_RATE, BENCH_SECONDS, BENCH_MAP_INSTANCES and BENCH_CLIENT_SECONDS must be positive whole numbers, not '$value'"
done
stores="sqlite memory"
if $postgresql; then
    stores+=" postgresql"
fi

java_home=${JAVA_HOME:-$(scripts/java-home.sh)}
java="$java_home/bin/java"
bench_jar=bench/target/tilework-bench.jar
[[ -f $bench_jar ]] || fail "build the jars first: make build"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"

work=bench/work/process
mkdir -p "$work"
report=bench/work/process.txt

# The PostgreSQL server of this run: its own cluster in $work/postgresql, stopped by the EXIT trap.
pg_folder=$work/postgresql
pg_bin=""
as_postgres=()
stop_postgresql() {
    if [[ -n $pg_bin && -f $pg_folder/data/postmaster.pid ]]; then
        "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_folder/data" -m fast -w stop > /dev/null 2>&1 \
            || echo "process.sh: could not stop the PostgreSQL server in $pg_folder/data (see $pg_folder/server.log)" >&2
    fi
}
trap stop_postgresql EXIT
trap 'exit 130' INT TERM

# free_port: a TCP port on 127.0.0.1 nothing listens on (nothing answers a connection to it)
free_port() {
    local port
    for _ in $(seq 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            echo "$port"
            return
        fi
    done
    fail "no free TCP port found on 127.0.0.1"
}

start_postgresql() {
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V -r) "$(dirname "$(command -v pg_ctl 2> /dev/null || echo .)")"; do
        if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
            pg_bin=$candidate
            break
        fi
    done
    [[ -n $pg_bin ]] || fail "PostgreSQL's server binaries (initdb, pg_ctl) are not in /usr/lib/postgresql/*/bin nor on the PATH: apt-get install -y postgresql, or run with --no-postgresql"
    rm -rf "$pg_folder"
    mkdir -p "$pg_folder"
    if (( EUID == 0 )); then
        chown postgres: "$pg_folder" || fail "cannot give $pg_folder to the postgres user (initdb does not run as root)"
        as_postgres=(runuser -u postgres --)
    fi
    # A password for this run only: in a private file for initdb, then in the environment of the JVMs.
    PGPASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    export PGPASSWORD
    (umask 077 && printf '%s\n' "$PGPASSWORD" > "$pg_folder/password")
    [[ ${#as_postgres[@]} == 0 ]] || chown postgres: "$pg_folder/password"
    "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_folder/data" -U postgres --auth=scram-sha-256 --pwfile="$pg_folder/password" \
        --no-locale -E UTF8 > "$pg_folder/initdb.log" 2>&1 || fail "initdb failed: see $pg_folder/initdb.log"
    rm -f "$pg_folder/password"
    local port
    port=$(free_port)
    # No Unix socket (an empty list): the benchmark connects over TCP on 127.0.0.1, as a remote engine would.
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_folder/data" -l "$pg_folder/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=''" start > /dev/null \
        || fail "the PostgreSQL server did not start on 127.0.0.1:$port: see $pg_folder/server.log"
    pg_port=$port
    export BENCH_POSTGRESQL="postgresql://127.0.0.1:$port/process_bench?user=postgres"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port (folder $pg_folder/data)" >&2
}
if $postgresql; then
    start_postgresql
fi

# field NAME LINE: the value of NAME=... in a result line
field() {
    sed -n "s/.* $1=\([^ ]*\).*/\1/p; s/^$1=\([^ ]*\).*/\1/p" <<< "$2" | head -1
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A per_second p50 p99 worst rss
for store in $stores; do
    per_second[$store]=""; p50[$store]=""; p99[$store]=""; worst[$store]=""; rss[$store]=""
done
throughput_rounds=$rounds
$throughput || throughput_rounds=0
for (( round = 1; round <= throughput_rounds; round++ )); do
    echo "Round $round of $rounds ..." >&2
    for store in $stores; do
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

# Clients: one JVM per store and round runs every number of clients; figures keyed "store clients".
declare -A client_per_second client_p50 client_p99 client_worst
client_counts=${clients//,/ }
for store in $stores; do
    for n in $client_counts; do
        client_per_second[$store $n]=""; client_p50[$store $n]=""; client_p99[$store $n]=""; client_worst[$store $n]=""
    done
done
if [[ -n $clients ]]; then
    for (( round = 1; round <= rounds; round++ )); do
        echo "Clients round $round of $rounds ($clients clients, load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
        for store in $stores; do
            lines=$("$java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar" \
                io.tilework.bench.process.ClientLoad "$store" "$work" "$client_seconds" "$clients") || fail "the $store clients run failed"
            for n in $client_counts; do
                line=$(grep " clients=$n " <<< "$lines") || fail "the $store clients run printed no line for $n clients: $lines"
                client_per_second[$store $n]+="$(field per_second "$line") "
                client_p50[$store $n]+="$(field p50_ms "$line") "
                client_p99[$store $n]+="$(field p99_ms "$line") "
                client_worst[$store $n]+="$(field max_ms "$line") "
            done
        done
    done
fi

# Informative: where PostgreSQL's commit time goes (the fsync of its WAL, or the rest).
async_lines=""
fsync_rate=""
if [[ -n $clients ]] && $postgresql; then
    echo "PostgreSQL with synchronous_commit off, and the disk's fsync (informative) ..." >&2
    psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt)
    "${psql[@]}" -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" > /dev/null
    async_lines=$("$java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar" \
        io.tilework.bench.process.ClientLoad postgresql "$work" "$client_seconds" "$clients") || fail "the postgresql clients run with synchronous_commit off failed"
    "${psql[@]}" -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" > /dev/null
    # The first section: one 8 kB write then a sync, by each method; fdatasync is Linux's default for the WAL.
    fsync_rate=$("$pg_bin/pg_test_fsync" -s 1 -f "$work/fsync.test" 2> /dev/null | awk '$1 == "fdatasync" { print $2; exit }') || true
    rm -f "$work/fsync.test"
fi

declare -A map_per_second map_p50 map_p99 map_worst solo_p50 solo_p99 map_rss
for store in $stores; do
    map_per_second[$store]=""; map_p50[$store]=""; map_p99[$store]=""; map_worst[$store]=""
    solo_p50[$store]=""; solo_p99[$store]=""; map_rss[$store]=""
done
if $map; then
    for (( round = 1; round <= rounds; round++ )); do
        echo "Map round $round of $rounds ..." >&2
        for store in $stores; do
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
    if $throughput; then
    echo "| store | completions/s, median | all rounds | p50 ms | p99 ms, median | all rounds | max ms | peak RSS MiB |"
    echo "|---|---|---|---|---|---|---|---|"
    for store in $stores; do
        echo "| $store | $(med "${per_second[$store]}") | ${per_second[$store]% } | $(med "${p50[$store]}") | $(med "${p99[$store]}") | ${p99[$store]% } | $(med "${worst[$store]}") | $(med "${rss[$store]}") |"
    done
    echo
    sqlite_rate=$(med "${per_second[sqlite]}")
    latency=$(med "${p99[sqlite]}")
    awk -v t="$sqlite_rate" 'BEGIN { printf "- 1. activity completions per second on SQLite: %.0f (target >= 5000): %s\n", t, (t >= 5000 ? "PASS" : "FAIL") }'
    awk -v l="$latency" 'BEGIN { printf "- 2. p99 from event to committed state at the given rate, SQLite: %.3f ms (target < 10): %s\n", l, (l < 10 ? "PASS" : "FAIL") }'
    awk -v d="$sqlite_rate" -v m="$(med "${per_second[memory]}")" -v dl="$latency" -v ml="$(med "${p99[memory]}")" \
        'BEGIN { printf "  (informative: durability costs %.0f %% of the throughput and %.3f ms of p99: in memory %.0f/s, p99 %.3f ms)\n", (1 - d / m) * 100, dl - ml, m, ml }'
    fi
    if [[ -n $clients ]]; then
        echo
        echo "## Clients (each sends an event that completes an activity and waits for its commit, then the next; ${client_seconds} s measured after 3 s of warm-up, the JVM warmed by 10 s of 8 clients first; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
        echo
        echo "| store | clients | completions/s, median | all rounds | p50 ms | p99 ms, median | all rounds | max ms |"
        echo "|---|---|---|---|---|---|---|---|"
        for store in $stores; do
            for n in $client_counts; do
                key="$store $n"
                echo "| $store | $n | $(med "${client_per_second[$key]}") | ${client_per_second[$key]% } | $(med "${client_p50[$key]}") | $(med "${client_p99[$key]}") | ${client_p99[$key]% } | $(med "${client_worst[$key]}") |"
            done
        done
        echo
        if $postgresql && [[ -n ${client_per_second[postgresql 8]+set} ]]; then
            awk -v t="$(med "${client_per_second[postgresql 8]}")" -v l="$(med "${client_p99[postgresql 8]}")" \
                'BEGIN { printf "- 3. PostgreSQL, 8 clients: %.0f completions/s (target >= 5000), p99 %.3f ms (target < 10): %s\n", t, l, (t >= 5000 && l < 10 ? "PASS" : "FAIL")
                         printf "  beside Temporal on a minimal PostgreSQL, about 1,000 workflow transitions/s (the issue'"'"'s figure, not measured here): %.1fx\n", t / 1000 }'
        else
            echo "- 3. PostgreSQL, 8 clients: not run (needs PostgreSQL and 8 among --clients)"
        fi
        if [[ -n $async_lines ]]; then
            echo
            echo "Informative, one round: PostgreSQL with synchronous_commit = off (a commit does not wait for the WAL's fsync; not durable against a crash of the database server)"
            echo
            echo "| store | clients | completions/s | p50 ms | p99 ms | max ms |"
            echo "|---|---|---|---|---|---|"
            while read -r line; do
                echo "| postgresql, synchronous_commit off | $(field clients "$line") | $(field per_second "$line") | $(field p50_ms "$line") | $(field p99_ms "$line") | $(field max_ms "$line") |"
            done <<< "$async_lines"
        fi
        if [[ -n $fsync_rate ]]; then
            awk -v r="$fsync_rate" 'BEGIN { printf "\n- the disk'"'"'s fdatasync (pg_test_fsync, one 8 kB write): %.0f per second, %.2f ms each; with fsync on, 8 closed-loop clients make at most about %.0f completions/s\n", r, 1000 / r, 8 * r }'
        fi
    fi
    if $map; then
        echo
        echo "## Map steps ($map_instances instances x 10 steps, each choose sent by a client as soon as the previous achievement is committed; no target)"
        echo
        echo "| store | steps/s, median | all rounds | p50 ms | p99 ms, median | all rounds | max ms | solo p50 ms | solo p99 ms | peak RSS MiB |"
        echo "|---|---|---|---|---|---|---|---|---|---|"
        for store in $stores; do
            echo "| $store | $(med "${map_per_second[$store]}") | ${map_per_second[$store]% } | $(med "${map_p50[$store]}") | $(med "${map_p99[$store]}") | ${map_p99[$store]% } | $(med "${map_worst[$store]}") | $(med "${solo_p50[$store]}") | $(med "${solo_p99[$store]}") | $(med "${map_rss[$store]}") |"
        done
        echo
        for store in $stores; do
            awk -v s="$store" -v m="$(med "${map_per_second[$store]}")" -v w="$(med "${per_second[$store]}")" \
                'BEGIN { printf "- %s: a map step costs %.1f workflow activities (%.0f map steps/s against %.0f activity completions/s: ratio %.3f)\n", s, w / m, m, w, m / w }'
        done
    fi
} | tee "$report"
