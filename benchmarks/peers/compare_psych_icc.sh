#!/usr/bin/env bash
# Readiness's ICCs against psych::ICC on the same 100,000 targets × 5 raters table, in one run: time and agreement.
#
#   bash benchmarks/peers/compare_psych_icc.sh [targets] [raters]      (default 100000 5)
#
# Needs R with psych (on Debian: apt-get install r-base-core r-cran-psych). The table is the benchmark's own
# (IccBenchmarks, seed 7), written by the benchmark project's icc-peer verb. psych's time is system.time(ICC(x, lmer =
# FALSE)): the ANOVA route, the same method as ours (lmer = TRUE would fit a mixed model instead). Readiness's times are
# one cold call (JIT included) and the mean of 20 warm calls, in-process; CSV reading is excluded on both sides.
set -euo pipefail
cd "$(dirname "$0")/../.."
targets=${1:-100000}
raters=${2:-5}
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(psych)' > /dev/null 2>&1; then
  echo "R with psych is not installed; on Debian: apt-get install r-base-core r-cran-psych" >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- icc-peer "$work" "$targets" "$raters" | tee "$work/ours.txt"
Rscript benchmarks/peers/psych_icc.R "$work/icc_table.csv" "$work/readiness_icc.csv"
