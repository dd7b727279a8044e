#!/usr/bin/env Rscript
# The Cox references of test/fixtures/cox/ (developer tool only: tests read the frozen files).
# Usage: Rscript scripts/glmnet-check/cox.R <out-dir> <CoxExample csv>
#  - survival.csv: 240 rows, 6 features, integer times (many ties), 3 strata, weights, an offset,
#    and a (start, stop] version of every row (start < stop);
#  - cox_cases.json: glmnet 4.1 fits (thresh 1e-14, epsnr 1e-14) of four cases on it, each with its
#    lambda, beta (original scale, [λ][j]), dev.ratio and nulldev;
#  - cox_survfit.json: survfit(fit, s, x, y, newx) survival of rows 1 and 2 at the event times, CoxExample
#    at its 20th λ (no tied times), and survival.csv's stratified fit at its 10th (rows 1 and 2 in their
#    strata; Breslow's curve, from coxph with ties = "breslow" at glmnet's coefficients);
#  - cox_cv_C.json: cv.glmnet(type.measure = "C") on CoxExample with cox_lasso.json's fold ids.
suppressPackageStartupMessages({ library(glmnet); library(survival) })
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "..", "json.R"))
readFoldid <- function(file) {
  txt <- paste(readLines(file, warn = FALSE), collapse = "")
  ids <- sub("\\].*", "", sub(".*\"foldid\":\\[", "", txt))
  as.integer(strsplit(ids, ",")[[1]])
}
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
set.seed(17)
n <- 240; p <- 6
x <- matrix(rnorm(n * p), n, p); colnames(x) <- paste0("v", 1:p)
strata <- sample(1:3, n, replace = TRUE)
eta <- drop(x %*% c(0.8, -0.6, 0, 0, 0.3, 0)) + 0.3 * strata
time <- ceiling(rexp(n, exp(eta)) * 8)            # integer times: ties
cens <- ceiling(runif(n, 0, 16))
status <- as.integer(time <= cens); time <- pmin(time, cens)
start <- pmax(0, time - sample(1:4, n, replace = TRUE)); start[start >= time] <- 0
w <- round(runif(n, 0.5, 2), 2)
off <- round(rnorm(n, 0, 0.3), 3)
d <- data.frame(x, time = time, status = status, start = start, stratum = strata, w = w, off = off)
write.csv(d, file.path(out, "survival.csv"), row.names = FALSE)
glmnet.control(epsnr = 1e-14, mxitnr = 100)
fit1 <- function(y, ...) {
  f <- glmnet(x, y, family = "cox", thresh = 1e-14, ...)
  list(lambda = f$lambda, beta = unname(t(as.matrix(f$beta))), devRatio = f$dev.ratio, nullDeviance = f$nulldev)
}
cases <- list(
  ties_weights_offset = c(list(options = list(weights = "w", offset = "off")), fit1(Surv(time, status), weights = w, offset = off)),
  strata = c(list(options = list(strata = "stratum")), fit1(stratifySurv(Surv(time, status), strata))),
  start_stop = c(list(options = list(start = "start")), fit1(Surv(start, time, status))),
  start_stop_strata_weights = c(list(options = list(start = "start", strata = "stratum", weights = "w", alpha = 0.5)),
    fit1(stratifySurv(Surv(start, time, status), strata), weights = w, alpha = 0.5))
)
write(toJSON(list(reference = "glmnet 4.1.6 thresh 1e-14, glmnet.control(epsnr = 1e-14)", cases = cases)),
      file.path(out, "cox_cases.json"))
glmnet.control(factory = TRUE)
ce <- read.csv(args[2])
foldid <- readFoldid(file.path(out, "../reference/cox_lasso.json"))
cx <- as.matrix(ce[, paste0("x", 1:30)])
# On the full fit's λs, as the references' cv blocks (cv.glmnet without them fits each fold on its own λs).
full <- glmnet(cx, Surv(ce$time, ce$status), family = "cox", thresh = 1e-14)
cv <- cv.glmnet(cx, Surv(ce$time, ce$status), family = "cox", foldid = foldid, type.measure = "C", thresh = 1e-14, lambda = full$lambda)
write(toJSON(list(reference = "glmnet 4.1.6 cv.glmnet(type.measure = 'C', thresh = 1e-14, lambda = the full fit's), foldid of cox_lasso.json",
  lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd, lambdaMin = cv$lambda.min, lambda1se = cv$lambda.1se)),
  file.path(out, "cox_cv_C.json"))

glmnet.control(factory = TRUE)
y <- Surv(ce$time, ce$status)
fit <- glmnet(cx, y, family = "cox", thresh = 1e-14)
sf <- survfit(fit, s = fit$lambda[20], x = cx, y = y, newx = cx[1:2, ])
ev <- sf$n.event > 0
ys <- stratifySurv(Surv(time, status), strata)
fs <- glmnet(x, ys, family = "cox", thresh = 1e-14)
# survfit.coxnet refits coxph with its default ties = "efron", whose curve (ctype 2) corrects tied event times;
# the Breslow curve is coxph's with ties = "breslow" at glmnet's coefficients (no iteration).
b <- as.numeric(coef(fs, s = fs$lambda[10]))
cf <- coxph(Surv(time, status) ~ x + strata(strata), data = data.frame(time, status, strata), init = b,
            control = coxph.control(iter.max = 0), ties = "breslow")
sfs <- survfit(cf, newdata = data.frame(x = I(x[1:2, ]), strata = strata[1:2]))
curves <- lapply(1:2, function(r) { k <- sfs[r]; list(stratum = strata[r], time = k$time[k$n.event > 0], surv = k$surv[k$n.event > 0]) })
write(toJSON(list(reference = "glmnet 4.1.6 survfit.coxnet (CoxExample); survival 3.5 survfit.coxph, ties breslow (strata)",
  coxExample = list(lambda = fit$lambda[20], time = sf$time[ev], surv = unname(t(sf$surv[ev, ]))),
  strata = list(lambda = fs$lambda[10], curves = curves))), file.path(out, "cox_survfit.json"))
