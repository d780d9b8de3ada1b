"""Outcomes of mutants re-run by hand (sample.py), as Stryker statuses, and the command-line reading sample.py and
summarise.py share.

A verdicts file holds one JSON object per line, {"mutant": "Calibration/FacetSeparation.cs#12", "outcome": "failed"}:
the mutated file under src/Readiness.Core, the report's mutant id, and what the tests did with it.
"""
import json

STATUS = {"failed": "Killed", "hung": "Timeout", "passed": "Survived", "no build": "CompileError"}


def key(path, mutant):
    return f"{path.split('Readiness.Core/')[-1]}#{mutant['id']}"


def take(args):
    """Removes the verdicts files (*.jsonl) from a command line's arguments and returns each mutant's status by them, a
    later file overriding an earlier one."""
    result = {}
    for name in [a for a in args if a.endswith(".jsonl")]:
        result.update((v["mutant"], STATUS[v["outcome"]]) for v in map(json.loads, open(name)))
        args.remove(name)
    return result


def option(args, name):
    """Removes `name VALUE` from a command line's arguments and returns VALUE (None without it)."""
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return value
