#!/usr/bin/env bash
# Readiness against R's lme4 on the same simulated organisation, in one run: time and agreement of the answers.
#
#   bash benchmarks/peers/compare_lme4.sh [people] [seed]      (default 1600 people, seed 16: 106,051 other-rater ratings)
#
# Needs R with lme4 (optional for CI; on Debian: apt-get install r-base-core r-cran-lme4). Readiness's time is the fit
# reported by `readiness calibrate` (one cold call, JIT included, CSV reading excluded), lme4's is system.time(lmer(...)).
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-1600}
seed=${2:-16}
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(lme4)' > /dev/null 2>&1; then
  echo "R with lme4 is not installed; on Debian: apt-get install r-base-core r-cran-lme4" >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build samples/Readiness.Cli -c Release -v quiet -nologo > /dev/null
cli=samples/Readiness.Cli/bin/Release/net10.0/readiness
"$cli" simulate --people "$people" --seed "$seed" --out "$work" > /dev/null
competencies=$(awk -F, 'NR > 1 { print $4 }' "$work/ratings.csv" | awk '!seen[$0]++' | paste -sd, -)
ours=$("$cli" calibrate --ratings "$work/ratings.csv" --method crossed --out "$work/ours" 2> /dev/null | grep "fitted in")
ours_seconds=$(sed -E 's/.*fitted in ([0-9.]+) s.*/\1/' <<< "$ours")
peer=$(Rscript benchmarks/peers/lme4_fit.R "$work/ratings.csv" "$work/ours" "$competencies")
grep -v LME4_SECONDS <<< "$peer"
read -r default_seconds tight_seconds < <(grep LME4_SECONDS <<< "$peer" | cut -d' ' -f2-)
echo "Readiness: ${ours_seconds} s ($ours)"
awk -v o="$ours_seconds" -v d="$default_seconds" -v t="$tight_seconds" \
  'BEGIN { printf "ratio: lme4 default / Readiness = %.1fx, lme4 tight / Readiness = %.1fx\n", d / o, t / o }'
