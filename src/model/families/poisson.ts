import { DataError } from "../../errors.js";
import type { Family, OffsetProblem } from "../family.js";
import { checkOutcomeRows, constantOutcome } from "./rows.js";

/** exp(η) beyond this overflows; glmnet caps the linear predictor the same way. */
const ETA_MAX_LOG = Math.log(Number.MAX_VALUE * 0.1);
/** fishnet compares the last λ's deviance ratio with the one four λs back (glmnet's dev(m − mnl + 1), mnl = 5). */
const LOOKBACK = 5;

/** The Poisson mean at η, exp(η) with η capped below overflow (the family's mean; IRLS's row loop, irls-rows.ts). */
export function poissonMean(eta: number): number {
  return Math.exp(eta > ETA_MAX_LOG ? ETA_MAX_LOG : eta);
}

/** Poisson: −(1/n)·loglik of counts, the log link; glmnet's fishnet. */
export const poisson: Family = {
  name: "poisson",
  solver: "irls",
  link: "log",
  mean: poissonMean,
  response: poissonMean,
  variance: (mu) => mu,
  // y·(log y − log μ), not y·log(y/μ): a mean near 1e-308 would overflow the quotient to ∞.
  unitDeviance: (y, mu) => 2 * ((y === 0 ? 0 : y * (Math.log(y) - Math.log(mu))) - (y - mu)),
  nullIntercept,
  checkResponse(y, weights, hasOffset) {
    // Without an offset the null model then fits every row exactly: no deviance for a feature to explain.
    const constant = constantOutcome(y, weights);
    if (!hasOffset && constant !== null && constant > 0) {
      throw new DataError(`the outcome is the same count, ${constant}, in every row: without an offset a Poisson model has nothing to fit`);
    }
    checkOutcomeRows(y, (v, row) => (v < 0 ? `a Poisson outcome must be a count ≥ 0; row ${row} has ${v}` : null));
    let s = 0;
    for (let i = 0; i < y.length; i++) s += weights[i] * y[i];
    if (!(s > 0)) throw new DataError("a Poisson outcome that is 0 in every row has nothing to fit");
  },
  offsetProblem,
  dataWarnings: () => [],
  pathWarnings: () => [],
  // fishnet: the relative gain over the last four λs below 10·fdev.
  earlyStop(dev, fdev) {
    const k = dev.length - 1;
    return (dev[k] - dev[k - LOOKBACK + 1]) / dev[k] < 10 * fdev;
  },
  // fishnet has no saturation test: a Poisson mean is small, not saturated.
  saturated: () => false,
  measures: ["mse", "mae", "deviance"],
  defaultMeasure: "deviance",
  pointError(measure, y, eta) {
    const mu = Math.exp(eta);
    if (measure === "mse") return (y - mu) ** 2;
    if (measure === "mae") return Math.abs(y - mu);
    const devy = y === 0 ? 0 : y * Math.log(y) - y;
    return 2 * (devy - (y * eta - mu));
  },
  classify: null,
  devianceName: "deviance",
  outcome: "count",
  dispersion: false,
  etaWords: (target) => `the log of the expected ${target}`,
  simulate: null,
};

/**
 * b0 = log Σ w·y − log Σ w·exp(o), the second taken as M + log Σ w·exp(o − M) with M the largest
 * offset: offsets of −800 on every row leave their exps 0, but not the intercept, 800 + log ȳ.
 * A row without weight plays no part, whatever its offset (0·exp(800) would be NaN).
 */
function nullIntercept(y: Float64Array, w: Float64Array, offset: Float64Array | null): number {
  let sy = 0, top = -Infinity;
  for (let i = 0; i < y.length; i++) {
    if (w[i] === 0) continue;
    sy += w[i] * y[i];
    if (offset) top = Math.max(top, offset[i]);
  }
  if (!offset) return Math.log(sy);
  let se = 0;
  for (let i = 0; i < y.length; i++) if (w[i] !== 0) se += w[i] * Math.exp(offset[i] - top);
  return Math.log(sy) - (top + Math.log(se));
}

/**
 * A Poisson offset is log(exposure): one whose exp overflows, or leaves the intercept-only model a mean
 * of 0 where a row counts events, turns the null model into ±∞ and every deviance into NaN. The first
 * such row among those with weight; `intercept: false` takes the intercept as 0, as a fit without one does.
 */
function offsetProblem(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, offset: ArrayLike<number>, intercept: boolean): OffsetProblem | null {
  const n = y.length;
  const w = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i] = weights === undefined ? 1 : weights[i];
  for (let i = 0; i < n; i++) {
    w[i] /= sw;
    if (w[i] > 0 && Math.exp(offset[i]) === Infinity) {
      return { row: i, problem: `exp(${offset[i]}) overflows (64-bit numbers end near exp(709.78) = 1.8e308); a Poisson offset is log(exposure), so give the log of the exposure, not the exposure itself` };
    }
  }
  const o = Float64Array.from(offset);
  const b0 = intercept ? nullIntercept(Float64Array.from(y), w, o) : 0;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0 && y[i] > 0 && poisson.mean(b0 + o[i]) === 0) {
      const shift = b0 === 0 ? "" : ` ${b0 < 0 ? "-" : "+"} ${Math.abs(b0).toPrecision(4)}`;
      return { row: i, problem: `the intercept-only model expects exp(${o[i]}${shift}) events in this row, 0 to 64-bit numbers (they end near exp(-745)), yet it counts ${y[i]}; a Poisson offset is log(exposure), and this exposure is vanishingly small beside the others': check that the column is logged once and in one unit` };
    }
  }
  return null;
}
