#!/usr/bin/env Rscript
# Fit glmnet (and optionally cv.glmnet) on a CSV and write the path as JSON, so the
# TypeScript engine can be compared with glmnet on any problem. Developer tool only:
# tests use the frozen references in test/fixtures/reference/, never this script.
#
# Usage: Rscript scripts/glmnet-check/fit.R <data.csv> <options.json> <out.json>
#
# options.json (every field optional; names follow glmnet's arguments):
#   response          column holding y (default: the last column); all other columns are x
#   family            "gaussian" | "binomial" | "poisson"
#   alpha, lambda, nlambda, lambda.min.ratio, standardize, intercept, thresh, maxit,
#   dfmax, pmax, exclude (1-based column indices of x), penalty.factor, lower.limits,
#   upper.limits, weights, offset
#   cv                true to also run cv.glmnet (implied by foldid or nfolds)
#   foldid, nfolds, type.measure   passed to cv.glmnet
#   seed              set.seed before cv.glmnet (only matters without foldid)
#
# Output JSON: features, lambda, a0, beta (one dense array per λ, aligned with features),
# df, dev.ratio, nulldev, npasses, jerr, and when cross-validated
# cv: { lambda, cvm, cvsd, cvup, cvlo, nzero, lambda.min, lambda.1se, index.min, index.1se }.
suppressPackageStartupMessages({
  library(glmnet)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) {
  stop("usage: Rscript scripts/glmnet-check/fit.R <data.csv> <options.json> <out.json>")
}
data <- read.csv(args[1], check.names = FALSE, stringsAsFactors = FALSE)
opts <- fromJSON(args[2], simplifyVector = TRUE)

response <- if (is.null(opts$response)) names(data)[ncol(data)] else opts$response
if (!(response %in% names(data))) stop(sprintf("response column '%s' not in %s", response, args[1]))
y <- data[[response]]
if (is.character(y)) y <- factor(y)
x <- as.matrix(data[, setdiff(names(data), response), drop = FALSE])
storage.mode(x) <- "double"

# glmnet's own arguments, taken from the options when present.
fit_args <- list(x = x, y = y)
passthrough <- c("family", "alpha", "lambda", "nlambda", "lambda.min.ratio", "standardize",
                 "intercept", "thresh", "maxit", "dfmax", "pmax", "exclude", "penalty.factor",
                 "lower.limits", "upper.limits", "weights", "offset")
for (name in passthrough) {
  if (!is.null(opts[[name]])) fit_args[[name]] <- opts[[name]]
}

fit <- do.call(glmnet, fit_args)

as_dense_rows <- function(beta) {
  m <- as.matrix(beta)
  lapply(seq_len(ncol(m)), function(k) I(unname(m[, k])))
}

# A small JSON writer, because jsonlite prints at most 15 significant digits and the
# comparison wants every bit: numbers as %.17g (round-trips a double exactly).
# Vectors wrapped in I() are always arrays; other length-1 vectors are scalars.
json_number <- function(v) {
  ifelse(is.na(v), "null", ifelse(is.infinite(v), ifelse(v > 0, "1e999", "-1e999"), sprintf("%.17g", v)))
}
json_string <- function(s) {
  vapply(s, function(one) as.character(toJSON(one, auto_unbox = TRUE)), character(1), USE.NAMES = FALSE)
}
to_json <- function(v) {
  if (is.null(v)) return("null")
  if (is.list(v)) {
    parts <- vapply(v, to_json, character(1))
    if (!is.null(names(v))) {
      return(paste0("{", paste0(json_string(names(v)), ":", parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(parts, collapse = ","), "]"))
  }
  as_array <- inherits(v, "AsIs") || length(v) != 1
  items <- if (is.logical(v)) ifelse(is.na(v), "null", ifelse(v, "true", "false"))
           else if (is.numeric(v)) json_number(as.numeric(v))
           else json_string(as.character(v))
  if (as_array) paste0("[", paste(items, collapse = ","), "]") else items
}

out <- list(
  glmnet = as.character(packageVersion("glmnet")),
  features = I(colnames(x)),
  lambda = I(unname(fit$lambda)),
  a0 = I(unname(fit$a0)),
  beta = as_dense_rows(fit$beta),
  df = I(unname(fit$df)),
  dev.ratio = I(unname(fit$dev.ratio)),
  nulldev = fit$nulldev,
  npasses = fit$npasses,
  jerr = fit$jerr
)
if (is.factor(y)) out$levels <- I(levels(y))

want_cv <- isTRUE(opts$cv) || !is.null(opts$foldid) || !is.null(opts$nfolds)
if (want_cv) {
  cv_args <- fit_args
  for (name in c("foldid", "nfolds", "type.measure")) {
    if (!is.null(opts[[name]])) cv_args[[name]] <- opts[[name]]
  }
  if (!is.null(opts$seed)) set.seed(opts$seed)
  cvfit <- do.call(cv.glmnet, cv_args)
  out$cv <- list(
    measure = unname(cvfit$name),
    lambda = I(unname(cvfit$lambda)),
    cvm = I(unname(cvfit$cvm)),
    cvsd = I(unname(cvfit$cvsd)),
    cvup = I(unname(cvfit$cvup)),
    cvlo = I(unname(cvfit$cvlo)),
    nzero = I(unname(cvfit$nzero)),
    lambda.min = cvfit$lambda.min,
    lambda.1se = cvfit$lambda.1se,
    index.min = unname(cvfit$index[1]),
    index.1se = unname(cvfit$index[2])
  )
}

writeLines(to_json(out), args[3])
