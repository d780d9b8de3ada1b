"""Stryker exclusions for the equivalent mutants listed in equivalent-mutants.json, one per line.

Each entry names a file under src/Readiness.Core, the line of code (stripped; its occurrence-th appearance in the file,
1 if absent; through a later line when "through" is given), the mutators that cannot be told apart there, and why. The
line is found by its text, so edits elsewhere in the file do not move it; a line that is no longer there is an error,
naming it, so the list is kept with the code. Printed as Stryker.NET mutate patterns with a character span,
"!**/Readiness.Core/FILE{first..last}" (every mutant on those lines is left out, not only the mutators named).

    python3 tests/Mutation/equivalents.py [equivalent-mutants.json] [repository root]
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
listing = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "equivalent-mutants.json")
root = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.dirname(here))
core = os.path.join(root, "src", "Readiness.Core")


def span(text, code, occurrence, through):
    """Character indices of the first and last character of the lines, or None."""
    offset, seen, first = 0, 0, None
    for line in text.split("\n"):
        stripped = line.strip()
        if first is None and stripped == code:
            seen += 1
            if seen == occurrence:
                first = offset + len(line) - len(line.lstrip())
                if through is None:
                    return first, offset + len(line.rstrip()) - 1
        elif first is not None and stripped == through:
            return first, offset + len(line.rstrip()) - 1
        offset += len(line) + 1
    return None


missing = []
for entry in json.load(open(listing, encoding="utf-8")):
    path = os.path.join(core, entry["file"])
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    found = span(text, entry["code"], entry.get("occurrence", 1), entry.get("through"))
    if found is None:
        missing.append(f"{entry['file']}: {entry['code']}")
    else:
        print(f"!**/Readiness.Core/{entry['file']}{{{found[0]}..{found[1]}}}")

if missing:
    sys.exit("equivalent-mutants.json names lines no longer in the code (update the list):\n  " + "\n  ".join(missing))
