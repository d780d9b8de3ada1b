# r_wg and r_wg(J) on Bliese's published leadership-climate data (lq2002: 2,042 soldiers in 49 companies, eleven 1-5
# leadership items), from the multilevel package (2.7) as its manual's example runs them (ranvar = 2, the uniform null of
# a 5-point scale). Regenerate: Rscript rwg.R   (writes lq2002.csv and expected.csv next to it)
suppressMessages(library(multilevel))
data(lq2002)
items <- lq2002[, 3:13]
write.csv(data.frame(COMPID = lq2002$COMPID, SUB = lq2002$SUB, items), "lq2002.csv", row.names = FALSE)
j <- rwg.j(items, lq2002$COMPID, ranvar = 2)
one <- rwg(lq2002$LEAD01, lq2002$COMPID, ranvar = 2)
out <- merge(data.frame(group = j$grpid, rwg_j = j$rwg.j, size = j$gsize), data.frame(group = one$grpid, rwg_lead01 = one$rwg))
write.csv(out, "expected.csv", row.names = FALSE)
