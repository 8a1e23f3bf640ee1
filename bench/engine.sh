#!/usr/bin/env bash
# Engine benchmarks (JMH): scheduling overhead per trivial task, memory of a 1,000,000-task DAG
# under a byte budget, and that DAG on Tilework against plain CompletableFutures, in one run that
# ends with a summary of ratios and PASS/FAIL against the targets. See bench/RESULTS.md.
#
#   bench/engine.sh            the full run: about 3 minutes on 2 cores
#   bench/engine.sh --quick    one short iteration of everything (checks the wiring, not the figures)
#
# Needs a JDK 25 (JAVA_HOME, or found by scripts/java-home.sh) and the bench jar built (make build). The report
# goes to the terminal and to bench/work/engine.txt, JMH's raw results to bench/work/engine-jmh.json.
# Run it on an idle machine: the two-thread figures need both cores.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the repository root, wherever this is called from

fail() {
    echo "engine.sh: $*" >&2
    exit 1
}

# A JDK 25 or newer: $JAVA_HOME when it is one, else the newest installed (scripts/java-home.sh says what to do otherwise)
java_home=$(scripts/java-home.sh) || exit 1
java="$java_home/bin/java"

jar=bench/target/tilework-bench.jar
[[ -f $jar ]] || fail "$jar is missing; build it first: make build"

for arg in "$@"; do
    [[ $arg == --quick ]] || fail "unknown argument '$arg'; usage: bench/engine.sh [--quick]"
done

mkdir -p bench/work
# The engine needs no native access; JMH's forks inherit the class path of this JVM.
"$java" -cp "$jar" io.tilework.bench.engine.EngineBenchmarks "$@" | tee bench/work/engine.txt
