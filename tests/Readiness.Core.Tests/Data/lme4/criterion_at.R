# Evaluates lme4's own REML criterion at two sets of variance components: lme4's optimum and Readiness's exact path's.
# Where the components differ by more than 1e-6 relative (a weakly determined variance), this shows whether either
# implementation stopped short: the one with the lower criterion is nearer the optimum.
#
# Usage: Rscript criterion_at.R <ratings.csv> <competency ids in model order> <ours_variance.csv> <lme4_variance.csv> <name>
# (ratings uncompressed; ours_variance.csv as component,variance from readiness calibrate --path exact's model.json).
# The model is fit_lme4.R's.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
ratings <- read.csv(args[1], colClasses = "character")
competencies <- strsplit(args[2], ",")[[1]]
ours <- read.csv(args[3])  # component,variance
lme <- read.csv(args[4])
sources <- c("self", "manager", "peer", "direct-report", "skip-level", "assessor")
ratings <- ratings[ratings$source != "self", ]
ratings$value <- as.numeric(ratings$value)
ratings$competency <- factor(ratings$competency, levels = competencies[competencies %in% ratings$competency])
ratings$source <- factor(ratings$source, levels = sources[sources %in% ratings$source])
ratings$ratee <- factor(ratings$ratee); ratings$rater <- factor(ratings$rater)
several <- nlevels(ratings$competency) > 1
raters <- max(table(ratings$rater)) > 1
formula <- if (several) value ~ competency + source + (1 | ratee) + (1 | ratee:competency) else value ~ source + (1 | ratee)
if (raters) formula <- update(formula, . ~ . + (1 | rater))
if (nlevels(ratings$source) < 2) formula <- update(formula, . ~ . - source)
dev <- lmer(formula, data = ratings, REML = TRUE, devFunOnly = TRUE)
m <- lFormula(formula, data = ratings, REML = TRUE)
terms <- names(m$reTrms$cnms)
key <- c("ratee:competency" = "ratee_competency", "ratee" = "ratee", "rater" = "rater")
theta <- function(v) { r <- v$variance[v$component == "residual"]; sapply(terms, function(t) sqrt(v$variance[v$component == key[[t]]] / r)) }
a <- dev(theta(lme)); b <- dev(theta(ours))
cat(sprintf("%s lme4 %.10f ours %.10f ours-lme4 %.3e\n", args[5], a, b, b - a))
