# Multi-cycle ratings drawn here, independently of Readiness's simulator, and what lme4 fits to them: the expected values
# that GrowthModelLme4Tests reproduce.
#
# Usage: Rscript make_growth.R <name> <people> <competencies> <cycles> <seed> <whole levels: 0|1>
# Peer: R 4.2 with lme4 1.1-31 (Debian: apt-get install r-base-core r-cran-lme4).
#
# The model is Readiness's longitudinal calibrator:
#   value ~ competency + competency:time + source + (1 + time | ratee) + (1 | ratee:competency) + (1 | rater)
# with time in years since the first cycle's date (365.25-day years), treatment contrasts for competency (model order)
# and source (RaterSource order), and one slope column per competency. Self-ratings are drawn (Readiness must leave them
# out) but left out of the fit. Review cycles fall on irregular dates; some people miss a cycle, some join late, and the
# rater pool is shared across cycles, so a rater's leniency must carry from one cycle to the next.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
name <- args[1]
people <- as.integer(args[2])
k <- as.integer(args[3])
cycles <- as.integer(args[4])
set.seed(as.integer(args[5]))
whole <- args[6] == "1"

all <- c("sets-clear-expectations", "holds-accountable", "develops-others", "delegates", "builds-trust",
         "manages-conflict", "influences", "navigates-complexity", "seeks-feedback", "develops-peers")
competencies <- all[seq_len(k)]
dates <- as.Date("2023-03-01") + cumsum(c(0, round(runif(cycles - 1, 250, 480))))
labels <- format(dates, "%Y-%m-%d")
pool <- max(12, round(people / 3))
ratee <- sprintf("E%04d", seq_len(people))
rater <- sprintf("R%03d", seq_len(pool))

# People: level and growth correlated (-0.3), a stable ratee x competency profile; raters: a stable leniency.
level <- rnorm(people, 0, 0.55)
growth <- -0.3 * (level / 0.55) * 0.2 + sqrt(1 - 0.09) * rnorm(people, 0, 0.2)
profile <- matrix(rnorm(people * k, 0, 0.35), people, k)
leniency <- rnorm(pool, 0, 0.3)
mean_c <- 3 + seq(-0.3, 0.3, length.out = k)
growth_c <- seq(0.05, 0.35, length.out = k)
shift <- c(manager = 0, peer = 0.15, "direct-report" = 0.3)

rows <- list()
for (p in seq_len(people)) {
  first <- if (runif(1) < 0.1) 2 else 1
  manager <- sample(pool, 1)
  for (s in first:cycles) {
    if (runif(1) < 0.08) next
    t <- as.numeric(dates[s] - dates[1]) / 365.25
    panel <- c(manager, sample(setdiff(seq_len(pool), manager), 3))
    sources <- c("manager", "peer", "peer", "direct-report")
    for (j in seq_along(panel)) for (c in seq_len(k)) {
      x <- mean_c[c] + growth_c[c] * t + level[p] + growth[p] * t + profile[p, c] + leniency[panel[j]] +
           shift[[sources[j]]] + rnorm(1, 0, 0.5)
      x <- min(5, max(1, if (whole) round(x) else x))
      rows[[length(rows) + 1]] <- data.frame(ratee = ratee[p], rater = rater[panel[j]], source = sources[j],
                                             competency = competencies[c], value = x, cycle = labels[s])
    }
    for (c in seq_len(k)) {
      x <- mean_c[c] + level[p] + profile[p, c] + 0.4 + rnorm(1, 0, 0.5)
      rows[[length(rows) + 1]] <- data.frame(ratee = ratee[p], rater = ratee[p], source = "self",
                                             competency = competencies[c], value = min(5, max(1, if (whole) round(x) else x)),
                                             cycle = labels[s])
    }
  }
}
ratings <- do.call(rbind, rows)
ratings$value <- if (whole) as.character(ratings$value) else sprintf("%.6f", ratings$value)
write.csv(ratings, gzfile(paste0(name, "_ratings.csv.gz")), row.names = FALSE, quote = FALSE)
write.csv(data.frame(cycle = labels, date = labels), paste0(name, "_cycles.csv"), row.names = FALSE, quote = FALSE)

d <- ratings[ratings$source != "self", ]
d$value <- as.numeric(d$value)
d$time <- as.numeric(as.Date(d$cycle) - min(dates)) / 365.25
d$competency <- factor(d$competency, levels = competencies)
d$source <- factor(d$source, levels = c("manager", "peer", "direct-report"))
control <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 100000),
                       calc.derivs = FALSE)
seconds <- system.time(fit <- lmer(value ~ competency + competency:time + source + (1 + time | ratee) +
                                     (1 | ratee:competency) + (1 | rater), data = d, REML = TRUE,
                                   control = control))[["elapsed"]]

vc <- as.data.frame(VarCorr(fit))
component <- ifelse(vc$grp == "ratee" & vc$var1 == "(Intercept)" & is.na(vc$var2), "ratee",
             ifelse(vc$grp == "ratee" & vc$var1 == "time" & is.na(vc$var2), "ratee_time",
             ifelse(vc$grp == "ratee" & !is.na(vc$var2), "correlation",
             ifelse(vc$grp == "ratee:competency", "ratee_competency",
             ifelse(vc$grp == "rater", "rater", "residual")))))
value <- ifelse(component == "correlation", vc$sdcor, vc$vcov)
write.csv(data.frame(component = component, value = sprintf("%.15g", value)),
          paste0(name, "_variance.csv"), row.names = FALSE, quote = FALSE)

fixed <- fixef(fit)
se <- sqrt(diag(as.matrix(vcov(fit))))
write.csv(data.frame(name = names(fixed), estimate = sprintf("%.15g", fixed), se = sprintf("%.15g", se)),
          paste0(name, "_fixed.csv"), row.names = FALSE, quote = FALSE)

# BLUPs with their conditional standard deviations (given the fixed effects, as lme4 computes them).
re <- ranef(fit, condVar = TRUE)
sd_of <- function(term, column) {
  v <- attr(re[[term]], "postVar")
  sqrt(v[column, column, ])
}
blups <- rbind(
  data.frame(term = "ratee", level = rownames(re$ratee), blup = re$ratee[, 1], sd = sd_of("ratee", 1)),
  data.frame(term = "ratee_time", level = rownames(re$ratee), blup = re$ratee[, 2], sd = sd_of("ratee", 2)),
  data.frame(term = "ratee_competency", level = rownames(re[["ratee:competency"]]),
             blup = re[["ratee:competency"]][, 1], sd = sd_of("ratee:competency", 1)),
  data.frame(term = "rater", level = rownames(re$rater), blup = re$rater[, 1], sd = sd_of("rater", 1)))
blups$blup <- sprintf("%.15g", blups$blup)
blups$sd <- sprintf("%.15g", blups$sd)
write.csv(blups, gzfile(paste0(name, "_blups.csv.gz")), row.names = FALSE, quote = FALSE)

writeLines(c(
  sprintf("reml_criterion,%.15g", REMLcrit(fit)),
  sprintf("ratings,%d", nrow(d)),
  sprintf("lme4_seconds,%.3f", seconds),
  sprintf("lme4_version,%s", as.character(packageVersion("lme4"))),
  sprintf("r_version,%s", R.version.string)),
  paste0(name, "_fit.csv"))
cat(sprintf("%s: lmer on %d ratings in %.2f s, REML criterion %.6f\n", name, nrow(d), seconds, REMLcrit(fit)))
