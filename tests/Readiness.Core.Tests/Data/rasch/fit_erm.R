# Produces the eRm values that RaschFitStatisticsTests reproduce: person measures, their standard errors and the infit and
# outfit statistics of every person and item, at Readiness's joint estimates of the rsmdat items and thresholds.
#
# Usage: Rscript fit_erm.R rsmdat_RSM_data.csv rsmdat_readiness_measures.csv > rsmdat_erm_fit.csv
# Peer: R 4.2 with eRm 1.0-2 (Debian: apt-get install r-base-core r-cran-erm).
#
# eRm estimates items by conditional maximum likelihood and Readiness by joint maximum likelihood, so their item
# estimates differ (RaschCalibratorTests compares them). Fit statistics are functions of the estimates, so to check them
# eRm is given Readiness's: each item's category parameters become beta_ih = -(h * difficulty_i + tau_1 + ... + tau_h)
# (the one rater's severity, 0, is added to each difficulty), then
#  - person.parameter re-estimates every non-extreme person by maximum likelihood with the items held (nlm, numerical
#    Hessian): Readiness's person measures and standard errors should match them;
#  - the person estimates are replaced by Readiness's own, and itemfit and personfit compute the mean squares and their
#    Wilson-Hilferty t statistics, as do the same sums over every rating for the rater facet (eRm has no rater facet);
#    an item's (and the rater's) standard error is 1 / sqrt(sum of eRm's model variances over its ratings);
#  - the category rows hold, per category, the mean linear predictor (person - item) of the ratings in it and the mean
#    expected by the model (weighted by each rating's probability of the category, from eRm's pmat).
# Person 7 scored 0 on every item: eRm leaves the person out of person estimation and of all fit statistics, as Readiness
# leaves an extreme element out of estimation and of fit.
suppressMessages(library(eRm))
args <- commandArgs(trailingOnly = TRUE)
X <- as.matrix(read.csv(args[1], row.names = 1))
rownames(X) <- paste0("P", rownames(X))
ours <- read.csv(args[2], colClasses = c("character", "character", "numeric"))
measure <- function(facet) setNames(ours$measure[ours$facet == facet], ours$id[ours$facet == facet])
severity <- measure("rater")
stopifnot(length(severity) == 1)
difficulty <- measure("competency")[colnames(X)] + severity
cumulative <- cumsum(measure("threshold"))
m <- max(X)

model <- RSM(X)
model$betapar[] <- as.vector(sapply(difficulty, function(d) -((1:m) * d + cumulative)))
persons <- person.parameter(model)
kept <- names(persons$thetapar[[1]])

rows <- data.frame(facet = "ratee", id = kept, measure = persons$thetapar[[1]], se = persons$se.theta[[1]])
persons$thetapar[[1]][] <- measure("ratee")[kept]
items <- itemfit(persons)
people <- personfit(persons)
VE <- eRm:::pifit.internal(persons)
rows$infit <- people$p.infitMSQ[kept]
rows$infit_z <- people$p.infitZ[kept]
rows$outfit <- people$p.outfitMSQ[kept]
rows$outfit_z <- people$p.outfitZ[kept]
rows <- rbind(rows, data.frame(facet = "competency", id = colnames(X), measure = NA, se = 1 / sqrt(colSums(VE$Vmat)),
                               infit = items$i.infitMSQ, infit_z = items$i.infitZ,
                               outfit = items$i.outfitMSQ, outfit_z = items$i.outfitZ))

# The rater facet: eRm's residual matrices summed over every rating, as itemfit sums them over one item's column.
Y <- X[kept, ]
n <- length(Y)
outfit <- sum((Y - VE$Emat)^2 / VE$Vmat) / n
q_outfit <- sqrt(sum(VE$Cmat / VE$Vmat^2) / n^2 - 1 / n)
infit <- sum((Y - VE$Emat)^2) / sum(VE$Vmat)
q_infit <- sqrt(sum(VE$Cmat - VE$Vmat^2)) / sum(VE$Vmat)
z <- function(msq, q) (msq^(1 / 3) - 1) * (3 / q) + q / 3
rows <- rbind(rows, data.frame(facet = "rater", id = names(severity), measure = NA, se = 1 / sqrt(sum(VE$Vmat)),
                               infit = infit, infit_z = z(infit, q_infit), outfit = outfit, outfit_z = z(outfit, q_outfit)))

rows$expected_measure <- NA

# Categories: pmat gives P(h) for h = 1..m per person and item, column-wise by item; P(0) is the rest.
P <- pmat(persons)
x <- outer(measure("ratee")[kept], difficulty, "-")
probability <- function(h) if (h == 0) 1 - Reduce(`+`, lapply(1:m, probability)) else P[, seq(h, by = m, length.out = ncol(X))]
for (h in 0:m) {
  rows <- rbind(rows, data.frame(facet = "category", id = as.character(h), measure = mean(x[Y == h]), se = NA,
                                 infit = NA, infit_z = NA, outfit = NA, outfit_z = NA,
                                 expected_measure = sum(probability(h) * x) / sum(probability(h))))
}

rows[, 3:9] <- lapply(rows[, 3:9], function(v) ifelse(is.na(v), "NA", sprintf("%.15g", v)))
write.csv(rows, stdout(), row.names = FALSE, quote = FALSE)
