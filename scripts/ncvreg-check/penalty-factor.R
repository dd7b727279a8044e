#!/usr/bin/env Rscript
# Held-back ncvreg references with penalty factor 0 (unpenalized features) for test/fixtures/ncvreg/
# (developer tool only: the tests read the frozen files). Needs R's ncvreg on R_LIBS.
# Usage: Rscript scripts/ncvreg-check/penalty-factor.R <data-dir> <out-dir>
#  - diabetes_mcp_pf0.json: gaussian MCP, sex and bmi unpenalized, with cv.ncvreg on fixed fold ids;
#  - glmnet_binomial_scad_pf0.json: binomial SCAD (alpha 0.9), x1 and x5 unpenalized;
#  - glmnet_poisson_mcp_pf0.json: Poisson MCP, x2 unpenalized and x3's factor 2.
suppressPackageStartupMessages(library(ncvreg))
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "..", "json.R"))
args <- commandArgs(trailingOnly = TRUE)
one <- function(case, file, target, family, penalty, gamma, alpha, factors, cv = FALSE) {
  d <- read.csv(file.path(args[1], file), check.names = FALSE)
  features <- setdiff(names(d), target)
  X <- as.matrix(d[, features]); y <- d[[target]]
  pf <- rep(1, length(features)); pf[match(names(factors), features)] <- unlist(factors)
  fit <- ncvreg(X, y, family = family, penalty = penalty, gamma = gamma, alpha = alpha, penalty.factor = pf, eps = 1e-12, max.iter = 1e6)
  out <- list(case = case, data = file, target = target, family = family, penalty = penalty,
              options = list(alpha = alpha, gamma = gamma), features = features, penaltyFactor = pf,
              lambda = fit$lambda, intercept = fit$beta[1, ], coefficients = t(fit$beta[-1, , drop = FALSE]),
              reference = sprintf("ncvreg %s eps 1e-12 max.iter 1e6, penalty.factor as given", packageVersion("ncvreg")))
  if (cv) {
    foldid <- rep_len(1:5, nrow(X))[order(sin(seq_len(nrow(X)) * 7.3))]
    cvf <- cv.ncvreg(X, y, family = family, penalty = penalty, gamma = gamma, alpha = alpha, penalty.factor = pf, eps = 1e-12, max.iter = 1e6, fold = foldid)
    out$cv <- list(foldid = foldid, measure = "deviance", cvm = cvf$cve, cvsd = cvf$cvse, lambdaMin = cvf$lambda.min)
  }
  writeLines(toJSON(out), file.path(args[2], paste0(case, ".json")))
}
one("diabetes_mcp_pf0", "diabetes.csv", "progression", "gaussian", "MCP", 3, 1, list(sex = 0, bmi = 0), cv = TRUE)
one("glmnet_binomial_scad_pf0", "glmnet_binomial.csv", "y", "binomial", "SCAD", 3.7, 0.9, list(x1 = 0, x5 = 0))
one("glmnet_poisson_mcp_pf0", "glmnet_poisson.csv", "y", "poisson", "MCP", 3, 1, list(x2 = 0, x3 = 2))
