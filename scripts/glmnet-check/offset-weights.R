# Reference fits with offsets and weights (not in ../shared): Poisson with an exposure offset,
# binomial with weights and an offset, gaussian with weights and limits. Writes test fixtures.
suppressMessages(library(glmnet))
write_case <- function(name, data, target, family, x, y, fit, extra) {
  out <- c(list(case = name, data = data, target = target, family = family,
    features = colnames(x), lambda = fit$lambda, intercept = as.numeric(fit$a0),
    coefficients = lapply(seq_along(fit$lambda), function(k) as.numeric(fit$beta[, k])),
    df = fit$df, devRatio = fit$dev.ratio, nullDeviance = fit$nulldev,
    reference = "glmnet 4.1.6, thresh 1e-14, made by scripts/glmnet-check/offset-weights.R"), extra)
  writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), sprintf("test/fixtures/reference/%s.json", name))
}
d <- read.csv("data/glmnet_poisson.csv"); y <- d$y; x <- as.matrix(d[, setdiff(names(d), "y")])
set.seed(7); offset <- log(runif(nrow(x), 0.5, 2)); w <- runif(nrow(x), 0.2, 3)
f <- glmnet(x, y, family = "poisson", offset = offset, weights = w, thresh = 1e-14)
write_case("poisson_offset_weights", "glmnet_poisson.csv", "y", "poisson", x, y, f, list(offset = offset, weights = w, alpha = 1))
d <- read.csv("data/glmnet_binomial.csv"); y <- d$y; x <- as.matrix(d[, setdiff(names(d), "y")])
set.seed(8); offset <- rnorm(nrow(x), 0, 0.5); w <- runif(nrow(x), 0.2, 3)
f <- glmnet(x, y, family = "binomial", offset = offset, weights = w, alpha = 0.7, thresh = 1e-14)
write_case("binomial_offset_weights", "glmnet_binomial.csv", "y", "binomial", x, y, f, list(offset = offset, weights = w, alpha = 0.7))
d <- read.csv("data/diabetes.csv"); y <- d$progression; x <- as.matrix(d[, setdiff(names(d), "progression")])
set.seed(9); w <- runif(nrow(x), 0.2, 3)
lo <- rep(-Inf, ncol(x)); lo[3] <- 0; up <- rep(Inf, ncol(x)); up[9] <- 300
f <- glmnet(x, y, weights = w, alpha = 0.6, lower.limits = lo, upper.limits = up, thresh = 1e-14)
write_case("diabetes_weights_limits", "diabetes.csv", "progression", "gaussian", x, y, f,
  list(weights = w, alpha = 0.6, lowerLimits = list(bmi = 0), upperLimits = list(s5 = 300)))
cat("ok\n")
