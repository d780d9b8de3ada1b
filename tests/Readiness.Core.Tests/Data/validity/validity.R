# Expected values for PredictiveValidityStudy from base R: cor.test (r, 95% CI, p), the F test of adding a predictor
# (anova of nested lm fits) and the AUC by the Mann-Whitney count with Hanley & McNeil's (1982) standard error.
# Regenerate: Rscript validity.R   (writes data.csv and expected.csv next to it)
set.seed(20261125)
n <- 60
performance <- rnorm(n, 3.5, 0.6)
readiness <- 60 + 8 * rnorm(n) + 4 * (performance - 3.5)
outcome <- 0.05 * readiness + 0.2 * performance + rnorm(n, 0, 0.8)
success <- as.integer(outcome > median(outcome))
write.csv(data.frame(readiness, performance, outcome, success), "data.csv", row.names = FALSE)

auc <- function(score, y) {
  pos <- score[y == 1]; neg <- score[y == 0]
  a <- mean(outer(pos, neg, function(p, q) (p > q) + 0.5 * (p == q)))
  n1 <- length(pos); n2 <- length(neg); q1 <- a / (2 - a); q2 <- 2 * a^2 / (1 + a)
  se <- sqrt((a * (1 - a) + (n1 - 1) * (q1 - a^2) + (n2 - 1) * (q2 - a^2)) / (n1 * n2))
  z <- qnorm(0.975)
  c(a, max(0, a - z * se), min(1, a + z * se))
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
row("intercorrelation", cor(readiness, performance))
sink()
