# Thorndike Case II corrections from psych::rangeCorrection (case 2), for RangeRestriction.CaseTwo.
# Regenerate: Rscript range.R > range.csv
suppressMessages(library(psych))
cases <- rbind(c(0.09, 1, 0.45), c(0.22, 1, 1), c(0.3, 2.5, 1.5), c(-0.4, 1, 0.7), c(0.6, 10, 4), c(0.05, 1, 0.2))
cat("r,sdu,sdr,corrected\n")
for (i in seq_len(nrow(cases))) {
  a <- cases[i, ]
  cat(sprintf("%.17g,%.17g,%.17g,%.17g\n", a[1], a[2], a[3], rangeCorrection(a[1], a[2], a[3], case = 2)))
}
