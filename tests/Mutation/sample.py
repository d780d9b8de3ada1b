"""Checks a random sample of a Stryker report's mutants by hand: each is spliced into a clean checkout, built, and run
against a test filter with a generous time limit, so a status Stryker gives (a timeout above all) can be confirmed.

    python3 sample.py REPORT.json [EARLIER.jsonl...] CHECKOUT STATUS COUNT|all SEED FILTER [LIMIT_SECONDS]
                      [--verdicts FILE.jsonl] [--shard I/N]

CHECKOUT is a clone (or worktree) of the commit the report was made from; it is restored after each mutant, also when
the script is stopped. Prints one line per mutant: failed (detected), hung (past the limit: a true timeout), passed
(survived) or no build. With --verdicts each outcome is also appended to FILE as it comes (verdicts.py), for
summarise.py; mutants already in FILE are skipped, so a stopped run resumes where it was. Earlier verdicts files
replace the report's statuses before STATUS is chosen (to re-run the survivors of a first check against new tests).
--shard I/N checks every Nth mutant of the sample from the Ith (0-based): N copies, each with its own checkout and
verdicts file, share the machine's cores.
"""
import json
import os
import random
import signal
import subprocess
import sys

import verdicts as by_hand

args = sys.argv[1:]
verdicts = by_hand.option(args, "--verdicts")
shard, shards = map(int, (by_hand.option(args, "--shard") or "0/1").split("/"))
earlier = by_hand.take(args)
report, checkout, status, count, seed, test_filter = args[:6]
limit = int(args[6]) if len(args) > 6 else 300
mutants = [(path, m) for path, f in json.load(open(report))["files"].items() for m in f["mutants"]
           if earlier.get(by_hand.key(path, m), m["status"]) == status]
sample = random.Random(int(seed)).sample(mutants, len(mutants) if count == "all" else min(int(count), len(mutants)))
sample = sample[shard::shards]
done = set()
if verdicts and os.path.exists(verdicts):
    done = {json.loads(line)["mutant"] for line in open(verdicts)}
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the finally below, so the checkout is restored
project = f"{checkout}/tests/Readiness.Core.Tests"


def splice(text, location, replacement):
    """Replaces the location's span (1-based lines and columns, end exclusive) with the replacement."""
    lines = text.split("\n")
    offset = lambda point: sum(len(l) + 1 for l in lines[:point["line"] - 1]) + point["column"] - 1
    return text[:offset(location["start"])] + replacement + text[offset(location["end"]):]


tally = {}
for path, m in sample:
    if by_hand.key(path, m) in done:
        continue
    source = f"{checkout}/src/Readiness.Core/{path.split('Readiness.Core/')[-1]}"
    original = open(source).read()
    try:
        open(source, "w").write(splice(original, m["location"], m["replacement"]))
        # Without analyzers, as Stryker compiles mutants (an unused parameter is no compile error), and 4 times faster.
        build = subprocess.run(["dotnet", "build", project, "-v", "q", "-nologo", "--no-restore", "-p:RunAnalyzers=false",
                                "-p:TreatWarningsAsErrors=false"], capture_output=True)
        if build.returncode != 0:
            outcome = "no build"
        else:
            # In a session of its own, so that a hung test host is killed with its group and no other shard's is touched.
            run = subprocess.Popen(["dotnet", "test", project, "--no-build", "--filter", test_filter],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                outcome = "passed" if run.wait(timeout=limit) == 0 else "failed"
            except subprocess.TimeoutExpired:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
                outcome = "hung"
    finally:
        open(source, "w").write(original)
    tally[outcome] = tally.get(outcome, 0) + 1
    if verdicts:
        with open(verdicts, "a") as out:
            out.write(json.dumps({"mutant": by_hand.key(path, m), "outcome": outcome}) + "\n")
    line = m["location"]["start"]["line"]
    print(f"{outcome:8} {path.split('Readiness.Core/')[-1]}:{line} {m['mutatorName']}: {m['replacement'][:70]}",
          flush=True)
print(tally)
