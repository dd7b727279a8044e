# bench/sparse.ts's glmnet side: read the CSC files into a dgCMatrix, time glmnet() (the process's
# first fit, then warm runs), write the times, VmHWM and the last path (JSON by hand).
suppressPackageStartupMessages({library(glmnet); library(Matrix)})
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3]); runs <- as.integer(args[4]); family <- if (length(args) >= 5) args[5] else "gaussian"
rd <- function(name, what, count, size) { con <- file(file.path(dir, name), "rb"); on.exit(close(con)); readBin(con, what, count, size = size, endian = "little") }
colptr <- rd("colptr.i32", "integer", p + 1, 4)
nnz <- colptr[p + 1]
x <- new("dgCMatrix", i = rd("rowindex.i32", "integer", nnz, 4), p = colptr, x = rd("values.f64", "double", nnz, 8), Dim = c(n, p))
y <- rd("y.f64", "double", n, 8)
kb <- function(field) as.numeric(strsplit(trimws(sub(paste0(field, ":"), "", grep(paste0("^", field, ":"), readLines("/proc/self/status"), value = TRUE))), " +")[[1]][1])
base <- kb("VmRSS")
# Wall and process CPU time (user + system), ms: CPU time stays put when other work shares the machine.
cpu <- function() { t <- proc.time(); sum(t[c("user.self", "sys.self")]) }
ms <- function(expr) { t0 <- Sys.time(); c0 <- cpu(); force(expr); c(as.numeric(difftime(Sys.time(), t0, units = "secs")) * 1000, (cpu() - c0) * 1000) }
fit <- NULL
first <- ms(fit <- glmnet(x, y, family = family))
warm <- numeric(0); warmCpu <- numeric(0)
for (r in seq_len(runs)) { m <- ms(fit <- glmnet(x, y, family = family)); warm <- c(warm, m[1]); warmCpu <- c(warmCpu, m[2]) }
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
b <- fit$beta
beta <- sapply(seq_len(ncol(b)), function(k) { nz <- which(b[, k] != 0); paste0("[", num(nz - 1), ",", num(b[nz, k]), "]") })
cat(sprintf('{"firstMs": %.3f, "warmMs": %s, "firstCpuMs": %.3f, "warmCpuMs": %s, "baseMb": %.1f, "peakMb": %.1f, "lambda": %s, "a0": %s, "beta": [%s]}',
            first[1], num(warm), first[2], num(warmCpu), base / 1024, kb("VmHWM") / 1024, num(fit$lambda), num(fit$a0), paste(beta, collapse = ",")),
    file = file.path(dir, "glmnet.json"))
