import type { Workspace } from "../linalg/workspace.js";
import type { Family } from "../model/family.js";
import type { Penalty } from "../model/penalty.js";

/**
 * ncvreg's coordinate descent along λ (Breheny & Huang 2011; ncvreg 3.16's cdfit_gaussian and
 * cdfit_glm), step for step, so that its local solutions of the nonconvex MCP and SCAD problems are
 * the ones found: warm starts, its strong rule (penalty.strongThreshold), passes over the active set
 * until the largest change is below eps (gaussian: |Δβ̃_j| < eps·sd(y); GLMs: |Δβ̃_j|·√v_j < eps), then
 * scans of the strong set and of the rest for coefficients that want to enter.
 * GLMs take one penalized IRLS pass per weight update, with ncvreg's adaptive rescaling (the penalty's
 * update at curvature v_j = x̃_jᵀWx̃_j/n is penalty.prox(j, u, v_j, λ)): its fixed points are stationary
 * points, not coordinate-wise minima, where v_j < 1/γ.
 * The n-long loops run on the workspace's kernels (WebAssembly SIMD where X and the n-vectors are its
 * views): the same updates as ncvreg's, summed in the kernels' order (a difference of about 1e-16).
 */

/** The standardized design (ncvreg's std: centred, 1/n sd) and outcome (gaussian: centred). */
export interface NcvData {
  readonly n: number;
  readonly p: number;
  /** x̃, column-major (a view of `workspace`); a column that is not usable is never read. */
  readonly x: Float64Array;
  /** Where the solver's n-vectors go, beside x̃, and the kernels that read them. */
  readonly workspace: Workspace;
  readonly usable: Uint8Array;
  readonly y: Float64Array;
  /** A logistic model of 0/1 outcomes (its deviance then sums −2·log μ or −2·log(1 − μ)). */
  readonly binary?: boolean;
}

export interface NcvSettings {
  readonly family: Family;
  readonly penalty: Penalty;
  /** ncvreg's eps and max.iter (passes, summed over the path), and dfmax. */
  readonly eps: number;
  readonly maxIter: number;
  readonly dfmax: number;
  /** A sequence the user gave: its first λ is fitted too (otherwise it is λ_max, where β = 0). */
  readonly user: boolean;
  /** μ(η) as the solver reads it (ncvreg's logistic is 0 below η = −10 and 1 above 10); the family's by default. */
  readonly mean?: (eta: number) => number;
}

/** ncvreg's p_binomial: the logistic function, cut to 0 or 1 beyond |η| = 10. */
export function ncvLogistic(eta: number): number {
  if (eta > 10) return 1;
  if (eta < -10) return 0;
  const e = Math.exp(eta);
  return e / (1 + e);
}

export interface NcvResult {
  /** Intercepts (GLM; gaussian: 0, the mean is added back) and β̃, λ by λ: beta[l·p + j]. */
  readonly b0: Float64Array;
  readonly beta: Float64Array;
  /** Passes at each λ. */
  readonly iter: Int32Array;
  /** λs fitted: the path stops at dfmax, at max.iter and (GLMs) where the model saturates. */
  readonly fitted: number;
  readonly saturated: boolean;
  readonly maxIterReached: boolean;
}

/** The path's working state, shared by the gaussian and GLM steps. */
interface State {
  readonly d: NcvData;
  readonly s: NcvSettings;
  readonly lam: Float64Array;
  readonly beta: Float64Array;
  readonly b0: Float64Array;
  readonly iter: Int32Array;
  /** β̃ at the start of the current pass; pulls; the active (e1) and strong (e2) sets. */
  readonly a: Float64Array;
  readonly z: Float64Array;
  readonly e1: Uint8Array;
  readonly e2: Uint8Array;
  tot: number;
  saturated: boolean;
}

/** x̃_jᵀv/n (over column j). */
function pull(d: NcvData, j: number, v: Float64Array): number {
  return d.workspace.kernels.dot(d.n, d.x, j * d.n, v, 0) / d.n;
}

/** ncvreg's eligible set: j joins the strong set when |z_j| > strongThreshold(λ, λ_prev). */
function markStrong(st: State, l: number): void {
  const { z, e2, d, s } = st;
  let prev = 0;
  if (l > 0) prev = st.lam[l - 1];
  else for (let j = 0; j < d.p; j++) if (d.usable[j]) prev = Math.max(prev, Math.abs(z[j]));
  for (let j = 0; j < d.p; j++) if (d.usable[j] && Math.abs(z[j]) > s.penalty.strongThreshold(j, st.lam[l], prev)) e2[j] = 1;
}

/** Start λ l from λ l−1's solution; false when the path must stop here (dfmax, max.iter). */
function warmStart(st: State, l: number): boolean {
  const p = st.d.p;
  if (l === 0) return true;
  st.a.set(st.beta.subarray((l - 1) * p, l * p));
  let nv = 0;
  for (let j = 0; j < p; j++) if (st.a[j] !== 0) nv++;
  return !(nv > st.s.dfmax || st.tot >= st.s.maxIter);
}

/**
 * ncvreg's three nested loops at one λ: passes over the active set to convergence, then the strong set
 * scanned (back to the passes if anything entered), then the rest.
 */
function solveAt(st: State, pass: () => boolean, scan: (strong: boolean) => number): void {
  const done = () => st.tot >= st.s.maxIter;
  while (!done()) {
    while (!done()) {
      while (!done()) {
        st.tot++;
        if (pass()) break;
      }
      if (scan(true) === 0) break;
    }
    if (scan(false) === 0) break;
  }
}

/** The λ loop common to both: warm start, strong set, solve, until the path stops. */
function runNcv(st: State, atLambda: (l: number) => void): NcvResult {
  const L = st.lam.length;
  let fitted = L;
  for (let l = st.s.user ? 0 : 1; l < L; l++) {
    if (!warmStart(st, l)) {
      fitted = l;
      break;
    }
    markStrong(st, l);
    atLambda(l);
    if (st.saturated) {
      fitted = l;
      break;
    }
  }
  const maxIterReached = !st.saturated && st.tot >= st.s.maxIter;
  return { b0: st.b0, beta: st.beta, iter: st.iter, fitted, saturated: st.saturated, maxIterReached };
}

function initialState(d: NcvData, s: NcvSettings, lam: Float64Array): State {
  const p = d.p;
  return {
    d, s, lam, beta: new Float64Array(lam.length * p), b0: new Float64Array(lam.length), iter: new Int32Array(lam.length),
    a: new Float64Array(p), z: new Float64Array(p), e1: new Uint8Array(p), e2: new Uint8Array(p), tot: 0, saturated: false,
  };
}

/** cdfit_gaussian: least squares on centred y, ½‖y − X̃β̃‖²/n + Σ pen. */
export function ncvGaussian(d: NcvData, s: NcvSettings, lam: Float64Array): NcvResult {
  const { n, p, x } = d;
  const k = d.workspace.kernels;
  const st = initialState(d, s, lam);
  const { a, z, e1, e2 } = st;
  const r = d.workspace.f64(n);
  r.set(d.y);
  for (let j = 0; j < p; j++) if (d.usable[j]) z[j] = pull(d, j, r);
  const sdy = Math.sqrt(k.dot(n, r, 0, r, 0) / n);
  return runNcv(st, (l) => {
    const cur = st.beta.subarray(l * p, (l + 1) * p);
    const pass = (): boolean => {
      st.iter[l]++;
      let maxChange = 0;
      for (let j = 0; j < p; j++) {
        if (!e1[j]) continue;
        z[j] = pull(d, j, r) + a[j];
        cur[j] = s.penalty.prox(j, z[j], 1, lam[l]);
        const shift = cur[j] - a[j];
        if (shift !== 0) {
          k.axpy(n, -shift, x, j * n, r, 0);
          maxChange = Math.max(maxChange, Math.abs(shift));
        }
      }
      a.set(cur);
      return maxChange < s.eps * sdy;
    };
    const scan = (strong: boolean): number => {
      let violations = 0;
      for (let j = 0; j < p; j++) {
        if (!d.usable[j] || e1[j] || (strong ? !e2[j] : e2[j])) continue;
        z[j] = pull(d, j, r);
        cur[j] = s.penalty.prox(j, z[j], 1, lam[l]);
        if (cur[j] !== 0) {
          e1[j] = e2[j] = 1;
          k.axpy(n, -cur[j], x, j * n, r, 0);
          a[j] = cur[j];
          violations++;
        }
      }
      return violations;
    };
    solveAt(st, pass, scan);
  });
}

/** ncvreg's floor on the IRLS weights. */
const W_MIN = 1e-4;

/** The IRLS vectors of cdfit_glm, in the workspace: η, weights w, score s = y − μ, and w∘r (r the working residual). */
interface IrlsVectors {
  readonly eta: Float64Array;
  readonly w: Float64Array;
  readonly sc: Float64Array;
  readonly wr: Float64Array;
}

/**
 * The quadratic approximation at the current η (ncvreg's "Approximate L"): w = max(V(μ), 1e-4), s = y − μ,
 * w∘r = w·(s/w); returns whether ncvreg's saturation stop applies: its loss (half the deviance Σ d(y_i, μ_i))
 * below 1% of the null deviance. For binary y the deviance is not summed (no logarithms) when its lower
 * bound 2Σ|y_i − μ_i| (−log m ≥ 1 − m) already rules the stop out: the same decision, cheaper.
 */
function approximate(d: NcvData, fam: Family, mean: (eta: number) => number, v: IrlsVectors, nullDev: number): boolean {
  const { y } = d;
  const { eta, w, sc, wr } = v;
  let bound = 0;
  for (let i = 0; i < d.n; i++) {
    const mu = mean(eta[i]);
    const wi = Math.max(fam.variance(mu), W_MIN);
    const si = y[i] - mu;
    w[i] = wi;
    sc[i] = si;
    wr[i] = wi * (si / wi);
    bound += Math.abs(si);
  }
  if (d.binary && bound / nullDev >= 0.01) return false;
  let dev = 0;
  for (let i = 0; i < d.n; i++) {
    const mu = mean(eta[i]);
    // Binary y: the deviance −2·log μ or −2·log(1 − μ), as ncvreg sums it.
    dev += d.binary ? (y[i] === 1 ? -2 * Math.log(mu) : -2 * Math.log(1 - mu)) : fam.unitDeviance(y[i], mu);
  }
  return dev / 2 / nullDev < 0.01;
}

/** cdfit_glm: −loglik/n + Σ pen by penalized IRLS, one coordinate pass per weight update. */
export function ncvGlm(d: NcvData, s: NcvSettings, lam: Float64Array): NcvResult {
  const { n, p, y, x } = d;
  const fam = s.family;
  const k = d.workspace.kernels;
  const mean = s.mean ?? ((e: number) => fam.mean(e));
  const st = initialState(d, s, lam);
  const { a, z, e1, e2 } = st;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i] / n;
  let a0 = fam.nullIntercept(y, new Float64Array(n).fill(1 / n), null);
  st.b0[0] = a0;
  let nullDev = 0;
  for (let i = 0; i < n; i++) nullDev += fam.unitDeviance(y[i], ybar);
  const v: IrlsVectors = { eta: d.workspace.f64(n), w: d.workspace.f64(n), sc: d.workspace.f64(n), wr: d.workspace.f64(n) };
  const { eta, w, sc, wr } = v;
  eta.fill(a0);
  for (let i = 0; i < n; i++) sc[i] = y[i] - ybar;
  for (let j = 0; j < p; j++) if (d.usable[j]) z[j] = pull(d, j, sc);
  const xx = d.workspace.f64(1);
  return runNcv(st, (l) => {
    const cur = st.beta.subarray(l * p, (l + 1) * p);
    if (l > 0) a0 = st.b0[l - 1];
    const pass = (): boolean => {
      st.iter[l]++;
      if (approximate(d, fam, mean, v, nullDev)) {
        st.saturated = true;
        st.tot = s.maxIter;
        return true;
      }
      // The intercept: Σw·r/Σw, then r −= its shift (w∘r −= shift·w) and η += it.
      const xwx = k.sum(n, w, 0);
      st.b0[l] = k.sum(n, wr, 0) / xwx + a0;
      const si = st.b0[l] - a0;
      k.axpy(n, -si, w, 0, wr, 0);
      for (let i = 0; i < n; i++) eta[i] += si;
      let maxChange = (Math.abs(si) * xwx) / n;
      for (let j = 0; j < p; j++) {
        if (!e1[j]) continue;
        const o = j * n;
        // x̃_jᵀW r/n and the curvature x̃_jᵀW x̃_j/n, in one read of the column.
        const xr = k.dotWsq(n, wr, 0, x, o, w, 0, xx, 0);
        const vj = xx[0] / n;
        cur[j] = s.penalty.prox(j, xr / n + vj * a[j], vj, lam[l]);
        const shift = cur[j] - a[j];
        if (shift !== 0) {
          k.waxpy(n, shift, w, 0, x, o, wr, 0);
          k.axpy(n, shift, x, o, eta, 0);
          maxChange = Math.max(maxChange, Math.abs(shift) * Math.sqrt(vj));
        }
      }
      a0 = st.b0[l];
      a.set(cur);
      return maxChange < s.eps;
    };
    const scan = (strong: boolean): number => {
      let violations = 0;
      for (let j = 0; j < p; j++) {
        if (!d.usable[j] || e1[j] || (strong ? !e2[j] : e2[j])) continue;
        z[j] = pull(d, j, sc);
        if (Math.abs(z[j]) > s.penalty.price(j, lam[l], 0)) {
          e1[j] = e2[j] = 1;
          violations++;
        }
      }
      return violations;
    };
    solveAt(st, pass, scan);
  });
}
