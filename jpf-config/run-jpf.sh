#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs the JPF configurations (*.jpf next to this script) with Java PathFinder and judges each run.
#
# Usage: JPF_HOME=/path/to/jpf-core jpf-config/run-jpf.sh [options] [CONFIG ...]
#   CONFIG          a configuration, e.g. StealWhileWaking or StealWhileWaking.jpf; default: every *.jpf here
#   --fault F       run with planted fault F only (NONE: the correct build); may be repeated. Default:
#                   the correct build, then each fault the configuration lists in ulemodel.catches,
#                   then, once, the planted early exit (EARLY_EXIT) that the end check must flag
#   --time-limit S  wall-clock limit per run in seconds (default 600); a run that hits it fails
#   --log-dir D     keep each run's JPF output in D (default: a temporary directory, removed at exit)
#   +key=value      passed on to JPF
# JPF_HOME is a jpf-core (java-17 branch) checkout built with its own Gradle build (build/RunJPF.jar).
#
# One summary line per run: configuration, build, result, states, distinct end markers, JPF end
# states, search depth, wall time, CPU time, memory. A correct build PASSes only when JPF reports no
# error, the search hit no limit, explored at least MIN_STATES states, and the harness printed its end
# marker for every choice combination (ulemodel.ends): a search that never reached the end of the
# program is a failure, not a pass. A planted fault is CAUGHT only when JPF reports it through the
# property expected for it (deadlock, uncaught exception, race).
# Exit status: 0 when every correct build passes and every planted fault is caught (and the planted
# early exit is flagged), 1 otherwise, 2 when JPF or the project's classes are missing or on a usage error.
set -u

MIN_STATES=100
END_MARKER='ulemodel-jpf: end reached: '

usage() {
    sed -n '4,23p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit "${1:-2}"
}
for a in "$@"; do
    case "$a" in -h|--help) usage 0 ;; esac
done

if [ -z "${JPF_HOME:-}" ]; then
    echo "run-jpf.sh: JPF_HOME is not set. Build jpf-core (java-17 branch) and point JPF_HOME at it; see jpf-config/README.md." >&2
    exit 2
fi
runjpf="$JPF_HOME/build/RunJPF.jar"
if [ ! -f "$runjpf" ] || [ ! -f "$JPF_HOME/build/jpf.jar" ]; then
    echo "run-jpf.sh: $runjpf or jpf.jar not found: build jpf-core first (its README); see jpf-config/README.md." >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
for dir in "$here/target/classes" "$here/../core/target/classes" "$here/../spec/target/classes"; do
    if [ ! -d "$dir" ]; then
        echo "run-jpf.sh: $dir is missing: build the project first (mvn -B -q -pl jpf-config -am compile)." >&2
        exit 2
    fi
done

faults=()
configs=()
jpf_args=()
time_limit=600
log_dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --fault) [ $# -ge 2 ] || usage; faults+=("$2"); shift 2 ;;
        --time-limit) [ $# -ge 2 ] || usage; time_limit="$2"; shift 2 ;;
        --log-dir) [ $# -ge 2 ] || usage; log_dir="$2"; shift 2 ;;
        +*) jpf_args+=("$1"); shift ;;
        -*) echo "run-jpf.sh: unknown option $1" >&2; usage ;;
        *) configs+=("${1%.jpf}"); shift ;;
    esac
done
case "$time_limit" in
    ''|*[!0-9]*) echo "run-jpf.sh: --time-limit wants whole seconds, not '$time_limit'" >&2; exit 2 ;;
esac
if [ ${#configs[@]} -eq 0 ]; then
    for cfg in "$here"/*.jpf; do
        configs+=("$(basename "$cfg" .jpf)")
    done
fi
for c in "${configs[@]}"; do
    if [ ! -f "$here/$c.jpf" ]; then
        echo "run-jpf.sh: no configuration $here/$c.jpf" >&2
        exit 2
    fi
done
all_faults=($(grep -E '^    [A-Z][A-Z_]*,?$' "$here/src/main/java/org/ulemodel/conc/Fault.java" | tr -d ' ,'))
for f in ${faults[@]+"${faults[@]}"}; do
    case " ${all_faults[*]} EARLY_EXIT " in
        *" $f "*) ;;
        *) echo "run-jpf.sh: unknown fault $f (one of: ${all_faults[*]} EARLY_EXIT)" >&2; exit 2 ;;
    esac
done
if [ -z "$log_dir" ]; then
    log_dir="$(mktemp -d)"
    trap 'rm -rf "$log_dir"' EXIT
else
    mkdir -p "$log_dir" || exit 2
fi

# the JPF property that must report each planted fault
expected_property() {
    case "$1" in
        UNORDERED_LOCK_PAIR) echo gov.nasa.jpf.vm.NotDeadlockedProperty ;;
        STEAL_WITHOUT_VICTIM_LOCK|PUBLISH_BEFORE_VALIDATE) echo gov.nasa.jpf.vm.NoUncaughtExceptionsProperty ;;
        UNGUARDED_COUNTER) echo gov.nasa.jpf.listener.PreciseRaceDetector ;;
        *) echo "?" ;;
    esac
}

# a key of a .jpf file (the last assignment wins, as in JPF)
jpf_key() {
    sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$here/$1.jpf" | tail -1
}

# JPF's host JVM needs the --add-* flags on the java-17 branch (cg.enumerate_random uses
# jdk.internal.misc); it runs as on one core (serial GC, one set of JIT threads), so its CPU time
# is what one core spends.
host_flags=(
    -XX:ActiveProcessorCount=1
    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.base/jdk.internal.access=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
)

status=0
summaries=()

# run CONFIG BUILD: one JPF run, judged and summarised
run() {
    local cfg="$1" build="$2"
    local log="$log_dir/$cfg-$build.log" timing="$log_dir/$cfg-$build.time"
    local args="$build"
    [ "$build" = EARLY_EXIT ] && args="NONE,EARLY_EXIT"
    echo "--- $cfg with $build (limit ${time_limit}s; log $log)" >&2
    local TIMEFORMAT='%U %S'
    { time timeout $((time_limit + 120)) java "${host_flags[@]}" -jar "$runjpf" \
        "+target.args=$args" "+listener+=,gov.nasa.jpf.listener.BudgetChecker" "+budget.max_time=$((time_limit * 1000))" \
        ${jpf_args[@]+"${jpf_args[@]}"} "$here/$cfg.jpf" >"$log" 2>&1; } 2>"$timing"
    local rc=$?
    local cpu
    cpu=$(awk '{printf "%ds", $1 + $2}' "$timing" 2>/dev/null)
    local states end depth constraints wall mem error detail ends expected
    states=$(sed -n 's/^states:.*new=\([0-9]*\).*/\1/p' "$log" | tail -1)
    end=$(sed -n 's/^states:.*end=\([0-9]*\).*/\1/p' "$log" | tail -1)
    depth=$(sed -n 's/^search:.*maxDepth=\([0-9]*\).*/\1/p' "$log" | tail -1)
    constraints=$(sed -n 's/^search:.*constraints=\([0-9]*\).*/\1/p' "$log" | tail -1)
    wall=$(sed -n 's/^elapsed time:[[:space:]]*//p' "$log" | tail -1)
    mem=$(sed -n 's/^max memory:[[:space:]]*//p' "$log" | tail -1)
    error=$(sed -n '/^=* error 1$/{n;p;q}' "$log")
    detail=$(sed -n '/^=* error 1$/{n;n;p;q}' "$log")
    ends=$(grep "^$END_MARKER" "$log" | sort -u | wc -l | tr -d ' ')
    expected=$(jpf_key "$cfg" 'ulemodel\.ends')
    local result why=""
    if ! grep -q '^====* search finished' "$log"; then
        result=CRASH
        why="JPF did not finish (exit $rc): $(grep -m1 -E 'Exception|Error' "$log")"
    elif [ "${constraints:-0}" -gt 0 ]; then
        result=TIMEOUT
        why="stopped at the ${time_limit}s limit"
    elif [ "$build" = EARLY_EXIT ]; then
        if [ -z "$error" ] && [ "$ends" -eq 0 ]; then
            result=FLAGGED
            why="no error reported, but the end was never reached: counted as a failed run"
        else
            result=UNFLAGGED
            why="the planted early exit was not recognised (error: ${error:-none}; end markers $ends)"
        fi
    elif [ "$build" = NONE ]; then
        if [ -n "$error" ]; then
            result=FAIL
            why="${error##*.}: $detail"
        elif [ "${states:-0}" -lt "$MIN_STATES" ]; then
            result=FAIL
            why="only ${states:-0} states explored: the search ended almost at once"
        elif [ "$ends" -lt "${expected:-1}" ]; then
            result=FAIL
            why="no error, but the end was reached under $ends of ${expected:-1} choice combinations (silent pass)"
        else
            result=PASS
        fi
    else
        local want
        want=$(expected_property "$build")
        case "$error" in
            "$want") result=CAUGHT; why="${error##*.}: $detail" ;;
            "") result=MISSED; why="JPF reported no error" ;;
            *) result=MISSED; why="reported as something else, ${error##*.}: $detail" ;;
        esac
    fi
    case "$result" in
        PASS|CAUGHT|FLAGGED) ;;
        *) status=1 ;;
    esac
    local line
    line=$(printf '%-20s %-26s %-9s states=%-9s ends=%s/%s end-states=%-7s depth=%-5s time=%s cpu=%s memory=%s' \
        "$cfg" "$build" "$result" "${states:-?}" "$ends" "${expected:-?}" "${end:-?}" "${depth:-?}" "${wall:-?}" "${cpu:-?}" "${mem:-?}")
    [ -n "$why" ] && line="$line  ($why)"
    echo "$line"
    summaries+=("$line")
}

if [ ${#faults[@]} -gt 0 ]; then
    for cfg in "${configs[@]}"; do
        for f in "${faults[@]}"; do
            run "$cfg" "$f"
        done
    done
else
    caught=" "
    for cfg in "${configs[@]}"; do
        run "$cfg" NONE
        for f in $(jpf_key "$cfg" 'ulemodel\.catches' | tr ',' ' '); do
            run "$cfg" "$f"
            caught="$caught$f "
        done
    done
    run "${configs[0]}" EARLY_EXIT
    if [ ${#configs[@]} -eq "$(ls "$here"/*.jpf | wc -l)" ]; then
        for f in "${all_faults[@]}"; do
            if [ "$f" != NONE ] && [[ "$caught" != *" $f "* ]]; then
                echo "run-jpf.sh: planted fault $f is in no configuration's ulemodel.catches" >&2
                status=1
            fi
        done
    fi
fi

echo "=== summary (exit $status)"
printf '%s\n' "${summaries[@]}"
exit $status
