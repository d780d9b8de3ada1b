# Expected values for PredictiveValidityStudy from base R: cor.test (r, 95% CI, p), the F test of adding a predictor
# (anova of nested lm fits), and the AUC with DeLong's interval and the paired DeLong test of readiness against
# performance from pROC (ci.auc and roc.test, method "delong"; higher scores predict success).
# Regenerate: Rscript validity.R   (writes data.csv and expected.csv next to it)
set.seed(20261125)
n <- 60
performance <- rnorm(n, 3.5, 0.6)
readiness <- 60 + 8 * rnorm(n) + 4 * (performance - 3.5)
outcome <- 0.05 * readiness + 0.2 * performance + rnorm(n, 0, 0.8)
success <- as.integer(outcome > median(outcome))
write.csv(data.frame(readiness, performance, outcome, success), "data.csv", row.names = FALSE)

suppressMessages(library(pROC))
curve <- function(score, y) roc(y, score, levels = c(0, 1), direction = "<", quiet = TRUE)
auc <- function(score, y) {
  ci <- ci.auc(curve(score, y), conf.level = 0.95, method = "delong")
  c(ci[2], ci[1], ci[3])
}
row <- function(name, value) cat(sprintf("%s,%.17g\n", name, value))
cat("name,value\n", file = "expected.csv")
sink("expected.csv", append = TRUE)
for (y in list(list("continuous", outcome), list("binary", success))) {
  v <- y[[2]]; tag <- y[[1]]
  for (p in list(list("readiness", readiness), list("performance", performance))) {
    t <- cor.test(p[[2]], v)
    row(paste(tag, p[[1]], "r", sep = "."), t$estimate)
    row(paste(tag, p[[1]], "lower", sep = "."), t$conf.int[1])
    row(paste(tag, p[[1]], "upper", sep = "."), t$conf.int[2])
    row(paste(tag, p[[1]], "p", sep = "."), t$p.value)
  }
  base <- lm(v ~ performance); full <- lm(v ~ performance + readiness)
  a <- anova(base, full)
  row(paste(tag, "readinessOverPerformance.baseR2", sep = "."), summary(base)$r.squared)
  row(paste(tag, "readinessOverPerformance.fullR2", sep = "."), summary(full)$r.squared)
  row(paste(tag, "readinessOverPerformance.F", sep = "."), a$F[2])
  row(paste(tag, "readinessOverPerformance.p", sep = "."), a$`Pr(>F)`[2])
}
r <- auc(readiness, success); p <- auc(performance, success)
row("binary.readiness.auc", r[1]); row("binary.readiness.aucLower", r[2]); row("binary.readiness.aucUpper", r[3])
row("binary.performance.auc", p[1]); row("binary.performance.aucLower", p[2]); row("binary.performance.aucUpper", p[3])
test <- roc.test(curve(readiness, success), curve(performance, success), method = "delong", paired = TRUE, conf.level = 0.95)
row("binary.aucDifference.z", test$statistic); row("binary.aucDifference.p", test$p.value)
row("binary.aucDifference.lower", test$conf.int[1]); row("binary.aucDifference.upper", test$conf.int[2])
row("intercorrelation", cor(readiness, performance))
sink()
