# psych::ICC on a targets × raters CSV, timed, and compared with Readiness's values.
#   Rscript psych_icc.R icc_table.csv readiness_icc.csv
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.csv(args[1]))
ours <- read.csv(args[2])
# A warm-up call, then the median of three timed ones (psych builds a dense model matrix with a column per target: memory and time grow with targets squared).
r <- ICC(x, lmer = FALSE)
times <- sapply(1:3, function(i) system.time(r <<- ICC(x, lmer = FALSE))[["elapsed"]])
forms <- c("ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)")
theirs <- data.frame(form = forms, value = r$results$ICC, f = r$results$F,
                     lower = r$results$`lower bound`, upper = r$results$`upper bound`)
m <- merge(theirs, ours, by = "form", suffixes = c(".psych", ".readiness"))
cat(sprintf("psych_seconds_median,%.4f\n", median(times)))
cat(sprintf("max_abs_difference: ICC %.2e, F %.2e (relative), bounds %.2e\n",
            max(abs(m$value.psych - m$value.readiness)),
            max(abs(m$f.psych - m$f.readiness) / m$f.psych),
            max(abs(c(m$lower.psych - m$lower.readiness, m$upper.psych - m$upper.readiness)))))
print(m, digits = 10)
