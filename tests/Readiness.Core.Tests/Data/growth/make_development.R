# Multi-cycle ratings with development records, drawn here (not by Readiness's simulator), and what lme4 fits to them:
# the expected values that DevelopmentEffectLme4Tests reproduce.
#
# Usage: Rscript make_development.R <name> <people> <seed>
# Peer: R 4.2 with lme4 1.1-31.
#
# The model is Readiness's longitudinal calibrator with development records:
#   value ~ competency + competency:time + source + during_coaching + after_coaching + during_programme + after_programme
#           + (1 + time | ratee) + (1 | ratee:competency) + (1 | rater)
# during_X is the years a person had spent in intervention X by the rating (0 before it, its length after it), after_X the
# years since it ended, both on the competencies X develops (coaching: one competency; the programme: every one) and 0
# for people without it. Planted: coaching +0.4 a year while in it and +0.1 after; the programme +0.2 and +0.15. People
# are put forward for the programme more often when their first level is low (the non-random assignment the fit warns of).
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
name <- args[1]
people <- as.integer(args[2])
set.seed(as.integer(args[3]))

competencies <- c("sets-clear-expectations", "holds-accountable", "develops-others", "delegates", "builds-trust")
k <- length(competencies)
dates <- as.Date(c("2023-03-01", "2024-02-15", "2025-03-10", "2026-02-20"))
labels <- format(dates, "%Y-%m-%d")
years <- function(d) as.numeric(d - dates[1]) / 365.25
pool <- round(people / 3)
ratee <- sprintf("E%04d", seq_len(people))
rater <- sprintf("R%03d", seq_len(pool))
level <- rnorm(people, 0, 0.55)
growth <- rnorm(people, 0, 0.15)
profile <- matrix(rnorm(people * k, 0, 0.35), people, k)
leniency <- rnorm(pool, 0, 0.3)
mean_c <- 3 + seq(-0.3, 0.3, length.out = k)
growth_c <- seq(0.05, 0.25, length.out = k)
shift <- c(manager = 0, peer = 0.15, "direct-report" = 0.3)

# Development: coaching on one competency for 30%, the programme for 25% (more often for low first levels).
records <- data.frame()
for (p in seq_len(people)) {
  if (runif(1) < 0.3) {
    start <- dates[1] + round(runif(1, 30, 500))
    records <- rbind(records, data.frame(ratee = ratee[p], intervention = "coaching", competency = competencies[sample(k, 1)],
                                         start = start, end = start + round(runif(1, 90, 300))))
  }
  if (runif(1) < plogis(-1.1 - 1.5 * level[p])) {
    start <- dates[1] + round(runif(1, 60, 700))
    records <- rbind(records, data.frame(ratee = ratee[p], intervention = "programme", competency = "",
                                         start = start, end = start + round(runif(1, 150, 365))))
  }
}
exposure <- function(p, c, t, what) {
  r <- records[records$ratee == ratee[p] & records$intervention == what & (records$competency == "" | records$competency == competencies[c]), ]
  if (nrow(r) == 0) return(c(0, 0))
  s <- years(r$start); e <- years(r$end)
  c(sum(pmin(pmax(t - s, 0), e - s)), sum(pmax(t - e, 0)))
}
effect <- list(coaching = c(0.4, 0.1), programme = c(0.2, 0.15))

rows <- list()
for (p in seq_len(people)) {
  manager <- sample(pool, 1)
  for (s in seq_along(dates)) {
    if (runif(1) < 0.08) next
    t <- years(dates[s])
    panel <- c(manager, sample(setdiff(seq_len(pool), manager), 3))
    sources <- c("manager", "peer", "peer", "direct-report")
    for (c in seq_len(k)) {
      planted <- 0
      for (what in names(effect)) planted <- planted + sum(exposure(p, c, t, what) * effect[[what]])
      for (j in seq_along(panel)) {
        x <- mean_c[c] + growth_c[c] * t + level[p] + growth[p] * t + profile[p, c] + planted + leniency[panel[j]] +
             shift[[sources[j]]] + rnorm(1, 0, 0.5)
        rows[[length(rows) + 1]] <- data.frame(ratee = ratee[p], rater = rater[panel[j]], source = sources[j],
                                               competency = competencies[c], value = sprintf("%.6f", min(5, max(1, x))), cycle = labels[s])
      }
    }
  }
}
ratings <- do.call(rbind, rows)
write.csv(ratings, gzfile(paste0(name, "_ratings.csv.gz")), row.names = FALSE, quote = FALSE)
write.csv(data.frame(cycle = labels, date = labels), paste0(name, "_cycles.csv"), row.names = FALSE, quote = FALSE)
write.csv(transform(records, start = format(start), end = format(end)), paste0(name, "_development.csv"), row.names = FALSE, quote = FALSE)

d <- ratings
d$value <- as.numeric(d$value)
d$time <- years(as.Date(d$cycle))
for (what in names(effect)) {
  x <- t(mapply(function(r, c, t) exposure(match(r, ratee), match(c, competencies), t, what), d$ratee, d$competency, d$time))
  d[[paste0("during_", what)]] <- x[, 1]
  d[[paste0("after_", what)]] <- x[, 2]
}
d$competency <- factor(d$competency, levels = competencies)
d$source <- factor(d$source, levels = c("manager", "peer", "direct-report"))
control <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 100000), calc.derivs = FALSE)
fit <- lmer(value ~ competency + competency:time + source + during_coaching + after_coaching + during_programme + after_programme +
              (1 + time | ratee) + (1 | ratee:competency) + (1 | rater), data = d, REML = TRUE, control = control)
fixed <- fixef(fit)
se <- sqrt(diag(as.matrix(vcov(fit))))
write.csv(data.frame(name = names(fixed), estimate = sprintf("%.15g", fixed), se = sprintf("%.15g", se)),
          paste0(name, "_fixed.csv"), row.names = FALSE, quote = FALSE)
vc <- as.data.frame(VarCorr(fit))
writeLines(c(sprintf("reml_criterion,%.15g", REMLcrit(fit)), sprintf("ratings,%d", nrow(d)),
             sprintf("ratee_time,%.15g", vc$vcov[vc$grp == "ratee" & vc$var1 == "time" & is.na(vc$var2)]),
             sprintf("residual,%.15g", sigma(fit)^2)), paste0(name, "_fit.csv"))
cat(sprintf("%s: %d ratings, %d development records, REML criterion %.6f\n", name, nrow(d), nrow(records), REMLcrit(fit)))
print(fixed[grepl("during|after", names(fixed))])
