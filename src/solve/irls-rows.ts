import type { WasmRows } from "../linalg/wasm.js";
import type { Workspace } from "../linalg/workspace.js";
import { BINOMIAL_PMIN, binomial, ETA_MAX_LOGIT, logisticMean } from "../model/families/binomial.js";
import { poisson, poissonMean } from "../model/families/poisson.js";
import { deviance, type Family } from "../model/family.js";

/**
 * A GLM family's working response, row by row, its means kept in mu: v = w·Var(μ), r = w(y − μ), deviance
 * Σ w·d(y, μ). Binomial and Poisson, IRLS's usual families, get loops of their own, with their mean,
 * variance and unit deviance inlined (the same numbers as the family's functions: one exp per row and
 * nothing else, where a loop through the family's methods costs 1.6× as much, 2.5× once a process has
 * fitted several families; the deviance, taken once per λ, likewise, Poisson's log y once per fit).
 */
export function familyRows(fam: Family, y: Float64Array, w: Float64Array, mu: Float64Array, ws: Workspace | null = null): FamilyRows {
  const wasm = fam === binomial && ws !== null ? WasmBinomialRows.of(ws, y, w, mu) : null;
  if (wasm !== null) return wasm;
  const rows = fam === binomial ? binomialRows : fam === poisson ? poissonRows : generalRows(fam);
  const dev = fam === binomial ? () => binomialDeviance(y, w, mu) : fam === poisson ? poissonDeviance(y, w, mu) : () => deviance(fam, y, mu, w);
  return {
    update: (eta, v, r) => rows(eta, null, y, w, mu, v, r),
    advance: (eta, r0, v, r) => rows(eta, r0, y, w, mu, v, r),
    deviance: dev,
  };
}

/** Σ w·2[y·log(y/p) + (1 − y)·log((1 − y)/(1 − p))], p = μ within [pmin, 1 − pmin]: binomial.unitDeviance summed as deviance() sums it. */
function binomialDeviance(y: Float64Array, w: Float64Array, mu: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (w[i] === 0) continue;
    const p = Math.min(Math.max(BINOMIAL_PMIN, mu[i]), 1 - BINOMIAL_PMIN);
    const yi = y[i], q = 1 - yi;
    s += w[i] * (2 * ((yi === 0 ? 0 : yi * Math.log(yi / p)) + (q === 0 ? 0 : q * Math.log(q / (1 - p)))));
  }
  return s;
}

/** Σ w·2[y·(log y − log μ) − (y − μ)]: poisson.unitDeviance summed as deviance() sums it, log y taken once. */
function poissonDeviance(y: Float64Array, w: Float64Array, mu: Float64Array): () => number {
  const logy = Float64Array.from(y, (v) => (v === 0 ? 0 : Math.log(v)));
  return () => {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      if (w[i] === 0) continue;
      const yi = y[i], m = mu[i];
      s += w[i] * (2 * ((yi === 0 ? 0 : yi * (logy[i] - Math.log(m))) - (yi - m)));
    }
    return s;
  };
}

/**
 * binomialRows in WebAssembly (linalg/wasm/rows.wat: two rows at a time, its exp fdlibm's as V8's Math.exp),
 * the same numbers bit for bit, about twice as fast; on arrays that are views into one workspace's memory.
 */
export class WasmBinomialRows implements FamilyRows {
  private constructor(
    private readonly wasm: WasmRows,
    private readonly ws: Workspace,
    private readonly y: Float64Array,
    private readonly w: Float64Array,
    private readonly mu: Float64Array,
  ) {}

  /** The rows on ws's memory, or null where it has none or y, w or mu is not a view into it. */
  static of(ws: Workspace, y: Float64Array, w: Float64Array, mu: Float64Array): WasmBinomialRows | null {
    const wasm = ws.rows();
    const k = ws.kernels;
    if (wasm === null || !k.addressable(y) || !k.addressable(w) || !k.addressable(mu)) return null;
    return new WasmBinomialRows(wasm, ws, y, w, mu);
  }

  update(eta: Float64Array, v: Float64Array, r: Float64Array): number {
    return this.rows(eta, null, v, r);
  }

  /** As FamilyRows.advance, but where some v_i ≤ 0 nothing is changed (the caller rebuilds all of it). */
  advance(eta: Float64Array, r0: Float64Array, v: Float64Array, r: Float64Array): number {
    return this.rows(eta, r0, v, r);
  }

  deviance(): number {
    return binomialDeviance(this.y, this.w, this.mu);
  }

  private rows(eta: Float64Array, r0: Float64Array | null, v: Float64Array, r: Float64Array): number {
    const k = this.ws.kernels;
    const pe = k.address(eta), p0 = r0 === null ? -1 : k.address(r0), pv = k.address(v), pr = k.address(r);
    if (pe < 0 || pv < 0 || pr < 0 || (r0 !== null && p0 < 0)) return binomialRows(eta, r0, this.y, this.w, this.mu, v, r);
    const { y, w, mu } = this;
    return this.wasm.binomial(y.length, ETA_MAX_LOGIT, pe, p0, k.address(y), k.address(w), k.address(mu), pv, pr);
  }
}

/** What glm.ts's WorkingResponse asks: fill v and r at η (returning Σ v), and the deviance at the last η. */
export interface FamilyRows {
  update(eta: Float64Array, v: Float64Array, r: Float64Array): number;
  /**
   * At the end of an IRLS step, η += (r₀ − s)/v (eta-step.ts: v, s = r the step's weights and residual),
   * then update at the new η, in one loop over the rows: the same numbers as advanceEta then update.
   * NO_STEP where some v_i ≤ 0: η, μ, v and r are then left part-changed, for the caller to rebuild η
   * from the columns and update.
   */
  advance(eta: Float64Array, r0: Float64Array, v: Float64Array, r: Float64Array): number;
  deviance(): number;
}

/** update (r0 null) or advance (r0: the step's starting residual), row by row. */
type RowsUpdate = (eta: Float64Array, r0: Float64Array | null, y: Float64Array, w: Float64Array, mu: Float64Array, v: Float64Array, r: Float64Array) => number;

/** advance's answer where some v_i ≤ 0 (Σ v is never negative). */
export const NO_STEP = -1;

/** μ = logistic(η) (0 or 1 beyond pmin), v = w·μ(1 − μ), r = w(y − μ); returns Σ v. */
export function binomialRows(eta: Float64Array, r0: Float64Array | null, y: Float64Array, w: Float64Array, mu: Float64Array, v: Float64Array, r: Float64Array): number {
  let vsum = 0;
  for (let i = 0; i < y.length; i++) {
    let e = eta[i];
    if (r0 !== null) {
      // advanceEta's step, η_i += (r₀_i − s_i)/v_i, at the step's weights before they are overwritten.
      if (!(v[i] > 0)) return NO_STEP;
      e += (r0[i] - r[i]) / v[i];
      eta[i] = e;
    }
    const m = logisticMean(e);
    mu[i] = m;
    const vi = w[i] * (m * (1 - m));
    v[i] = vi;
    vsum += vi;
    r[i] = w[i] * (y[i] - m);
  }
  return vsum;
}

/** μ = exp(η) (η capped), v = w·μ, r = w(y − μ); returns Σ v. */
function poissonRows(eta: Float64Array, r0: Float64Array | null, y: Float64Array, w: Float64Array, mu: Float64Array, v: Float64Array, r: Float64Array): number {
  let vsum = 0;
  for (let i = 0; i < y.length; i++) {
    let e = eta[i];
    if (r0 !== null) {
      // advanceEta's step, η_i += (r₀_i − s_i)/v_i, at the step's weights before they are overwritten.
      if (!(v[i] > 0)) return NO_STEP;
      e += (r0[i] - r[i]) / v[i];
      eta[i] = e;
    }
    const m = poissonMean(e);
    mu[i] = m;
    const vi = w[i] * m;
    v[i] = vi;
    vsum += vi;
    r[i] = w[i] * (y[i] - m);
  }
  return vsum;
}

/** Any other family, through its mean and variance. */
function generalRows(fam: Family): RowsUpdate {
  return (eta, r0, y, w, mu, v, r) => {
    let vsum = 0;
    for (let i = 0; i < y.length; i++) {
      let e = eta[i];
      if (r0 !== null) {
        if (!(v[i] > 0)) return NO_STEP;
        e += (r0[i] - r[i]) / v[i];
        eta[i] = e;
      }
      const m = fam.mean(e);
      mu[i] = m;
      const vi = w[i] * fam.variance(m);
      v[i] = vi;
      vsum += vi;
      r[i] = w[i] * (y[i] - m);
    }
    return vsum;
  };
}
