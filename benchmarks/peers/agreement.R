# How far Readiness's crossed-model answer is from lme4's on the same ratings.
#
# Usage: Rscript agreement.R <lme4 prefix written by fit_lme4.R> <readiness calibrate output dir>
# Called by compare_lme4.sh; needs base R only.
args <- commandArgs(trailingOnly = TRUE)
prefix <- args[1]
ours <- args[2]

lme4_vc <- read.csv(paste0(prefix, "_variance.csv"))
json <- paste(readLines(file.path(ours, "model.json")), collapse = "")
component <- function(name) as.numeric(sub(paste0('.*"', name, '": *([-0-9.eE+]+).*'), "\\1", json))
ours_vc <- sapply(lme4_vc$component, component)
relative <- abs(ours_vc - lme4_vc$variance) / lme4_vc$variance

blups <- read.csv(paste0(prefix, "_blups.csv.gz"), colClasses = c("character", "character", "numeric"))
lme4_raters <- setNames(blups$blup[blups$term == "rater"], blups$level[blups$term == "rater"])
raters <- read.csv(file.path(ours, "raters.csv"), colClasses = c("character", "numeric", "numeric", "numeric"))

cat(sprintf("variance components, max relative difference: %.1e (%s)\n", max(relative),
            paste(sprintf("%s %.6f vs %.6f", lme4_vc$component, ours_vc, lme4_vc$variance), collapse = "; ")))
if (nrow(raters) > 0) {
  cat(sprintf("rater effects, max absolute difference: %.1e over %d raters\n",
              max(abs(raters$effect - lme4_raters[raters$rater])), nrow(raters)))
} else {
  cat("rater effects: none (the rater term was left out, as in lme4's fit)\n")
}
