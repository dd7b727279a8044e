# cv.glmnet as R users call it, without a λ sequence: glmnet 4.1-6 then fits each fold on its own default
# sequence and predicts the held-out rows at the full data's λs by interpolation (cv.glmnet.raw leaves
# `lambda` NULL for the folds). Reference for cvPath's foldLambda: "own". Writes a test fixture.
# Run from the repository root: Rscript scripts/glmnet-check/cv-own-lambda.R
suppressMessages(library(glmnet))
case <- function(name, file, target, family, measure, alpha) {
  d <- read.csv(file.path("data", file)); y <- d[[target]]; x <- as.matrix(d[, setdiff(names(d), target)])
  foldid <- rep_len(1:10, nrow(x))
  set.seed(11); foldid <- sample(foldid)
  cv <- cv.glmnet(x, y, family = family, alpha = alpha, foldid = foldid, type.measure = measure,
    thresh = 1e-14, maxit = 1e7)
  list(case = name, data = file, target = target, family = family, alpha = alpha, measure = measure,
    foldid = foldid, lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd,
    lambdaMin = cv$lambda.min, lambda1se = cv$lambda.1se)
}
out <- list(
  reference = "glmnet 4.1.6 cv.glmnet without lambda, thresh 1e-14, made by scripts/glmnet-check/cv-own-lambda.R",
  cases = list(
    case("diabetes_lasso_mse", "diabetes.csv", "progression", "gaussian", "mse", 1),
    case("binomial_enet_deviance", "glmnet_binomial.csv", "y", "binomial", "deviance", 0.5),
    case("poisson_lasso_mae", "glmnet_poisson.csv", "y", "poisson", "mae", 1)
  )
)
writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), "test/fixtures/cv_own_lambda.json")
cat("ok\n")
