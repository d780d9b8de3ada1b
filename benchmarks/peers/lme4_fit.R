# Fits the crossed model with lme4 to a ratings CSV and compares the answer with Readiness's calibrate output.
#
# Usage: Rscript lme4_fit.R <ratings.csv> <readiness output dir> <competency ids in model order, comma-separated>
# Peer: R with lme4 (Debian: apt-get install r-base-core r-cran-lme4). Called by compare_lme4.sh.
#
# Two lmer fits are timed: lme4's default optimiser settings, and the tight ones the test data were made with
# (bobyqa to rhoend 1e-12: the REML optimum itself, which is what Readiness converges to). Agreement is measured against
# the tight fit.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
ratings <- read.csv(args[1], colClasses = "character")
ours <- args[2]
competencies <- strsplit(args[3], ",")[[1]]
sources <- c("self", "manager", "peer", "direct-report", "skip-level", "assessor")

ratings <- ratings[ratings$source != "self", ]
ratings$value <- as.numeric(ratings$value)
ratings$competency <- factor(ratings$competency, levels = competencies[competencies %in% ratings$competency])
ratings$source <- factor(ratings$source, levels = sources[sources %in% ratings$source])
ratings$ratee <- factor(ratings$ratee)
ratings$rater <- factor(ratings$rater)
formula <- value ~ competency + source + (1 | ratee) + (1 | ratee:competency) + (1 | rater)

default_seconds <- system.time(lmer(formula, data = ratings, REML = TRUE))[["elapsed"]]
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 100000), calc.derivs = FALSE)
tight_seconds <- system.time(fit <- lmer(formula, data = ratings, REML = TRUE, control = tight))[["elapsed"]]

# Readiness's answers: variance components from model.json, rater effects from raters.csv.
json <- paste(readLines(file.path(ours, "model.json")), collapse = "")
component <- function(name) as.numeric(sub(paste0('.*"', name, '": *([-0-9.eE+]+).*'), "\\1", json))
vc <- as.data.frame(VarCorr(fit))
lme4_vc <- setNames(vc$vcov, c("ratee:competency" = "ratee_competency", "ratee" = "ratee", "rater" = "rater", "Residual" = "residual")[vc$grp])
ours_vc <- sapply(names(lme4_vc), component)
raters <- read.csv(file.path(ours, "raters.csv"), colClasses = c("character", "numeric", "numeric", "numeric"))
blup <- ranef(fit)$rater
rater_diff <- max(abs(raters$effect - blup[raters$rater, 1]))

cat(sprintf("ratings (other raters): %d\n", nrow(ratings)))
cat(sprintf("lme4 %s, default settings: %.2f s; tight settings: %.2f s\n", packageVersion("lme4"), default_seconds, tight_seconds))
cat(sprintf("variance components, max relative difference: %.1e (%s)\n", max(abs(ours_vc - lme4_vc) / lme4_vc),
            paste(sprintf("%s %.6f vs %.6f", names(lme4_vc), ours_vc, lme4_vc), collapse = "; ")))
cat(sprintf("rater effects, max absolute difference: %.1e over %d raters\n", rater_diff, nrow(raters)))
cat(sprintf("LME4_SECONDS %.3f %.3f\n", default_seconds, tight_seconds))
