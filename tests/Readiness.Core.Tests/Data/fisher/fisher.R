# Expected two-sided p-values of Fisher's exact test for the audit's 2 x 2 tables, from R's fisher.test.
# Table [[a, b], [c, d]]: a, b = the group's selected and not selected; c, d = the reference group's.
# Regenerate: Rscript fisher.R > fisher.csv
set.seed(20261125)
tables <- rbind(
  c(3, 1, 1, 3), c(0, 10, 10, 0), c(5, 5, 5, 5), c(1, 9, 8, 2), c(0, 5, 0, 5), c(12, 38, 30, 20),
  c(48, 52, 60, 40), c(2, 98, 10, 90), c(0, 1, 1, 0), c(7, 13, 19, 1), c(100, 400, 150, 350), c(1, 0, 0, 1000)
)
for (i in 1:20) {
  n1 <- sample(5:300, 1); n2 <- sample(5:300, 1)
  a <- sample(0:n1, 1); c <- sample(0:n2, 1)
  tables <- rbind(tables, c(a, n1 - a, c, n2 - c))
}
cat("a,b,c,d,p\n")
for (i in seq_len(nrow(tables))) {
  t <- tables[i, ]
  p <- fisher.test(matrix(t, nrow = 2, byrow = TRUE))$p.value
  cat(sprintf("%d,%d,%d,%d,%.17g\n", t[1], t[2], t[3], t[4], p))
}
