"""A uniform random sample of Readiness.Core's code lines, as Stryker.NET mutate patterns with character spans.

    python3 sample_lines.py LINES SEED [repository root]

Mutating only these lines, against all fast Core tests, estimates Core's whole mutation score in one run of an hour or
two where the namespace-by-namespace runs (README) take many hours: each line is a cluster of mutants, so summarise.py
--sample reports the score with a bootstrap interval over lines. Code lines are the non-blank lines that are not
comments, braces, usings, namespaces or attributes; the lines of equivalent-mutants.json are left out (equivalents.py).
"""
import os
import random
import sys

count, seed = int(sys.argv[1]), int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
root = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.dirname(here))
core = os.path.join(root, "src", "Readiness.Core")


def is_code(stripped):
    if not stripped or stripped in ("{", "}", "};", "(", ")", ");", "[", "]", "];"):
        return False
    if stripped.startswith(("//", "/*", "*", "using ", "namespace ", "#")):
        return False
    return not (stripped.startswith("[") and stripped.endswith("]"))


lines = []
for folder, _, names in sorted(os.walk(core)):
    if os.sep + "obj" in folder or os.sep + "bin" in folder:
        continue
    for name in sorted(names):
        if not name.endswith(".cs"):
            continue
        path = os.path.join(folder, name)
        offset = 0
        for line in open(path, encoding="utf-8").read().split("\n"):
            stripped = line.strip()
            if is_code(stripped):
                first = offset + len(line) - len(line.lstrip())
                lines.append((os.path.relpath(path, core), first, offset + len(line.rstrip()) - 1))
            offset += len(line) + 1

random.Random(seed).shuffle(lines)
print(f"# {count} of {len(lines)} code lines, seed {seed}", file=sys.stderr)
for path, first, last in sorted(lines[:count]):
    print(f"**/Readiness.Core/{path}{{{first}..{last}}}")
