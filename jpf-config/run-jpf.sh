#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs every JPF configuration (*.jpf) next to this script with Java PathFinder.
# Usage: JPF_HOME=/path/to/jpf-core jpf-config/run-jpf.sh [JPF arguments, e.g. +target.args=UNORDERED_LOCK_PAIR]
# Exit status: 0 when JPF reports no error for every configuration, 1 when it reports one, 2 when it cannot run.
set -u

if [ -z "${JPF_HOME:-}" ]; then
    echo "run-jpf.sh: JPF_HOME is not set. Install jpf-core (java-17 branch) and point JPF_HOME at it; see jpf-config/README.md." >&2
    exit 2
fi
runjpf="$JPF_HOME/build/RunJPF.jar"
if [ ! -f "$runjpf" ]; then
    echo "run-jpf.sh: $runjpf not found: build JPF first (cd \"$JPF_HOME\" && ./gradlew buildJars)." >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
for dir in "$here/target/classes" "$here/../core/target/classes" "$here/../spec/target/classes"; do
    if [ ! -d "$dir" ]; then
        echo "run-jpf.sh: $dir is missing: build the project first (mvn -B -q install -DskipTests)." >&2
        exit 2
    fi
done

# JPF's java-17 branch needs these on the host JVM (cg.enumerate_random uses jdk.internal.misc).
host_flags=(
    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.base/jdk.internal.access=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
)

status=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for cfg in "$here"/*.jpf; do
    echo "=== $(basename "$cfg")"
    java "${host_flags[@]}" -jar "$runjpf" "$@" "$cfg" 2>&1 | tee "$log"
    if grep -q "no errors detected" "$log"; then
        echo "=== $(basename "$cfg"): no errors detected"
    else
        echo "=== $(basename "$cfg"): JPF reported an error (or did not finish)" >&2
        status=1
    fi
done
exit $status
