# A widely crossed million the simulator does not draw: 20,000 people, each rated on ten competencies by five raters
# drawn from a pool of 86,465 (so most raters rate one or two people), person SD 0.7, person-by-competency SD 0.3
# (0 with --no-cell: a boundary fit), rater SD 0.4, residual SD 0.8; values to two decimals (those off the 1-5 scale,
# 9%, are rejected at intake) or, with --rounded, rounded to whole points within 1-5 as a survey exports them. Used for
# the issue-32 measurements in benchmarks/README.md ("sparse pool").
#   python3 benchmarks/designs/sparse_pool.py OUT.csv [--no-cell] [--rounded]
import random
import sys

random.seed(9)
pool = 86465
cell_sd = 0.0 if "--no-cell" in sys.argv else 0.3
rounded = "--rounded" in sys.argv
names = ("builds-trust delegates delivers-results develops-others develops-peers holds-accountable influences "
         "manages-conflict navigates-complexity productivity").split()
rater_effect = [random.gauss(0, 0.4) for _ in range(pool)]
with open(sys.argv[1], "w") as out:
    out.write("ratee,rater,source,competency,value\n")
    for person in range(20000):
        level = random.gauss(0, 0.7)
        cell = [random.gauss(0, cell_sd) if cell_sd else 0.0 for _ in names]
        for rater in random.sample(range(pool), 5):
            for c, name in enumerate(names):
                value = 3 + level + cell[c] + rater_effect[rater] + random.gauss(0, 0.8)
                shown = min(5, max(1, round(value))) if rounded else f"{value:.2f}"
                out.write(f"E{person:05d},R{rater:05d},peer,{name},{shown}\n")
