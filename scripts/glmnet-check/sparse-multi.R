# glmnet's multinomial (grouped or not) and mgaussian fits of a dgCMatrix, thresh 1e-14, for
# test/solve/sparse-multi.test.ts. Run: Rscript scripts/glmnet-check/sparse-multi.R > test/fixtures/sparse/glmnet_multi_dgcmatrix.json
suppressMessages({library(glmnet); library(Matrix)})
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
set.seed(21)
n <- 240; p <- 30; K <- 3
x <- rsparsematrix(n, p, density = 0.1, rand.x = function(k) sample(1:3, k, replace = TRUE))
x <- as(x, "dgCMatrix")
xd <- as.matrix(x)
B <- matrix(0, p, K); B[1, ] <- c(1, -0.5, 0); B[4, ] <- c(0, 0.8, -0.8); B[8, ] <- c(-0.6, 0, 0.6)
eta <- xd %*% B
pr <- exp(eta) / rowSums(exp(eta))
cls <- apply(pr, 1, function(q) sample(c("a", "b", "c"), 1, prob = q))
ym <- xd %*% B[, 1:2] + matrix(rnorm(n * 2), n, 2)
w <- 1 + (0:(n - 1)) %% 3
dump <- function(name, f, opts) {
  lam <- f$lambda
  a0 <- as.matrix(f$a0)
  intercepts <- paste0("[", paste(sapply(seq_along(lam), function(l) num(a0[, l])), collapse = ","), "]")
  coefs <- paste0("[", paste(sapply(seq_along(lam), function(l) paste0("[", paste(sapply(f$beta, function(b) num(as.numeric(b[, l]))), collapse = ","), "]")), collapse = ","), "]")
  sprintf('"%s": {"options": %s, "lambda": %s, "devRatio": %s, "df": %s, "nullDeviance": %.17g, "intercept": %s, "coefficients": %s}',
          name, opts, num(lam), num(f$dev.ratio), num(f$df), f$nulldev, intercepts, coefs)
}
fits <- c(
  dump("multinomial", glmnet(x, cls, family = "multinomial", thresh = 1e-14), '{"alpha": 1}'),
  dump("multinomialGroupedWeighted", glmnet(x, cls, family = "multinomial", type.multinomial = "grouped", weights = w, alpha = 0.5, lambda.min.ratio = 0.05, thresh = 1e-14),
       '{"alpha": 0.5, "grouped": true, "weights": true, "lambdaMinRatio": 0.05}'),
  dump("multinomialUnstandardized", glmnet(x, cls, family = "multinomial", standardize = FALSE, alpha = 0.7, thresh = 1e-14), '{"alpha": 0.7, "standardize": false}'),
  dump("mgaussian", glmnet(x, ym, family = "mgaussian", thresh = 1e-14), '{"alpha": 1}'),
  dump("mgaussianWeighted", glmnet(x, ym, family = "mgaussian", weights = w, alpha = 0.5, thresh = 1e-14), '{"alpha": 0.5, "weights": true}'),
  dump("mgaussianNoIntercept", glmnet(x, ym, family = "mgaussian", intercept = FALSE, thresh = 1e-14), '{"alpha": 1, "intercept": false}'))
cat(sprintf('{"note": "glmnet %s multinomial and mgaussian fits of a dgCMatrix (Matrix::rsparsematrix, set.seed(21)), thresh 1e-14: scripts/glmnet-check/sparse-multi.R",\n', packageVersion("glmnet")))
cat(sprintf('"n": %d, "p": %d, "colPtr": %s, "rowIndex": %s, "values": %s,\n', n, p, num(x@p), num(x@i), num(x@x)))
cat(sprintf('"classes": [%s], "y1": %s, "y2": %s, "weights": %s,\n', paste0('"', cls, '"', collapse = ","), num(ym[, 1]), num(ym[, 2]), num(w)))
cat('"fits": {', paste(fits, collapse = ",\n"), '}}\n')
