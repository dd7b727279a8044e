import { DataError } from "../../errors.js";
import type { Family } from "../family.js";
import { checkOutcomeRows, weightedShare, xlogy } from "./rows.js";

/** Fitted probabilities within pmin of 0 or 1 are treated as 0 or 1, as glmnet does (glmnet.control pmin). */
export const BINOMIAL_PMIN = 1e-9;
/** logisticMean's bound on |η|: μ is 0 or 1 beyond it (BINOMIAL_PMIN's logit). */
export const ETA_MAX_LOGIT = Math.log(1 / BINOMIAL_PMIN - 1);
/** lognet stops when the total working weight falls below this: every fitted probability is 0 or 1. */
const VMIN = (1 + 1e-5) * 1e-5 * (1 - 1e-5);
/** cv.lognet clamps held-out probabilities to [1e-5, 1 − 1e-5] before taking logs. */
const PROB_MIN = 1e-5;

/** The fitted probability at η, 0 or 1 beyond pmin's logit (the family's mean; IRLS's row loop, irls-rows.ts). */
export function logisticMean(eta: number): number {
  if (eta < -ETA_MAX_LOGIT) return 0;
  if (eta > ETA_MAX_LOGIT) return 1;
  return 1 / (1 + Math.exp(-eta));
}

/** Binomial: −(1/n)·loglik of 0/1 outcomes, the logit link; glmnet's lognet. */
export const binomial: Family = {
  name: "binomial",
  solver: "irls",
  link: "logit",
  mean: logisticMean,
  // glmnet's predict(type = "response"): the logistic function itself, no fitting guards.
  response: (eta) => 1 / (1 + Math.exp(-eta)),
  variance: (mu) => mu * (1 - mu),
  unitDeviance(y, mu) {
    const p = Math.min(Math.max(BINOMIAL_PMIN, mu), 1 - BINOMIAL_PMIN);
    return 2 * (xlogy(y, y / p) + xlogy(1 - y, (1 - y) / (1 - p)));
  },
  nullIntercept,
  checkResponse(y, weights) {
    checkOutcomeRows(y, (v, row) => (v !== 0 && v !== 1 ? `a binomial outcome must be 0 or 1 (or a two-level text column); row ${row} has ${v}` : null));
    const q = weightedShare(y, weights);
    if (q <= 1e-5 || q >= 1 - 1e-5) {
      // Said of the rows when one class is absent, of the weights when it is there but carries almost none.
      const absent = q === 0 || q === 1;
      const which = q <= 1e-5 ? (absent ? "no row is 1" : "the rows that are 1 carry almost no weight") : absent ? "every row is 1" : "the rows that are 0 carry almost no weight";
      throw new DataError(`a binomial outcome needs both classes, but ${which} (weighted share of 1s: ${q})`);
    }
  },
  offsetProblem: () => null,
  dataWarnings(y, weights, positiveClass) {
    // glmnet warns when a class has fewer than 8 rows: estimates for it rest on very little.
    let ones = 0, zeros = 0;
    for (let i = 0; i < y.length; i++) if (weights[i] > 0) (y[i] === 1 ? ones++ : zeros++);
    const small = Math.min(ones, zeros);
    if (small >= 8) return [];
    // Named by its label when the outcome was text (the other label is not known here).
    const which = positiveClass === null
      ? `class ${ones < zeros ? 1 : 0}`
      : ones < zeros ? `class ${JSON.stringify(positiveClass)}` : `class other than ${JSON.stringify(positiveClass)}`;
    return [`the ${which} has only ${small} row${small === 1 ? "" : "s"} (fewer than 8): dangerous ground, as glmnet warns`];
  },
  pathWarnings(dev) {
    const last = dev.length - 1;
    if (last < 0 || !(dev[last] > 0.99)) return [];
    return [`the classes are (nearly) separated by the features: the fit explains ${(100 * dev[last]).toFixed(1)}% of the deviance at the smallest λ, where the coefficients are large and unstable`];
  },
  // lognet: the gain in devRatio below fdev.
  earlyStop(dev, fdev) {
    const k = dev.length - 1;
    return dev[k] - dev[k - 1] < fdev;
  },
  saturated: (vsum) => vsum <= VMIN,
  measures: ["mse", "mae", "deviance", "class", "auc"],
  defaultMeasure: "deviance",
  pointError(measure, y, eta) {
    const p = 1 / (1 + Math.exp(-eta));
    switch (measure) {
      case "mse":
        return 2 * (y - p) ** 2;
      case "mae":
        return 2 * Math.abs(y - p);
      case "class":
        // cv.lognet predicts class 1 when p > 0.5: a probability of exactly 0.5 is class 0, wrong for y = 1 only.
        return y === 1 ? (p <= 0.5 ? 1 : 0) : p > 0.5 ? 1 : 0;
      default: {
        const q = Math.min(Math.max(p, PROB_MIN), 1 - PROB_MIN);
        return -2 * (y === 1 ? Math.log(q) : Math.log(1 - q));
      }
    }
  },
  classify: (eta) => (eta > 0 ? 1 : 0),
  devianceName: "deviance",
  outcome: "binary",
  dispersion: false,
  etaWords: (target, positiveClass) => `the log-odds of ${target} = ${positiveClass ?? "1"}`,
  // y = 1 with probability 1/(1 + e^−η), i.e. when a standard logistic variate falls below η.
  simulate: { noise: "logistic", draw: (eta, noise) => (noise < eta ? 1 : 0) },
};

/**
 * logit(ȳ) without an offset; with one, Newton on Σ w(y − σ(b0 + o)) = 0 started there. The sum falls as
 * b0 rises and its root lies in [start − max o, start − min o]; a step that leaves the bracket (σ
 * saturated by an offset of ±800: no curvature, an infinite step) bisects it instead.
 */
function nullIntercept(y: Float64Array, w: Float64Array, offset: Float64Array | null): number {
  let ybar = 0;
  for (let i = 0; i < y.length; i++) ybar += w[i] * y[i];
  const start = Math.log(ybar / (1 - ybar));
  if (!offset) return start;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    if (w[i] === 0) continue;
    lo = Math.min(lo, start - offset[i]);
    hi = Math.max(hi, start - offset[i]);
  }
  let b0 = start;
  for (let it = 0; it < 200; it++) {
    let g = 0, h = 0;
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-(b0 + offset[i])));
      g += w[i] * (y[i] - p);
      h += w[i] * p * (1 - p);
    }
    if (g === 0) break;
    if (g > 0) lo = Math.max(lo, b0);
    else hi = Math.min(hi, b0);
    let next = b0 + g / h;
    if (!(next >= lo && next <= hi)) next = lo + (hi - lo) / 2;
    const step = next - b0;
    b0 = next;
    if (Math.abs(step) < 1e-12 * (1 + Math.abs(b0))) break;
  }
  return b0;
}
