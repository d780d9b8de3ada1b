# Expected values for the audit's omnibus test and impact-ratio intervals, from R.
# - freeman-halton.csv: the Fisher-Freeman-Halton exact p-value of 2 x k tables (fisher.test, enough workspace to be
#   exact); the columns list each group's people and selected, separated by ';'.
# - ratio.csv: the impact ratio's log (Katz) interval, epitools::riskratio.wald (no correction), 95% and 90%.
# Regenerate: Rscript audit.R   (writes both files next to it)
set.seed(20261205)
tables <- list(
  list(c(8, 8, 6, 6), c(3, 1, 4, 0)),
  list(c(200, 200, 200, 200, 200, 200), c(60, 45, 50, 70, 40, 55)),
  list(c(577, 623), c(290, 350)),
  list(c(349, 145, 83, 301, 222, 100), c(180, 76, 34, 160, 98, 52)),
  list(c(10, 10, 10), c(0, 0, 10)),
  list(c(5, 7, 9, 11, 13), c(1, 2, 3, 4, 5)),
  list(c(40, 40), c(0, 40)),
  list(c(30, 3, 2, 50), c(10, 3, 0, 20))
)
for (i in 1:12) {
  k <- sample(2:7, 1)
  n <- sample(3:150, k, replace = TRUE)
  rate <- runif(1, 0.1, 0.6)
  tables[[length(tables) + 1]] <- list(n, rbinom(k, n, rate))
}
cat("people,selected,p\n", file = "freeman-halton.csv")
for (t in tables) {
  m <- rbind(t[[2]], t[[1]] - t[[2]])
  p <- fisher.test(m, workspace = 2e8)$p.value
  cat(sprintf("%s,%s,%.17g\n", paste(t[[1]], collapse = ";"), paste(t[[2]], collapse = ";"), p), file = "freeman-halton.csv", append = TRUE)
}

suppressMessages(library(epitools))
pairs <- rbind(c(34, 83, 180, 349), c(1, 20, 30, 40), c(45, 200, 70, 200), c(290, 577, 350, 623), c(5, 9, 9, 10), c(150, 1000, 160, 1000))
cat("selected,people,reference_selected,reference_people,level,ratio,lower,upper\n", file = "ratio.csv")
for (i in seq_len(nrow(pairs))) {
  x <- pairs[i, ]
  for (level in c(0.95, 0.90)) {
    # Rows: exposed first as epitools orders them (reference, then group); columns: not selected, selected.
    tab <- matrix(c(x[4] - x[3], x[3], x[2] - x[1], x[1]), nrow = 2, byrow = TRUE)
    r <- riskratio.wald(tab, conf.level = level, correction = FALSE)$measure[2, ]
    cat(sprintf("%d,%d,%d,%d,%.2f,%.17g,%.17g,%.17g\n", x[1], x[2], x[3], x[4], 1 - level, r[1], r[2], r[3]), file = "ratio.csv", append = TRUE)
  }
}
