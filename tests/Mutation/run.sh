#!/usr/bin/env bash
# Mutation-tests namespaces of Readiness.Core against the Core tests of the namespaces named, in a throwaway clone of HEAD
# (Stryker builds the solution; a separate clone keeps its instrumented build away from yours).
#   bash tests/Mutation/run.sh OUT NAMESPACE|FILE [NAMESPACE|FILE...] [-- TEST_NAMESPACE...]
# Mutates src/Readiness.Core/NAMESPACE/**, or one file given by its path under src/Readiness.Core (a namespace too large
# for one run is measured file by file: Calibration/Internal/RaschJoint.cs); the filter is the tests of the namespaces
# mutated unless others follow "--". EXTRA_FILTER, if set, is a VSTest filter term every test must also meet
# (EXTRA_FILTER='DisplayName!~org1600' leaves out the 106,051-rating lme4 case). ADDITIONAL_TIMEOUT (ms), if set, replaces
# Stryker's 5000 ms allowance over a mutant's expected test time (a config-file-only setting; the Rasch group needs 30000).
# STRYKER_CONFIGURATION=Release, if set, builds optimised code, as shipped (Core has no DEBUG-only code).
# Leaves out the equivalent mutants of equivalent-mutants.json (equivalents.py).
# Writes OUT/reports/mutation-report.json and prints the per-namespace table (summarise.py).
set -euo pipefail
out=$(realpath -m "$1"); shift
mutated=(); tested=(); target=mutated
for a in "$@"; do
  if [[ $a == -- ]]; then target=tested; continue; fi
  if [[ $target == mutated ]]; then mutated+=("$a"); else tested+=("$a"); fi
done
namespaces=(); for m in "${mutated[@]}"; do namespaces+=("${m%%/*}"); done
mapfile -t namespaces < <(printf '%s\n' "${namespaces[@]}" | sort -u)
(( ${#tested[@]} )) || tested=("${namespaces[@]}")

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
clone=$(mktemp -d /tmp/readiness-mutation.XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone -q "$repo" "$clone"
cd "$clone" && dotnet tool restore > /dev/null

args=()
for m in "${mutated[@]}"; do
  if [[ $m == *.cs ]]; then args+=(--mutate "**/Readiness.Core/$m"); else args+=(--mutate "**/Readiness.Core/$m/**/*.cs"); fi
done
# Equivalent mutants are listed in equivalent-mutants.json (not in src/) and left out by their lines' spans.
exclusions=$(python3 tests/Mutation/equivalents.py tests/Mutation/equivalent-mutants.json "$clone")
mapfile -t exclusions <<< "$exclusions"
for e in "${exclusions[@]}"; do args+=(--mutate "$e"); done
filter=$(printf '|FullyQualifiedName~Readiness.Core.Tests.%s.' "${tested[@]}"); filter="(${filter#|})${EXTRA_FILTER:+&$EXTRA_FILTER}"

cd tests/Mutation
if [[ -n ${ADDITIONAL_TIMEOUT:-} ]]; then
  python3 - "$ADDITIONAL_TIMEOUT" <<'PY'
import json, sys
config = json.load(open("stryker-config.json"))
config["stryker-config"]["additional-timeout"] = int(sys.argv[1])
json.dump(config, open("stryker-config.json", "w"), indent=2)
PY
fi
nice -n 5 dotnet stryker -f stryker-config.json --solution ../../Readiness.sln --skip-version-check \
  --concurrency "${STRYKER_CONCURRENCY:-2}" ${STRYKER_CONFIGURATION:+--configuration "$STRYKER_CONFIGURATION"} "${args[@]}" --test-case-filter "$filter" --output "$out"
python3 "$repo/tests/Mutation/summarise.py" "$out/reports/mutation-report.json" "${namespaces[@]}"
