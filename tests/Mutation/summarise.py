"""Per-namespace mutation scores from a Stryker JSON report, and the surviving mutants as CSV.

    python3 summarise.py REPORT.json [REPORT.json...] [VERDICTS.jsonl...] NAMESPACE... [--survivors FILE.csv]
    python3 summarise.py REPORT.json --sample      (a run of run-sample.sh: every namespace, and Core's score with a
                                                    95% bootstrap interval over the sampled lines)

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
sample = "--sample" in args
args = [a for a in args if a != "--sample"]
verdicts = by_hand.take(args)
reports = [a for a in args if a.endswith(".json")]
namespaces = [a for a in args if not a.endswith(".json")]
files = [(path, f) for r in reports for path, f in json.load(open(r))["files"].items()]
if sample:
    namespaces = sorted({path.split("Readiness.Core/")[-1].split("/")[0] for path, _ in files})


def namespace(path):
    part = path.split("Readiness.Core/")[-1].split("/")[0]
    return part if part in namespaces else None


counts = {n: Counter() for n in namespaces}
rows = []
by_line = {}
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
        if status in ("Killed", "Timeout", "Survived", "NoCoverage"):
            cluster = by_line.setdefault((path, m["location"]["start"]["line"]), [0, 0])
            cluster[0] += status in ("Killed", "Timeout")
            cluster[1] += 1
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
if sample and by_line:
    import random
    clusters = list(by_line.values())
    draw = random.Random(1)
    scores = []
    for _ in range(4000):
        picked = [clusters[draw.randrange(len(clusters))] for _ in clusters]
        scores.append(sum(c[0] for c in picked) / sum(c[1] for c in picked))
    scores.sort()
    point = sum(c[0] for c in clusters) / sum(c[1] for c in clusters)
    print(f"Core, estimated from {sum(c[1] for c in clusters)} mutants on {len(clusters)} sampled lines: {100 * point:.1f}% "
          f"(95% bootstrap interval over lines {100 * scores[100]:.1f}-{100 * scores[3899]:.1f}%)")
