# bench/sparse-cv.ts's glmnet side: read the CSC files and fold ids into a dgCMatrix, time cv.glmnet()
# (one thread, as the process's first fit), write the time, CPU, VmHWM and cvm (JSON by hand).
suppressPackageStartupMessages({library(glmnet); library(Matrix)})
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3])
rd <- function(name, what, count, size) { con <- file(file.path(dir, name), "rb"); on.exit(close(con)); readBin(con, what, count, size = size, endian = "little") }
colptr <- rd("colptr.i32", "integer", p + 1, 4)
nnz <- colptr[p + 1]
x <- new("dgCMatrix", i = rd("rowindex.i32", "integer", nnz, 4), p = colptr, x = rd("values.f64", "double", nnz, 8), Dim = c(n, p))
y <- rd("y.f64", "double", n, 8)
foldid <- rd("foldid.i32", "integer", n, 4)
kb <- function(field) as.numeric(strsplit(trimws(sub(paste0(field, ":"), "", grep(paste0("^", field, ":"), readLines("/proc/self/status"), value = TRUE))), " +")[[1]][1])
base <- kb("VmRSS")
cpu <- function() { t <- proc.time(); sum(t[c("user.self", "sys.self")]) }
t0 <- Sys.time(); c0 <- cpu()
fit <- cv.glmnet(x, y, foldid = foldid)
ms <- as.numeric(difftime(Sys.time(), t0, units = "secs")) * 1000; cpuMs <- (cpu() - c0) * 1000
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
cat(sprintf('{"ms": %.3f, "cpuMs": %.3f, "baseMb": %.1f, "peakMb": %.1f, "lambda": %s, "cvm": %s, "lambdaMin": %.17g}',
            ms, cpuMs, base / 1024, kb("VmHWM") / 1024, num(fit$lambda), num(fit$cvm), fit$lambda.min),
    file = file.path(dir, "glmnet-cv.json"))
