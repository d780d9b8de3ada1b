# Upper-tail F probabilities from base R, far into the tail where 1 - CDF rounds to 0.
# Regenerate: Rscript f_upper.R > f_upper.csv
cases <- rbind(c(1, 997, 2.5), c(1, 997, 600), c(1, 1197, 850), c(3, 40, 0.2), c(10, 200, 4.1),
               c(299, 600, 1.4), c(299, 598, 40), c(2, 5, 1e6))
cat("d1,d2,f,p\n")
for (i in seq_len(nrow(cases))) {
  a <- cases[i, ]
  cat(sprintf("%.17g,%.17g,%.17g,%.17g\n", a[1], a[2], a[3], pf(a[3], a[1], a[2], lower.tail = FALSE)))
}
