library(glmnet)
d <- read.csv("data/diabetes.csv"); y <- d$progression; x <- as.matrix(d[, setdiff(names(d), "progression")])
ref <- jsonlite::fromJSON("test/fixtures/reference/diabetes_lasso.json")
set.seed(1)
cvf <- cv.glmnet(x, y, relax=TRUE, foldid=ref$cv$foldid, thresh=1e-14)
r <- cvf$relaxed
f <- cvf$glmnet.fit
out <- list(case="diabetes_lasso_relax", data="diabetes.csv", target="progression", lambda=f$lambda,
  relaxed_a0 = as.numeric(f$relaxed$a0), relaxed_beta = lapply(seq_along(f$lambda), function(k) as.numeric(f$relaxed$beta[,k])),
  gamma=r$gamma, lambdaMin=r$lambda.min, gammaMin=r$gamma.min, lambda1se=r$lambda.1se, gamma1se=r$gamma.1se,
  cvm=unname(lapply(r$statlist, function(s) s$cvm)), cvsd=unname(lapply(r$statlist, function(s) s$cvsd)), foldid=ref$cv$foldid,
  reference="glmnet 4.1.6 cv.glmnet(relax=TRUE, thresh=1e-14), made by scripts/glmnet-check")
writeLines(jsonlite::toJSON(out, digits=NA, auto_unbox=TRUE), "test/fixtures/reference/diabetes_lasso_relax.json")
cat(length(f$lambda), r$lambda.min, r$gamma.min, r$lambda.1se, r$gamma.1se, "\n")
