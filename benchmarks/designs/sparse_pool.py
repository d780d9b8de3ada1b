# A widely crossed million the simulator does not draw: 20,000 people, each rated on ten competencies by five raters
# drawn from a pool of 86,465 (so most raters rate one or two people), person SD 0.7, person-by-competency SD 0.3
# (0 with --no-cell: a boundary fit), rater SD 0.4, residual SD 0.8. Used for the issue-32 measurements in
# benchmarks/README.md ("sparse pool").
#   python3 benchmarks/designs/sparse_pool.py OUT.csv [--no-cell]
import random
import sys

random.seed(9)
pool = 86465
cell_sd = 0.0 if "--no-cell" in sys.argv else 0.3
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
                out.write(f"E{person:05d},R{rater:05d},peer,{name},{value:.2f}\n")
