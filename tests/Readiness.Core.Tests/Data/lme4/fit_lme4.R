# Produces the lme4 expected values that CrossedModelLme4Tests reproduce.
#
# Usage: Rscript fit_lme4.R <ratings.csv[.gz]> <out-prefix> <competency levels, comma-separated, in model order> [domains]
# where [domains], when given, is each competency's domain in the same order: the person effect is then one per domain,
# (1 | ratee:domain) in place of (1 | ratee) (CrossedModelOptions.PersonEffect = PerDomain; the BLUPs file names its
# levels ratee:domain).
# Peer: R 4.2 with lme4 1.1-31 (Debian: apt-get install r-base-core r-cran-lme4).
#
# The model is the crossed random-effects model of Readiness.Calibration:
#   value ~ competency + source + (1 | ratee) + (1 | ratee:competency) + (1 | rater)
# with (1 | ratee:source) in place of (1 | rater) when no rater gave two ratings.
# with treatment contrasts: competency levels in model order, source levels in RaterSource order (self, manager, peer,
# direct-report, skip-level, assessor), each restricted to the levels present. With one competency the ratee x competency
# term is dropped and the competency column is not in the fixed part.
# The optimiser is run to a much tighter tolerance than lme4's default so that the values are the REML optimum itself.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
ratings <- read.csv(args[1], colClasses = "character")
prefix <- args[2]
competencies <- strsplit(args[3], ",")[[1]]
domains <- if (length(args) > 3) setNames(strsplit(args[4], ",")[[1]], competencies) else NULL
sources <- c("self", "manager", "peer", "direct-report", "skip-level", "assessor")

# Self-ratings never inform a person's estimate: Readiness fits the model to the other raters' ratings and reports how
# far self-ratings run above them separately, so they are left out here too.
ratings <- ratings[ratings$source != "self", ]
ratings$value <- as.numeric(ratings$value)
ratings$competency <- factor(ratings$competency, levels = competencies[competencies %in% ratings$competency])
ratings$source <- factor(ratings$source, levels = sources[sources %in% ratings$source])
ratings$ratee <- factor(ratings$ratee)
ratings$rater <- factor(ratings$rater)
if (!is.null(domains)) {
  ratings$domain <- factor(domains[as.character(ratings$competency)])
}

several <- nlevels(ratings$competency) > 1
# A source whose rater ids hardly repeat (fewer than a tenth of its ratings repeat one, and hardly any — a hundredth —
# repeats one of the same person's raters: an export that anonymises those responses) cannot show any rater's
# leniency. Readiness gives each person's ratings from such a source a
# stand-in rater of its own, (1 | ratee:source), in the rater term beside the named raters; so does this script. When
# every source is anonymised the term is (1 | ratee:source) alone (lmer would refuse a rater term of one rating each).
anonymised <- Filter(function(s) {
  r <- ratings$rater[ratings$source == s]
  pairs <- unique(paste(ratings$ratee[ratings$source == s], r))
  length(unique(r)) > 1 && length(r) - length(unique(r)) < 0.1 * length(r) && length(r) - length(pairs) <= 0.01 * length(r)
}, levels(ratings$source))
if (length(anonymised) > 0 && length(anonymised) < nlevels(ratings$source)) {
  ratings$rater <- factor(ifelse(ratings$source %in% anonymised, paste(ratings$ratee, ratings$source, sep = ":"), as.character(ratings$rater)))
}
every <- length(anonymised) == nlevels(ratings$source)
formula <- if (several) {
  value ~ competency + source + (1 | ratee) + (1 | ratee:competency)
} else {
  value ~ source + (1 | ratee)
}
if (every) {
  formula <- update(formula, . ~ . + (1 | ratee:source))
} else if (max(table(ratings$rater)) > 1) {
  formula <- update(formula, . ~ . + (1 | rater))
}
if (!is.null(domains)) {
  formula <- update(formula, . ~ . - (1 | ratee) + (1 | ratee:domain))
}
# One source (an assessment centre's assessors): no source contrast, as in Readiness's fixed part.
if (nlevels(ratings$source) < 2) {
  formula <- update(formula, . ~ . - source)
}
control <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 100000),
                       calc.derivs = FALSE)
seconds <- system.time(fit <- lmer(formula, data = ratings, REML = TRUE, control = control))[["elapsed"]]

vc <- as.data.frame(VarCorr(fit))
names <- c("ratee:competency" = "ratee_competency", "ratee" = "ratee", "ratee:domain" = "ratee", "rater" = "rater", "ratee:source" = "ratee_source",
           "Residual" = "residual")
write.csv(data.frame(component = names[vc$grp], variance = sprintf("%.15g", vc$vcov)),
          paste0(prefix, "_variance.csv"), row.names = FALSE, quote = FALSE)

fixed <- fixef(fit)
se <- sqrt(diag(as.matrix(vcov(fit))))
write.csv(data.frame(name = names(fixed), estimate = sprintf("%.15g", fixed), se = sprintf("%.15g", se)),
          paste0(prefix, "_fixed.csv"), row.names = FALSE, quote = FALSE)

re <- ranef(fit, condVar = FALSE)
rows <- do.call(rbind, lapply(names(re), function(term) {
  data.frame(term = names[[term]], level = rownames(re[[term]]), blup = sprintf("%.15g", re[[term]][, 1]), row.names = NULL)
}))
write.csv(rows, gzfile(paste0(prefix, "_blups.csv.gz")), row.names = FALSE, quote = FALSE)

writeLines(c(
  sprintf("reml_criterion,%.15g", REMLcrit(fit)),
  sprintf("ratings,%d", nrow(ratings)),
  sprintf("lme4_seconds,%.3f", seconds),
  sprintf("lme4_version,%s", as.character(packageVersion("lme4"))),
  sprintf("r_version,%s", R.version.string)),
  paste0(prefix, "_fit.csv"))
cat(sprintf("lmer: %d ratings in %.2f s, REML criterion %.6f\n", nrow(ratings), seconds, REMLcrit(fit)))
