#!/usr/bin/env bash
# Server benchmark (issue 22): `tilework serve` against the command line, in one run that ends with
# the figures and PASS/FAIL:
#   1. the same job by the CLI and through the server with the console's dashboard open in a headless
#      chromium: `sales report FILE --out DIR --quiet` (whole process, JVM start included) against
#      POST /api/jobs and GET /api/jobs/{id} every 50 ms until it succeeded (request to the answer
#      that shows the end), alternately, ROUNDS rounds after one warm-up round each (medians):
#                                                                                   ratio <= 1.05
#   2. the event stream's delivery latency during those server runs: a client of /api/events takes
#      now minus each event's id (its publish time, ms since the epoch):              p99 < 250 ms
#   3. load: 50 concurrent clients (40 polling /api/jobs/{id}, /api/dashboard and /api/jobs in turn
#      every 200 ms, 10 holding /api/events), at least LOAD_SECONDS (30), the same job run back to
#      back under it, against the same job run back to back alone for as long, LOAD_ROUNDS times
#      (alternately, alone first): errors 0; API latency p99 < 250 ms; job time loaded / alone
#      (medians) <= 1.05
#   4. the server's idle RSS (`ps -o rss=` of the serve JVM) 10 s after its start, and 10 s after the
#      last job (informative).
#
#   bench/server.sh [--rounds N] [--load-rounds N]
#
# One server (`bin/tilework serve --data-root bench/work/server/data --port 0`: a free port, read
# from its first line) for the whole run, as a user's server lives across jobs; its default JVM
# options and engine, like the command's. The browser (`chromium --headless=new`, Debian's) is
# started for each server run of part 1 and closed after it; the job is posted once the dashboard
# has asked for /api/dashboard (counted from /metrics; a console without a dashboard is reported,
# not waited for). The clients are Java mains of the bench module (io.tilework.bench.server:
# EventLatency, ServerLoad; java.net.http on virtual threads, a connection per client), on the same
# JDK. Every process the script starts is stopped on exit.
# Input: `tilework sales generate --seed 1`, SERVER_ROWS rows (default 25,000,000: about 1.4 GB, a
# run of 10 s or more on 2 cores), made once under bench/work/sales/ (git-ignored) and linked into
# the data root. The server's report.json is compared with the command's: the same work.
# Needs the jars built (make build), chromium, curl, /usr/bin/time (GNU time). About 6 minutes on 2 cores. Work files and logs
# go to bench/work/server/; the report to the terminal and to bench/work/server.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "server.sh: $*" >&2
    exit 1
}

rounds=3
load_rounds=1
while (( $# > 0 )); do
    case $1 in
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --load-rounds) load_rounds=${2:?--load-rounds needs a number}; shift 2 ;;
        -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
        *) fail "unknown option '$1' (see --help)" ;;
    esac
done
rows=${SERVER_ROWS:-25000000}
load_seconds=${LOAD_SECONDS:-30}
for n in "$rounds" "$load_rounds" "$rows" "$load_seconds"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || fail "--rounds, --load-rounds, SERVER_ROWS and LOAD_SECONDS must be positive whole numbers, not '$n'"
done
java_home=${JAVA_HOME:-$(scripts/java-home.sh)}
java="$java_home/bin/java"
bench_jar=bench/target/tilework-bench.jar
[[ -f app/target/tilework.jar && -f $bench_jar ]] || fail "build the jars first: make build"
command -v chromium >/dev/null || fail "chromium is missing: apt-get install chromium"
command -v curl >/dev/null || fail "curl is missing: apt-get install curl"
[[ -x /usr/bin/time ]] || fail "/usr/bin/time (GNU time) is missing: apt-get install time"

work=bench/work/server
rm -rf "$work"
mkdir -p "$work/data" bench/work/sales
csv=bench/work/sales/transactions-$rows.csv
if [[ ! -f $csv ]]; then
    echo "Generating $rows rows into $csv ..." >&2
    bin/tilework sales generate --rows "$rows" --seed 1 --out "$csv" >/dev/null
fi
# in the data root (the server takes no path out of it, links included): a second name for the same file
ln "$csv" "$work/data/transactions.csv" 2>/dev/null || cp "$csv" "$work/data/transactions.csv"
cat "$csv" >/dev/null # in the page cache for every run
# absolute paths inside the data root, the same for the command and the server (report.json names its input)
data=$(realpath "$work/data")

declare -A pid
cleanup() {
    local name
    for name in "${!pid[@]}"; do
        # the browser runs in a session of its own (setsid): its group holds its helper processes
        if [[ $name == browser ]]; then
            kill -KILL -- "-${pid[$name]}" 2>/dev/null || true
        else
            kill -KILL "${pid[$name]}" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
pass() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
median() { tr ' ,' '\n\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -nE "s/.*(^| )$1=([^ ]*).*/\2/p" <<<"$2"; } # field NAME LINE: the value of NAME=VALUE
now_ns() { date +%s%N; }
seconds_since() { awk -v s="$1" -v e="$(now_ns)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }'; }
rss_mib() {
    local kib
    kib=$(ps -o rss= -p "${pid[server]}" | tr -d ' ') && [[ -n $kib ]] || fail "the server ended: $(tail -3 "$work/serve.err")"
    calc %.0f "$kib / 1024"
}
clock_ticks=$(getconf CLK_TCK)
server_cpu() { awk -v t="$clock_ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/${pid[server]}/stat"; } # user + system s
declare -A cpu
# client LABEL ARGS...: the job through the server (ServerLoad with ARGS); its line in $work/LABEL.out, and
# in cpu[LABEL] "the server's CPU s per job, the client's CPU s" (on 2 cores the clients compete for them too)
client() {
    local label=$1 before line jobs
    shift
    before=$(server_cpu)
    /usr/bin/time -f '%U %S' -o "$work/$label.time" "${served_job[@]}" "$@" >"$work/$label.out" 2>"$work/$label.err" \
        || fail "$label: the job through the server failed: $(tail -3 "$work/$label.err")"
    line=$(tail -1 "$work/$label.out")
    jobs=$(field jobs "$line")
    cpu[$label]="$(calc %.2f "($(server_cpu) - $before) / $jobs") $(awk '{ printf "%.2f", $1 + $2 }' "$work/$label.time")"
}
# wait_for SECONDS WHAT CONDITION...: polls CONDITION every 0.1 s
wait_for() {
    local limit=$1 what=$2 i
    shift 2
    for (( i = 0; i < limit * 10; i++ )); do
        "$@" && return 0
        sleep 0.1
    done
    fail "$what not within $limit s"
}

# The server, for the whole run.
load_before=$(load)
bin/tilework serve --data-root "$work/data" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
pid[server]=$!
server_start=$(now_ns)
listening() {
    kill -0 "${pid[server]}" 2>/dev/null || fail "the server ended: $(tail -3 "$work/serve.err")"
    grep -q "^Tilework console: " "$work/serve.out"
}
wait_for 60 "the server listening" listening
base=$(sed -nE 's|^Tilework console: (http://[^/ ]+)/.*|\1|p' "$work/serve.out" | head -1)
[[ -n $base ]] || fail "cannot read the server's address: $(head -1 "$work/serve.out")"
# requests answered for ROUTE ("GET /api/dashboard"), from /metrics
requests_of() {
    curl -sf "$base/metrics" | awk -v r="route=\"$1\"" 'index($0, "tilework_http_request_duration_seconds_count{") == 1 && index($0, r) { n = $NF } END { print n + 0 }'
}
echo "Server at $base (pid ${pid[server]}); load $load_before"

# 4a. Idle RSS 10 s after the start, nothing run yet.
sleep "$(awk -v s="$server_start" -v e="$(now_ns)" 'BEGIN { w = 10 - (e - s) / 1e9; print (w > 0) ? w : 0 }')"
rss_start=$(rss_mib)

job='{"kind":"sales.report","parameters":{"files":["'$data'/transactions.csv"],"out":"'$data'/out/server"}}'
served_job=("$java" -cp "$bench_jar" io.tilework.bench.server.ServerLoad "$base" "$job")

declare -A times
# cli ROUND: the command, a new process as a user runs it
cli() {
    local start
    start=$(now_ns)
    /usr/bin/time -f '%U %S' -o "$work/cli-$1.time" bin/tilework sales report "$data/transactions.csv" --out "$work/cli" --quiet \
        >"$work/cli-$1.out" 2>"$work/cli-$1.err" || fail "sales report failed: $(tail -3 "$work/cli-$1.err")"
    times[cli-$1]=$(seconds_since "$start")
    cpu[cli-$1]=$(awk '{ printf "%.2f", $1 + $2 }' "$work/cli-$1.time")
}
# served_run ROUND: the same job through the server, the dashboard open in the browser meanwhile
dashboard_polls=""; browser_cpu=""
served_run() {
    local before line
    before=$(requests_of "GET /api/dashboard")
    rm -rf "$work/chromium"
    setsid chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check \
        --user-data-dir="$work/chromium" "$base/console/index.html" >>"$work/chromium.log" 2>&1 &
    pid[browser]=$!
    # the page asks within a few seconds of its start; a console without a dashboard is waited for once
    local i opened=no limit=200
    [[ $dashboard_polls == *[1-9]* || -z $dashboard_polls ]] || limit=50
    for (( i = 0; i < limit; i++ )); do
        (( $(requests_of "GET /api/dashboard") > before )) && { opened=yes; break; }
        kill -0 "${pid[browser]}" 2>/dev/null || fail "chromium ended: $(tail -3 "$work/chromium.log")"
        sleep 0.1
    done
    [[ $opened == yes ]] || echo "   (the console at /console/index.html did not ask for /api/dashboard within $(( limit / 10 )) s: no dashboard on this build?)" >&2
    local polls_before
    polls_before=$(requests_of "GET /api/dashboard")
    client "served-$1" --pollers 0 --streams 0 --jobs 1
    line=$(tail -1 "$work/served-$1.out")
    dashboard_polls+="$(( $(requests_of "GET /api/dashboard") - polls_before )) "
    # the browser's CPU from its start: every process of its group (field 5 of /proc/PID/stat), its children's included
    browser_cpu+="$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v t="$clock_ticks" -v g="${pid[browser]}" '$5 == g { s += $14 + $15 + $16 + $17 }
        END { printf "%.2f", s / t }') "
    kill -KILL -- "-${pid[browser]}" 2>/dev/null || true
    wait "${pid[browser]}" 2>/dev/null || true
    unset 'pid[browser]'
    times[served-$1]=$(field job_s "$line")
}

# 1 and 2. The command against the server with the dashboard open; the event latency client meanwhile.
"$java" -cp "$bench_jar" io.tilework.bench.server.EventLatency "$base" >"$work/events.out" 2>"$work/events.err" &
pid[events]=$!
subscribed() { curl -sf "$base/metrics" | grep -q '^tilework_event_subscribers [1-9]'; }
wait_for 30 "the event latency client subscribed" subscribed
cli_times=""; served_times=""; paired=""
for (( r = 0; r <= rounds; r++ )); do
    echo "1. round $r of $rounds$( (( r == 0 )) && echo ' (warm-up, not counted)'): command, then server with the dashboard (load $(load)) ..."
    cli "$r"
    served_run "$r"
    if (( r > 0 )); then
        cli_times+="${times[cli-$r]} "
        served_times+="${times[served-$r]} "
        paired+="$(calc %.3f "${times[served-$r]} / ${times[cli-$r]}") "
    fi
done
kill -TERM "${pid[events]}" 2>/dev/null || true
wait "${pid[events]}" 2>/dev/null || true
unset 'pid[events]'
events_line=$(tail -1 "$work/events.out")
[[ $events_line == events=* ]] || fail "cannot read the event latency client's line: $(cat "$work/events.out" "$work/events.err")"
cmp -s "$work/cli/report.json" "$work/data/out/server/report.json" || fail "the server's report.json differs from the command's"

# 3. Load: alone, then under 50 clients, back to back for LOAD_SECONDS each.
alone_times=""; loaded_times=""; load_lines=(); cpu_lines=()
for (( r = 1; r <= load_rounds; r++ )); do
    echo "3. round $r of $load_rounds: the job alone for ${load_seconds} s (load $(load)) ..."
    client "alone-$r" --pollers 0 --streams 0 --seconds "$load_seconds"
    alone_times+="$(field job_s "$(tail -1 "$work/alone-$r.out")") "
    echo "   under 40 polling clients and 10 event streams for ${load_seconds} s (load $(load)) ..."
    client "loaded-$r" --pollers 40 --streams 10 --seconds "$load_seconds"
    line=$(tail -1 "$work/loaded-$r.out")
    loaded_times+="$(field job_s "$line") "
    load_lines+=("$line")
    cpu_lines+=("round $r: the server ${cpu[alone-$r]% *} s per job alone, ${cpu[loaded-$r]% *} s loaded; the load's client JVM ${cpu[loaded-$r]#* } s")
done
dropped=$(curl -sf "$base/metrics" | awk '$1 == "tilework_event_subscribers_dropped_total" { print $2 }')

# 4b. Idle RSS 10 s after the last job.
sleep 10
rss_after=$(rss_mib)
load_after=$(load)

# The load's figures over every loaded round: requests and errors summed, latencies the worst round's.
requests=0; errors=0; p50=0; p99=0; max=0; stream_events=0; stream_p99=0; load_s=""
for line in "${load_lines[@]}"; do
    requests=$(( requests + $(field requests "$line") ))
    errors=$(( errors + $(field errors "$line") ))
    stream_events=$(( stream_events + $(field stream_events "$line") ))
    p50=$(calc %.1f "($(field p50_ms "$line") > $p50) ? $(field p50_ms "$line") : $p50")
    p99=$(calc %.1f "($(field p99_ms "$line") > $p99) ? $(field p99_ms "$line") : $p99")
    max=$(calc %.1f "($(field max_ms "$line") > $max) ? $(field max_ms "$line") : $max")
    stream_p99=$(calc %.1f "($(field stream_p99_ms "$line") > $stream_p99) ? $(field stream_p99_ms "$line") : $stream_p99")
    load_s+="$(field load_s "$line") "
done

c=$(median "$cli_times"); s=$(median "$served_times")
a=$(median "$alone_times"); l=$(median "$loaded_times")
ratio=$(calc %.3f "$s / $c")
load_ratio=$(calc %.3f "$l / $a")
ev_p50=$(field p50_ms "$events_line"); ev_p99=$(field p99_ms "$events_line"); ev_max=$(field max_ms "$events_line")
{
    echo "# Server benchmark ($(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) cores; load average $load_before before, $load_after after)"
    echo
    echo "Job: sales report of $rows rows ($(du -m "$csv" | cut -f1) MB). Rounds: $rounds after a warm-up (medians); load rounds: $load_rounds."
    echo
    echo "| run | median s | all rounds (warm-up first) |"
    echo "|---|---|---|"
    echo "| command (\`sales report --quiet\`, whole process) | $c | ${times[cli-0]} / ${cli_times% } |"
    echo "| server, dashboard open (POST to the answer showing the end) | $s | ${times[served-0]} / ${served_times% } |"
    echo "| server, job alone, back to back for ${load_seconds} s | $a | ${alone_times% } |"
    echo "| server, job under 50 clients, back to back | $l | ${loaded_times% } |"
    echo
    echo "Dashboard requests during each server run (warm-up first): ${dashboard_polls% }; the browser's CPU (user + system, from its start): ${browser_cpu% } s."
    echo "Event latency client: $events_line"
    for line in "${load_lines[@]}"; do
        echo "Load: $line"
    done
    echo "Event stream clients dropped by the server over the run: ${dropped:-?}"
    echo "CPU (user + system) per job in part 1 (warm-up first): the command $(for r in $(seq 0 "$rounds"); do printf '%s ' "${cpu[cli-$r]}"; done)s;" \
        "the server (the job, the dashboard's and the event client's requests) $(for r in $(seq 0 "$rounds"); do printf '%s ' "${cpu[served-$r]% *}"; done)s"
    for line in "${cpu_lines[@]}"; do
        echo "CPU, load $line"
    done
    echo
    echo "- 1. same job, server with the dashboard open / command: $s / $c s = $ratio x (target <= 1.05): $(pass "$ratio <= 1.05")"
    echo "      paired, round by round: ${paired% } (median $(median "$paired") x)"
    echo "- 2. event delivery latency (now - id) during the server runs: p50 $ev_p50 ms, p99 $ev_p99 ms, max $ev_max ms," \
        "$(field events "$events_line") events (target p99 < 250 ms): $(pass "$(field events "$events_line") > 0 && $ev_p99 < 250")"
    echo "- 3a. load, 40 polling + 10 streaming clients for ${load_s% } s: $requests requests, $errors errors (target 0): $(pass "$errors == 0")"
    echo "- 3b. load, API latency: p50 $p50 ms, p99 $p99 ms, max $max ms (target p99 < 250 ms): $(pass "$requests > 0 && $p99 < 250")"
    for line in "${load_lines[@]}"; do
        echo "      p50 / p99 by route: /api/jobs/{id} $(field job_p50_ms "$line") / $(field job_p99_ms "$line") ms," \
            "/api/dashboard $(field dashboard_p50_ms "$line") / $(field dashboard_p99_ms "$line") ms, /api/jobs $(field jobs_p50_ms "$line") / $(field jobs_p99_ms "$line") ms"
    done
    echo "      the 10 streams: $stream_events events delivered, p99 $stream_p99 ms"
    echo "- 3c. load, the job under load / alone: $l / $a s = $load_ratio x (target <= 1.05): $(pass "$load_ratio <= 1.05")"
    echo "- 4. server idle RSS: $rss_start MiB 10 s after its start, $rss_after MiB 10 s after the last job (informative)"
} | tee bench/work/server.txt

grep -q "FAIL" bench/work/server.txt && exit 1
exit 0
