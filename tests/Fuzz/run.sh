#!/usr/bin/env bash
# Fuzz one reader with AFL++ for a bounded time:  bash tests/Fuzz/run.sh TARGET [SECONDS]
#   TARGET: json-model, json-profile or ratings-csv; SECONDS: default 600.
# Needs AFL++ (Debian: apt-get install afl++) and the SharpFuzz tool (dotnet tool restore). The Readiness assemblies are
# instrumented in the harness's output folder; crashes land in tests/Fuzz/findings/TARGET/default/crashes. Replay one
# with: dotnet tests/Fuzz/bin/Release/net10.0/Readiness.Fuzz.dll TARGET FILE
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
dotnet tool restore > /dev/null
dotnet build -c Release -o bin/Release/net10.0 > /dev/null
for assembly in Readiness.Core.dll readiness.dll; do
  dotnet tool run sharpfuzz "bin/Release/net10.0/$assembly" > /dev/null
done
mkdir -p "findings/$target"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --preserve-status "$seconds" afl-fuzz -i "corpus/$target" -o "findings/$target" -t 10000 -m none \
  dotnet bin/Release/net10.0/Readiness.Fuzz.dll "$target" || true
crashes=$(find "findings/$target/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "$target: $(grep -E '^execs_done' "findings/$target/default/fuzzer_stats" | awk '{print $3}') executions in ${seconds} s, $crashes crashes"
