#!/usr/bin/env bash
# Readiness against R's lme4 on the same simulated organisation, in one run: time and agreement of the answers.
#
#   bash benchmarks/peers/compare_lme4.sh [people] [seed] [design]
#
# Defaults: 1600 people, seed 16, the local design (106,051 other-rater ratings). design is one of simulate's --design
# values: local, widely-crossed, assessment-centre, matrix, anonymised.
#
# Needs R with lme4 (optional for CI; on Debian: apt-get install r-base-core r-cran-lme4). lme4 is run by the script
# that made the test data (tests/Readiness.Core.Tests/Data/lme4/fit_lme4.R: optimiser run to the REML optimum itself);
# its time is system.time(lmer(...)). Readiness's is the fit reported by `readiness calibrate`: one cold call in a fresh
# process, JIT included, CSV reading excluded. Steady-state times are in benchmarks/README.md (CalibrationBenchmarks).
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-1600}
seed=${2:-16}
design=${3:-local}
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(lme4)' > /dev/null 2>&1; then
  echo "R with lme4 is not installed; on Debian: apt-get install r-base-core r-cran-lme4" >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build samples/Readiness.Cli -c Release -v quiet -nologo > /dev/null
cli=samples/Readiness.Cli/bin/Release/net10.0/readiness
"$cli" simulate --people "$people" --seed "$seed" --design "$design" --out "$work" > /dev/null
# The built-in framework's competencies in model order: the order of the treatment contrasts.
competencies=$("$cli" framework | grep -oE '"id": *"[a-z-]+"' | sed -n '2,$p' | sed -E 's/.*"([a-z-]+)"$/\1/' | paste -sd, -)
ours=$("$cli" calibrate --ratings "$work/ratings.csv" --method crossed --out "$work/ours" 2> /dev/null | grep "fitted in")
ours_seconds=$(sed -E 's/.*fitted in ([0-9.]+) s.*/\1/' <<< "$ours")
Rscript tests/Readiness.Core.Tests/Data/lme4/fit_lme4.R "$work/ratings.csv" "$work/lme4" "$competencies"
lme4_seconds=$(grep lme4_seconds "$work/lme4_fit.csv" | cut -d, -f2)
Rscript benchmarks/peers/agreement.R "$work/lme4" "$work/ours"
echo "Design: $design, $(($(wc -l < "$work/ratings.csv") - 1)) ratings (self-ratings included)"
echo "Readiness: $ours"
awk -v o="$ours_seconds" -v l="$lme4_seconds" 'BEGIN { printf "time: lme4 %.2f s, Readiness %.2f s: %.1fx faster\n", l, o, l / o }'
