#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Quick benchmark profile (about 4 minutes on 2 cores): builds the bench module, runs every JMH
# benchmark once (see org.ulemodel.bench.QuickRun), writes bench/results/results.json (JMH) and
# bench/results/results.md (Markdown tables with ratios and targets) and bench/results/cost-curves.svg.
#   bench/run.sh              run everything
#   bench/run.sh --readme     also replace the table in README.md's Performance section
#   bench/run.sh --include R  only benchmarks matching the regex R (the table shows the rest as "–")
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --readme) args+=(--readme README.md); shift ;;
    --include) [ $# -ge 2 ] || { echo "run.sh: --include needs a regex" >&2; exit 2; }; args+=(--include "$2"); shift 2 ;;
    *) echo "run.sh: unexpected argument '$1'; usage: bench/run.sh [--readme] [--include REGEX]" >&2; exit 2 ;;
  esac
done
# Online by default, so that a fresh clone fetches what the benchmarks need (JMH, JOL) on first use;
# MAVEN_OFFLINE=-o runs it offline.
mvn -B -q ${MAVEN_OFFLINE-} -pl bench -am package -DskipTests
cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
exec java -Xms512m -Xmx2g -Djol.magicFieldOffset=true -Dbench.cpu="${cpu:-unknown CPU}" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.ulemodel.bench.QuickRun bench/results "${args[@]}"
