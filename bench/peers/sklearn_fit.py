"""The benchmark's scikit-learn side: glmnet's problem solved with scikit-learn.

Read the problem written by bench/run.ts, time the fit alone (several runs after warm-up),
write the times, the process's peak RSS and the last path's coefficients on the original scale.

glmnet's problem in scikit-learn's terms (standardize = TRUE, intercept, unit weights):
  * columns are centred and scaled by their 1/n standard deviation, as glmnet does inside;
    this preparation is part of the timed fit, since glmnet's timing includes its own;
  * gaussian: glmnet also scales y to unit variance (sd_y, 1/n) and fits λ' = λ/sd_y on
    that scale. scikit-learn's ElasticNet minimizes
        1/(2n)‖y − Xw‖² + a·r‖w‖₁ + a(1 − r)/2‖w‖²,
    which is glmnet's internal objective with a = λ/sd_y and r = α; the coefficients are
    then multiplied back by sd_y. (For the lasso this is the same as a = λ on y unscaled.)
  * binomial: LogisticRegression minimizes C·Σ loss_i + r‖w‖₁ + (1 − r)/2‖w‖²; divided by
    n·C this is glmnet's −loglik/n + λ·penalty with C = 1/(n·λ). The path is a loop over λ
    with warm starts (saga, the solver that supports l1 and elastic net with an unpenalized
    intercept; liblinear penalizes the intercept).

Tolerance: scikit-learn's default 1e-4 (relative duality gap for coordinate descent) already
solves these problems more accurately than glmnet's thresh = 1e-7, as the accuracy column shows.

Runs stop early once the timed runs exceed the budget (at least one is kept); a warm-up run
longer than a second counts as a timed run (no JIT to warm up at that scale).

Usage: python3 bench/peers/sklearn_fit.py <dir> <n> <p> <family> <alpha> <kind path|cv> <runs> <warmup> <out-prefix> <budget-ms> <tol>
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, enet_path

warnings.simplefilter("ignore", ConvergenceWarning)


def rss_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return float(line.split()[1])
    return float("nan")


def standardize(x):
    mean = x.mean(axis=0)
    sd = x.std(axis=0)  # 1/n, as glmnet
    return np.asfortranarray((x - mean) / sd), mean, sd


def gaussian_path(x, y, lambdas, alpha, tol, max_iter):
    xs, xm, xsd = standardize(x)
    ym = y.mean()
    ysd = y.std()
    _, coefs, _ = enet_path(xs, (y - ym) / ysd, l1_ratio=alpha, alphas=lambdas / ysd,
                            tol=tol, max_iter=max_iter, precompute="auto")
    beta = (coefs * ysd / xsd[:, None]).T  # L×p on the original scale
    a0 = ym - beta @ xm
    return a0, np.ascontiguousarray(beta)


def binomial_path(x, y, lambdas, alpha, tol, max_iter):
    xs, xm, xsd = standardize(x)
    n = x.shape[0]
    penalty = "l1" if alpha == 1 else "elasticnet"
    clf = LogisticRegression(penalty=penalty, l1_ratio=None if alpha == 1 else alpha, solver="saga",
                             tol=tol, max_iter=max_iter, warm_start=True, fit_intercept=True)
    beta = np.zeros((len(lambdas), x.shape[1]))
    a0 = np.zeros(len(lambdas))
    for k, lam in enumerate(lambdas):
        clf.set_params(C=1.0 / (n * lam))
        clf.fit(xs, y)
        beta[k] = clf.coef_[0] / xsd
        a0[k] = clf.intercept_[0] - beta[k] @ xm
    return a0, beta


def fit_path(x, y, family, lambdas, alpha, tol, max_iter):
    if family == "gaussian":
        return gaussian_path(x, y, lambdas, alpha, tol, max_iter)
    if family == "binomial":
        return binomial_path(x, y, lambdas, alpha, tol, max_iter)
    raise ValueError("family " + family)


def cv_loss(family, y, eta):
    """Per observation and λ: squared error (gaussian) or binomial deviance (as cv.glmnet)."""
    if family == "gaussian":
        return (y[:, None] - eta) ** 2
    prob = np.clip(1.0 / (1.0 + np.exp(-eta)), 1e-5, 1 - 1e-5)
    return -2.0 * (y[:, None] * np.log(prob) + (1 - y[:, None]) * np.log(1 - prob))


def cross_validate(x, y, family, lambdas, alpha, tol, max_iter, foldid):
    """cv.glmnet's scheme: the full path, then one path per fold on the same λs, sequentially."""
    full = fit_path(x, y, family, lambdas, alpha, tol, max_iter)
    loss = np.zeros((x.shape[0], len(lambdas)))
    for fold in np.unique(foldid):
        test = foldid == fold
        a0, beta = fit_path(x[~test], y[~test], family, lambdas, alpha, tol, max_iter)
        eta = a0[None, :] + x[test] @ beta.T
        loss[test] = cv_loss(family, y[test], eta)
    cvm = loss.mean(axis=0)
    return full, cvm


def main():
    d, n, p, family, alpha, kind, runs, warmup, out, budget_ms, tol = sys.argv[1:12]
    budget_ms, tol = float(budget_ms), float(tol)
    n, p, runs, warmup, alpha = int(n), int(p), int(runs), int(warmup), float(alpha)
    max_iter = 100000
    x = np.fromfile(f"{d}/x.f64", dtype="<f8").reshape(p, n).T  # column-major file → Fortran array
    y = np.fromfile(f"{d}/y.f64", dtype="<f8")
    lambdas = np.fromfile(f"{d}/lambda.f64", dtype="<f8")
    foldid = np.fromfile(f"{d}/foldid.i32", dtype="<i4") if kind == "cv" else None
    base = rss_kb("VmRSS")

    def once():
        if kind == "cv":
            return cross_validate(x, y, family, lambdas, alpha, tol, max_iter, foldid)
        return fit_path(x, y, family, lambdas, alpha, tol, max_iter), None

    cpu_times = []

    def timed():
        t0 = time.perf_counter()
        c0 = time.process_time()
        r = once()
        cpu_times.append((time.process_time() - c0) * 1000)
        return r, (time.perf_counter() - t0) * 1000

    times = []
    # The first call in this fresh process, timed apart (what a script fitting once pays): the first
    # warm-up, or the first timed run when no warm-up is asked for.
    result, cold_ms = timed()
    cold_cpu_ms = cpu_times[0]
    if warmup == 0 or cold_ms > 1000:
        times.append(cold_ms)
    for _ in range(max(0, warmup - 1)):
        if times:
            break
        result, ms = timed()
        if ms > 1000:
            times.append(ms)
            break
    while len(times) < runs and (not times or sum(times) < budget_ms):
        result, ms = timed()
        times.append(ms)
    (a0, beta), cvm = result
    np.concatenate([lambdas, a0, beta.ravel()]).astype("<f8").tofile(out + ".coef.f64")
    info = {
        "version": sklearn.__version__,
        "times": times,
        "cpuTimes": cpu_times[len(cpu_times) - len(times):],
        "coldMs": cold_ms,
        "coldCpuMs": cold_cpu_ms,
        "baseRssKb": base,
        "peakRssKb": rss_kb("VmHWM"),
        "nlambda": len(lambdas),
        "tol": tol,
        "solver": "enet_path (coordinate descent)" if family == "gaussian" else "LogisticRegression saga, warm starts",
    }
    if cvm is not None:
        k = int(np.argmin(cvm))
        info["cvm"] = cvm.tolist()
        info["lambdaMin"] = float(lambdas[k])
    with open(out + ".json", "w") as f:
        json.dump(info, f)


if __name__ == "__main__":
    main()
