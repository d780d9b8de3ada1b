"""Outcomes of mutants re-run by hand (sample.py), as Stryker statuses: shared by sample.py and summarise.py.

A verdicts file holds one JSON object per line, {"mutant": "Calibration/FacetSeparation.cs#12", "outcome": "failed"}:
the mutated file under src/Readiness.Core, the report's mutant id, and what the tests did with it.
"""
import json

STATUS = {"failed": "Killed", "hung": "Timeout", "passed": "Survived", "no build": "CompileError"}


def key(path, mutant):
    return f"{path.split('Readiness.Core/')[-1]}#{mutant['id']}"


def statuses(files):
    """Each mutant's status by the verdicts files given, a later file overriding an earlier one."""
    result = {}
    for name in files:
        result.update((v["mutant"], STATUS[v["outcome"]]) for v in map(json.loads, open(name)))
    return result
