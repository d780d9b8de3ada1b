#!/usr/bin/env bash
# The CLI as it ships: published with Native AOT (`dotnet publish`, no trimming or AOT warning allowed), then every verb
# run by the native program and by the JIT-compiled build on the same inputs — a simulated organisation, and an Excel
# workbook (ratings.xlsx, 24 people) — and their outputs compared byte for byte (manifest.json aside, which records its
# own run). Native AOT has no runtime code generation, so this is where a dependency's reflection would fail.
#
#   bash tests/NativeCli/run.sh      (after `dotnet build Readiness.sln -c Release`)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! dotnet publish samples/Readiness.Cli -c Release -o "$work/bin" > "$work/publish.log" 2>&1; then
  cat "$work/publish.log" >&2
  exit 1
fi
if grep -E "warning (IL|AOT|CS)[0-9]+" "$work/publish.log"; then
  echo "the native publish produced warnings" >&2
  exit 1
fi

native="$work/bin/readiness"
jit="samples/Readiness.Cli/bin/Release/net10.0/readiness"
"$native" simulate --people 300 --seed 5 --out "$work/org" > /dev/null
org="$work/org"

compared=0
same() {
  local name=$1
  shift
  local build
  for build in native jit; do
    if ! "${!build}" "$@" --out "$work/$build/$name" > "$work/$build-$name.txt" 2>&1; then
      echo "readiness $* failed in the $build build:" >&2
      cat "$work/$build-$name.txt" >&2
      exit 1
    fi
  done
  if [ "$(ls "$work/native/$name")" != "$(ls "$work/jit/$name")" ]; then
    echo "$name: the native and the JIT-compiled CLI wrote different files" >&2
    exit 1
  fi
  for file in "$work/native/$name"/*; do
    [ "$(basename "$file")" = manifest.json ] && continue
    if ! cmp -s "$file" "$work/jit/$name/$(basename "$file")"; then
      echo "$name: $(basename "$file") differs between the native and the JIT-compiled CLI" >&2
      exit 1
    fi
    compared=$((compared + 1))
  done
}

for method in none mean-centre standardise rasch crossed; do
  same "calibrate-$method" calibrate --ratings "$org/ratings.csv" --method "$method"
done
same calibrate-xlsx calibrate --ratings tests/NativeCli/ratings.xlsx --method crossed
same score score --ratings "$org/ratings.csv" --performance "$org/performance.csv"
# An export's own words for a source, and scoring options from appsettings-style JSON (source-generated reading).
sed 's/,manager,/,Line Manager,/' "$org/ratings.csv" > "$work/own-words.csv"
printf '{ "Readiness": { "Scoring": { "Policy": "Conjunctive", "ReadyNowMinimumIndex": 95 } } }' > "$work/options.json"
same score-options score --ratings "$work/own-words.csv" --source-values "Line Manager=manager" --options "$work/options.json"
same talent talent --ratings "$org/ratings.csv" --performance "$org/performance.csv"
same audit audit --ratings "$org/ratings.csv" --groups "$org/groups.csv" --outcome scoring-rate --min-cell 5
same validity validity --ratings "$org/ratings.csv" --outcomes "$org/outcomes.csv" --performance "$org/performance.csv"
same reliability reliability --ratings "$org/ratings.csv"
same scaffold scaffold --ratings tests/NativeCli/ratings.xlsx
# Verbs that print JSON.
for verb in "framework" "framework --role first-line-manager" "weights --pairwise samples/Readiness.Cli/examples/first-line-manager-leadership.csv"; do
  # shellcheck disable=SC2086
  if ! cmp -s <("$native" $verb) <("$jit" $verb); then
    echo "readiness $verb prints differently in the native and the JIT-compiled CLI" >&2
    exit 1
  fi
  compared=$((compared + 1))
done

echo "native CLI: $compared outputs identical to the JIT-compiled build's"
