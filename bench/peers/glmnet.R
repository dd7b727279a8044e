# The benchmark's glmnet side: read the problem written by bench/run.ts, time glmnet() or
# cv.glmnet() alone (several runs after warm-up), write the times, the process's peak RSS and
# the last path's coefficients. Needs only glmnet (no JSON package): the few numbers out are
# written by hand.
#
# Usage: Rscript bench/peers/glmnet.R <dir> <n> <p> <family> <alpha> <kind path|cv> <runs> <warmup> <out-prefix> <budget-ms>
# Runs stop early once the timed runs exceed the budget (at least one is kept); a warm-up
# run longer than a second counts as a timed run (R has no JIT to warm up at that scale).
suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
family <- args[4]
alpha <- as.numeric(args[5])
kind <- args[6]
runs <- as.integer(args[7])
warmup <- as.integer(args[8])
out <- args[9]
budget_ms <- as.numeric(args[10])

read_f64 <- function(name, count) {
  con <- file(file.path(dir, name), "rb")
  on.exit(close(con))
  readBin(con, "double", count, size = 8, endian = "little")
}
x <- matrix(read_f64("x.f64", n * p), n, p)
y <- read_f64("y.f64", n)
foldid <- NULL
if (kind == "cv") {
  con <- file(file.path(dir, "foldid.i32"), "rb")
  foldid <- readBin(con, "integer", n, size = 4, endian = "little")
  close(con)
}

# Process RSS in kB from /proc (VmHWM is the high-water mark), as Node's resourceUsage().maxRSS.
rss_kb <- function(field) {
  line <- grep(paste0("^", field, ":"), readLines("/proc/self/status"), value = TRUE)
  as.numeric(strsplit(trimws(sub(paste0(field, ":"), "", line)), " +")[[1]][1])
}
base_rss <- rss_kb("VmRSS")

fit_once <- function() {
  if (kind == "cv") cv.glmnet(x, y, family = family, alpha = alpha, foldid = foldid)
  else glmnet(x, y, family = family, alpha = alpha)
}
cpu_times <- numeric(0)
timed_fit <- function() {
  t0 <- Sys.time()
  c0 <- proc.time()
  fit <- fit_once()
  c1 <- proc.time() - c0
  cpu_times <<- c(cpu_times, (c1[["user.self"]] + c1[["sys.self"]]) * 1000)
  list(fit = fit, ms = as.numeric(difftime(Sys.time(), t0, units = "secs")) * 1000)
}
times <- numeric(0)
fit <- NULL
# The first call in this fresh R process (glmnet attached, nothing fitted yet) is timed apart: what a
# script calling glmnet once pays. It is the first warm-up, or the first timed run when none is asked.
first <- timed_fit()
cold_ms <- first$ms
cold_cpu_ms <- cpu_times[1]
fit <- first$fit
if (warmup == 0 || first$ms > 1000) times <- c(times, first$ms)
for (r in seq_len(max(0, warmup - 1))) {
  if (length(times) > 0) break
  w <- timed_fit()
  if (w$ms > 1000) { times <- c(times, w$ms); fit <- w$fit; break }
}
while (length(times) < runs && (length(times) == 0 || sum(times) < budget_ms)) {
  t <- timed_fit()
  times <- c(times, t$ms)
  fit <- t$fit
}
peak_rss <- rss_kb("VmHWM")

path <- if (kind == "cv") fit$glmnet.fit else fit
beta <- as.matrix(path$beta)
con <- file(paste0(out, ".coef.f64"), "wb")
writeBin(as.double(c(path$lambda, path$a0, as.vector(beta))), con, size = 8, endian = "little")
close(con)

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
fields <- c(
  sprintf('"version":"%s"', as.character(packageVersion("glmnet"))),
  sprintf('"times":%s', num(times)),
  sprintf('"cpuTimes":%s', num(tail(cpu_times, length(times)))),
  sprintf('"coldMs":%.17g', cold_ms),
  sprintf('"coldCpuMs":%.17g', cold_cpu_ms),
  sprintf('"baseRssKb":%.0f', base_rss),
  sprintf('"peakRssKb":%.0f', peak_rss),
  sprintf('"nlambda":%d', length(path$lambda)),
  sprintf('"npasses":%d', path$npasses)
)
if (kind == "cv") {
  fields <- c(fields,
    sprintf('"lambdaMin":%.17g', fit$lambda.min),
    sprintf('"lambda1se":%.17g', fit$lambda.1se),
    sprintf('"cvm":%s', num(fit$cvm)))
}
writeLines(paste0("{", paste(fields, collapse = ","), "}"), paste0(out, ".json"))
