"""Per-namespace mutation scores from a Stryker JSON report, and the surviving mutants as CSV.

    python3 summarise.py REPORT.json [REPORT.json...] [VERDICTS.jsonl...] NAMESPACE... [--survivors FILE.csv]

Several reports (runs of a namespace measured file by file) are added up; their mutated files must not overlap.
Verdicts files (sample.py --verdicts: mutants re-run by hand) replace Stryker's status for the mutants they name, a
later file overriding an earlier one: failed counts as killed, hung as a timeout, passed as survived and no build as a
compile error.

Score = (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored mutants
(Stryker comments: equivalent mutants, with the reason in the source) are not counted, as Stryker counts them.
"""
import csv
import json
import sys
from collections import Counter

import verdicts as by_hand

args = sys.argv[1:]
survivors = by_hand.option(args, "--survivors")
verdicts = by_hand.take(args)
reports = [a for a in args if a.endswith(".json")]
namespaces = [a for a in args if not a.endswith(".json")]
files = [(path, f) for r in reports for path, f in json.load(open(r))["files"].items()]


def namespace(path):
    part = path.split("Readiness.Core/")[-1].split("/")[0]
    return part if part in namespaces else None


counts = {n: Counter() for n in namespaces}
rows = []
for path, f in files:
    n = namespace(path)
    if n is None:
        continue
    lines = f["source"].split("\n")
    for m in f["mutants"]:
        status = verdicts.get(by_hand.key(path, m), m["status"])
        if status == "Ignored" and m.get("statusReason", "").startswith("Removed by"):
            continue  # outside the mutate filter, or inside a block whose removal is already a mutant
        counts[n][status] += 1
        if status in ("Survived", "NoCoverage"):
            line = m["location"]["start"]["line"]
            rows.append([path.split("Readiness.Core/")[-1], line, status, m["mutatorName"],
                         m.get("replacement", "")[:80], lines[line - 1].strip()[:120]])

print("| namespace | tested | killed | timeout | survived | no coverage | ignored (equivalent) | score |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
total = Counter()
for n in namespaces:
    c = counts[n]
    total += c
    detected = c["Killed"] + c["Timeout"]
    tested = detected + c["Survived"] + c["NoCoverage"]
    score = f"{100 * detected / tested:.1f}%" if tested else "-"
    print(f"| {n} | {tested} | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {c['Ignored']} | {score} |")
if survivors:
    with open(survivors, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["file", "line", "status", "mutator", "replacement", "source"])
        w.writerows(sorted(rows))
