#!/usr/bin/env bash
# Long fuzzing campaigns: every fuzz target (app/src/test/java/io/tilework/app/fuzz/*FuzzTest.java),
# one after the other, each for MINUTES (default 10) of Jazzer's coverage-guided fuzzing
# (JAZZER_FUZZ=1, the target's @FuzzTest method) and a fifth of that of the seeded mutation campaign
# (its @Test method) with a seed drawn for this run. Ends with one line per target: inputs run,
# and PASS or FAIL.
#
#   bench/fuzz.sh [MINUTES] [TARGET...]      e.g. bench/fuzz.sh 10, bench/fuzz.sh 1 SalesCsvFuzzTest
#
# A failing input is saved where Jazzer keeps findings, app/src/test/resources/io/tilework/app/fuzz/
# <Target>Inputs/jazzer/crash-SHA1 (`make test` replays every file under <Target>Inputs/ from then on:
# fix the code, give the file a name that says what it is, and commit both), or, for the mutation
# campaign, under app/target/fuzz-findings/NAME/.
# The fuzzed JVM has the launcher's heap (-Xmx768m, set in app/pom.xml): running out of it is a
# finding. Logs go to bench/work/fuzz/TARGET.log; the summary to the terminal and bench/work/fuzz.txt.
# Needs a JDK 25 (found by scripts/java-home.sh) and Maven; about MINUTES x 1.2 per target plus a
# build.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "fuzz.sh: $*" >&2
    exit 1
}

minutes=${1:-10}
[[ $minutes =~ ^[1-9][0-9]*$ ]] || fail "MINUTES must be a positive whole number, not '$minutes' (see the comment at the top)"
shift || true
targets=("$@")
if (( ${#targets[@]} == 0 )); then
    mapfile -t targets < <(find app/src/test/java/io/tilework/app/fuzz -name '*FuzzTest.java' -printf '%f\n' | sed 's/\.java$//' | sort)
fi
(( ${#targets[@]} > 0 )) || fail "no fuzz target found under app/src/test/java/io/tilework/app/fuzz"

java_home=$(scripts/java-home.sh)
mvn=(env JAVA_HOME="$java_home" mvn -B -o --no-transfer-progress -Dstyle.color=never)
work=bench/work/fuzz
mkdir -p "$work"
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
campaign_seconds=$(( minutes * 60 / 5 ))

echo "Building the test classes ..."
"${mvn[@]}" -q -DskipTests test-compile >"$work/build.log" 2>&1 || fail "the build failed: see $work/build.log"

summary=()
status=0
for target in "${targets[@]}"; do
    [[ -f app/src/test/java/io/tilework/app/fuzz/$target.java ]] || fail "no fuzz target $target (the names are those of app/src/test/java/io/tilework/app/fuzz/*FuzzTest.java)"
    log=$work/$target.log
    echo "$target: Jazzer for $minutes min, then the mutation campaign (seed $seed) for $campaign_seconds s ..."
    result=PASS
    # only the fuzz execution of surefire (app/pom.xml: the launcher's heap), not the default one
    JAZZER_FUZZ=1 "${mvn[@]}" test-compile surefire:test@fuzz -pl app -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$target" \
        -Djazzer.max_duration="${minutes}m" -Dtilework.fuzz.seconds="$campaign_seconds" -Dtilework.fuzz.seed="$seed" \
        >"$log" 2>&1 || { result=FAIL; status=1; }
    # libFuzzer's last words: "Done N runs in S second(s)"; the campaign's: "NAME: N inputs in M ms"
    jazzer_runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | awk '{ print $2 }')
    campaigns=$(grep -oE '^[a-z0-9-]+: [0-9]+ inputs in [0-9]+ ms' "$log" | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
    line="$target: Jazzer ${jazzer_runs:-?} inputs in $minutes min; mutation campaigns (seed $seed, $campaign_seconds s each) ${campaigns:-?} inputs: $result"
    echo "$line"
    summary+=("$line")
done
{
    echo "# bench/fuzz.sh $minutes, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git describe --always --dirty 2>/dev/null || echo '?')"
    printf '%s\n' "${summary[@]}"
} | tee "$work/../fuzz.txt"
(( status == 0 )) || echo "fuzz.sh: at least one target failed: its log in $work names the input"
exit $status
