#!/usr/bin/env bash
# Estimates Readiness.Core's whole mutation score from a random sample of its code lines (sample_lines.py), mutated
# against every fast Core test, in a throwaway clone of HEAD; prints the score with a bootstrap interval over lines.
#   bash tests/Mutation/run-sample.sh OUT LINES SEED
# Leaves out the equivalent mutants of equivalent-mutants.json and the 106,051-rating lme4 case.
set -euo pipefail
out=$(realpath -m "$1"); lines=$2; seed=$3
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
clone=$(mktemp -d /tmp/readiness-mutation.XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone -q "$repo" "$clone"
cd "$clone" && dotnet tool restore > /dev/null

args=()
mapfile -t sample < <(python3 tests/Mutation/sample_lines.py "$lines" "$seed" "$clone")
for s in "${sample[@]}"; do args+=(--mutate "$s"); done
mapfile -t exclusions < <(python3 tests/Mutation/equivalents.py tests/Mutation/equivalent-mutants.json "$clone")
for e in "${exclusions[@]}"; do args+=(--mutate "$e"); done

cd tests/Mutation
python3 - <<'PY'
import json
config = json.load(open("stryker-config.json"))
config["stryker-config"]["additional-timeout"] = 30000
json.dump(config, open("stryker-config.json", "w"), indent=2)
PY
nice -n 5 dotnet stryker -f stryker-config.json --solution ../../Readiness.sln --skip-version-check \
  --concurrency "${STRYKER_CONCURRENCY:-2}" --configuration Release "${args[@]}" \
  --test-case-filter "FullyQualifiedName~Readiness.Core.Tests&Category!=Slow&DisplayName!~org1600" --output "$out"
python3 "$repo/tests/Mutation/summarise.py" "$out/reports/mutation-report.json" --sample
