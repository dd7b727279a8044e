suppressMessages({library(glmnet); library(Matrix); library(survival)})
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
set.seed(20)
n <- 200; p <- 40
x <- rsparsematrix(n, p, density = 0.08, rand.x = function(k) sample(1:3, k, replace = TRUE))
x <- as(x, "dgCMatrix")
eta <- as.numeric(x[, 1] - x[, 4] + 0.5 * x[, 8])
yg <- eta + rnorm(n)
yb <- rbinom(n, 1, 1 / (1 + exp(-eta)))
yp <- rpois(n, exp(0.3 * eta))
w <- 1 + (0:(n - 1)) %% 3
# Cox: exponential times with hazard exp(eta / 2), about 30% censored (drawn after the others, so that
# they keep their values).
tt <- rexp(n, exp(0.5 * eta))
st <- rbinom(n, 1, 0.7)
fitOf <- function(name, fam, y, ...) {
  f <- glmnet(x, y, family = fam, thresh = 1e-14, ...)
  b <- as.matrix(coef(f))
  # A Cox fit has no intercept: a row of zeros stands in for it.
  if (fam == "cox") b <- rbind(0, b)
  coefs <- paste0("[", paste(sapply(seq_len(ncol(b)), function(k) num(b[-1, k])), collapse = ","), "]")
  sprintf('"%s": {"lambda": %s, "intercept": %s, "coefficients": %s, "devRatio": %s, "nullDeviance": %.17g}',
          name, num(f$lambda), num(b[1, ]), coefs, num(f$dev.ratio), f$nulldev)
}
fits <- c(
  fitOf("gaussian", "gaussian", yg),
  fitOf("gaussianWeighted", "gaussian", yg, weights = w),
  fitOf("gaussianNoIntercept", "gaussian", yg, intercept = FALSE, alpha = 0.5),
  fitOf("binomial", "binomial", yb),
  fitOf("binomialWeighted", "binomial", yb, weights = w),
  fitOf("poisson", "poisson", yp),
  fitOf("poissonUnstandardized", "poisson", yp, standardize = FALSE),
  fitOf("cox", "cox", Surv(tt, st)),
  fitOf("coxWeighted", "cox", Surv(tt, st), weights = w))
cat(sprintf('{"note": "glmnet %s fits of a dgCMatrix (Matrix::rsparsematrix, set.seed(20)), thresh 1e-14: scripts/glmnet-check/sparse.R",\n', packageVersion("glmnet")))
cat(sprintf('"n": %d, "p": %d, "colPtr": %s, "rowIndex": %s, "values": %s,\n', n, p, num(x@p), num(x@i), num(x@x)))
cat(sprintf('"yGaussian": %s, "yBinomial": %s, "yPoisson": %s, "weights": %s,\n', num(yg), num(yb), num(yp), num(w)))
cat(sprintf('"coxTime": %s, "coxStatus": %s,\n', num(tt), num(st)))
cat('"fits": {', paste(fits, collapse = ",\n"), '}}\n')
