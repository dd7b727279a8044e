/**
 * The GLM datafits: −(1/n)·loglik for binomial (logit link) and Poisson (log link), as the pieces that
 * penalized IRLS needs (Friedman, Hastie & Tibshirani 2010, §3): the mean from the linear predictor,
 * the working weights W and the score residual W(z − η) = w(y − μ), and the deviance.
 */

/** Fitted probabilities within pmin of 0 or 1 are treated as 0 or 1, as glmnet does (glmnet.control pmin). */
export const BINOMIAL_PMIN = 1e-9;
const ETA_MAX_LOGIT = Math.log(1 / BINOMIAL_PMIN - 1);
/** exp(η) beyond this overflows; glmnet caps the linear predictor the same way. */
const ETA_MAX_LOG = Math.log(Number.MAX_VALUE * 0.1);

export interface GlmDatafit {
  readonly name: "binomial" | "poisson";
  /** μ = g⁻¹(η), with glmnet's guards. */
  mean(eta: number): number;
  /** Var(μ) per unit weight: the IRLS weight of a canonical link. */
  variance(mu: number): number;
  /** Unit deviance d(y, μ); the deviance is Σ w·d. */
  unitDeviance(y: number, mu: number): number;
  /** The intercept of the intercept-only model with the given offset (weights sum to 1). */
  nullIntercept(y: Float64Array, w: Float64Array, offset: Float64Array | null): number;
}

function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

export const binomial: GlmDatafit = {
  name: "binomial",
  mean(eta) {
    if (eta < -ETA_MAX_LOGIT) return 0;
    if (eta > ETA_MAX_LOGIT) return 1;
    return 1 / (1 + Math.exp(-eta));
  },
  variance(mu) {
    return mu * (1 - mu);
  },
  unitDeviance(y, mu) {
    const p = Math.min(Math.max(BINOMIAL_PMIN, mu), 1 - BINOMIAL_PMIN);
    return 2 * (xlogy(y, y / p) + xlogy(1 - y, (1 - y) / (1 - p)));
  },
  nullIntercept(y, w, offset) {
    let ybar = 0;
    for (let i = 0; i < y.length; i++) ybar += w[i] * y[i];
    const start = Math.log(ybar / (1 - ybar));
    if (!offset) return start;
    // Newton on Σ w(y − σ(b0 + o)) = 0, started at the no-offset solution. The sum falls as b0 rises and
    // its root lies in [start − max o, start − min o]; a step that leaves the bracket (σ saturated by an
    // offset of ±800: no curvature, an infinite step) bisects it instead.
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
  },
};

export const poisson: GlmDatafit = {
  name: "poisson",
  mean(eta) {
    return Math.exp(eta > ETA_MAX_LOG ? ETA_MAX_LOG : eta);
  },
  variance(mu) {
    return mu;
  },
  unitDeviance(y, mu) {
    // y·(log y − log μ), not y·log(y/μ): a mean near 1e-308 would overflow the quotient to ∞.
    return 2 * ((y === 0 ? 0 : y * (Math.log(y) - Math.log(mu))) - (y - mu));
  },
  nullIntercept(y, w, offset) {
    // b0 = log Σ w·y − log Σ w·exp(o), the second taken as M + log Σ w·exp(o − M) with M the largest
    // offset: offsets of −800 on every row leave their exps 0, but not the intercept, 800 + log ȳ.
    // A row without weight plays no part, whatever its offset (0·exp(800) would be NaN).
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
  },
};

/** Why a Poisson offset cannot be fitted: the first row at fault (0-based) and how. */
export interface PoissonOffsetFault {
  readonly row: number;
  /**
   * "overflow": exp(offset) is past the largest 64-bit number, so the row's exposure is infinite;
   * "underflow": the intercept-only model's mean, exp(b0 + offset), is 0 in a row that counts events,
   * so its deviance is infinite.
   */
  readonly kind: "overflow" | "underflow";
  /** The intercept-only model's intercept, for an underflow (NaN for an overflow). */
  readonly intercept: number;
}

/**
 * The first row, among those with weight, where a Poisson offset breaks the intercept-only model every
 * fit starts from, or null. `weights` (any positive scale; all 1 when absent) need not sum to 1.
 * `intercept: false` takes the intercept as 0, as a fit without one does.
 */
export function poissonOffsetFault(
  y: ArrayLike<number>, weights: ArrayLike<number> | undefined, offset: ArrayLike<number>, intercept = true,
): PoissonOffsetFault | null {
  const n = y.length;
  const w = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i] = weights === undefined ? 1 : weights[i];
  for (let i = 0; i < n; i++) {
    w[i] /= sw;
    if (w[i] > 0 && Math.exp(offset[i]) === Infinity) return { row: i, kind: "overflow", intercept: NaN };
  }
  const o = Float64Array.from(offset);
  const b0 = intercept ? poisson.nullIntercept(Float64Array.from(y), w, o) : 0;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0 && y[i] > 0 && poisson.mean(b0 + o[i]) === 0) return { row: i, kind: "underflow", intercept: b0 };
  }
  return null;
}

/** What is wrong with the offset at a fault, to follow the place ("offset column "o", row 6: …"). */
export function poissonOffsetProblem(fault: PoissonOffsetFault, y: ArrayLike<number>, offset: ArrayLike<number>): string {
  const o = offset[fault.row];
  if (fault.kind === "overflow") {
    return `exp(${o}) overflows (64-bit numbers end near exp(709.78) = 1.8e308); a Poisson offset is log(exposure), so give the log of the exposure, not the exposure itself`;
  }
  const b0 = fault.intercept === 0 ? "" : ` ${fault.intercept < 0 ? "-" : "+"} ${Math.abs(fault.intercept).toPrecision(4)}`;
  return `the intercept-only model expects exp(${o}${b0}) events in this row, 0 to 64-bit numbers (they end near exp(-745)), yet it counts ${y[fault.row]}; a Poisson offset is log(exposure), and this exposure is vanishingly small beside the others': check that the column is logged once and in one unit`;
}

/** Σ_i w_i·d(y_i, μ_i). */
export function deviance(fam: GlmDatafit, y: Float64Array, mu: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) if (w[i] !== 0) s += w[i] * fam.unitDeviance(y[i], mu[i]);
  return s;
}
