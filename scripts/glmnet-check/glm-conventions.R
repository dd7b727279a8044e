# Two conventions of glmnet's GLM solvers (lognet, fishnet) that shape their paths beyond the solutions:
# - with alpha = 0 and an unpenalized variable, λ_max is read from the pulls at the null model (every
#   variable is in the strong set from the first fit, so the pulls are not recomputed after the
#   unpenalized variables are fitted);
# - on a user's λ sequence, the strong rule at the first λ screens at 2αλ₁, so at the default thresh the
#   iterates, and so the coefficients to ~1e-7, are glmnet's only when that is followed.
# Writes test/fixtures/glm_conventions.json. Run from the repository root:
#   Rscript scripts/glmnet-check/glm-conventions.R
suppressMessages(library(glmnet))
read <- function(file, target) {
  d <- read.csv(file.path("data", file)); list(x = as.matrix(d[, setdiff(names(d), target)]), y = d[[target]])
}
coefs <- function(fit) unname(lapply(seq_along(fit$lambda), function(k) as.numeric(coef(fit)[, k])))
ridge <- function(name, file, target, family) {
  d <- read(file, target)
  pf <- c(0, rep(1, ncol(d$x) - 1))
  fit <- glmnet(d$x, d$y, family = family, alpha = 0, penalty.factor = pf, thresh = 1e-14, maxit = 1e7)
  list(case = name, data = file, target = target, family = family, alpha = 0, penaltyFactor = pf,
    lambda = fit$lambda)
}
# As cv.glmnet fits a fold: on the full data's λs, here with the first variable unpenalized.
userLambda <- function(name, file, target, family, alpha) {
  d <- read(file, target)
  pf <- c(0, rep(1, ncol(d$x) - 1))
  full <- glmnet(d$x, d$y, family = family, alpha = alpha, penalty.factor = pf)
  rows <- seq_len(nrow(d$x)) %% 4 != 0
  fit <- glmnet(d$x[rows, ], d$y[rows], family = family, alpha = alpha, penalty.factor = pf, lambda = full$lambda)  # thresh 1e-7
  list(case = name, data = file, target = target, family = family, alpha = alpha, penaltyFactor = pf,
    rows = which(rows) - 1, lambda = full$lambda, coefficients = coefs(fit))
}
out <- list(
  reference = "glmnet 4.1.6, made by scripts/glmnet-check/glm-conventions.R",
  ridgeUnpenalized = list(
    ridge("binomial", "glmnet_binomial.csv", "y", "binomial"),
    ridge("poisson", "glmnet_poisson.csv", "y", "poisson")
  ),
  userLambda = list(
    userLambda("binomial", "glmnet_binomial.csv", "y", "binomial", 1),
    userLambda("poisson", "glmnet_poisson.csv", "y", "poisson", 0.5)
  )
)
writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), "test/fixtures/glm_conventions.json")
cat("ok\n")
