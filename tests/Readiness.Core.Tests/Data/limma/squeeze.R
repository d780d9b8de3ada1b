# Expected values for ModeratedVariance from limma's squeezeVar (fitFDist without covariates) on generated variances.
# Regenerate: Rscript squeeze.R   (writes squeeze.csv next to it: the inputs, then the prior and each moderated variance)
suppressMessages(library(limma))
set.seed(20261205)
n <- 40
df <- sample(1:12, n, replace = TRUE)
var <- 0.3 * rchisq(n, df) / df * exp(rnorm(n, 0, 0.4))
out <- squeezeVar(var, df)
write.csv(data.frame(variance = var, df = df, moderated = out$var.post, prior_variance = out$var.prior, prior_df = out$df.prior),
          "squeeze.csv", row.names = FALSE)
