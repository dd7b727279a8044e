import type { FamilyName } from "../src/model/family.js";
import type { ObjectiveScales } from "./objective.js";
import type { BenchData } from "./problems.js";

/**
 * The relative duality gap of one system's solution at one λ, computed from its coefficients alone, the
 * same way for every system (glmnet gives none; Shrinkage's own, src/solve/gap.ts, is on its standardized
 * scale and equals this one to rounding: bench/bench.test.ts checks it).
 *
 * Primal (glmnet's objective, bench/objective.ts): P = (1/n)Σ f_i(η_i) + Σ_j h_j(β_j) with
 *   gaussian f_i(η) = ½(y_i − η)², binomial f_i(η) = log(1 + e^η) − y_i·η,
 *   h_j(b) = λ[α·sd_j·|b| + (1−α)·sd_j²·b²/(2c)], c = sd_y (gaussian, glmnet's scaling of y) or 1.
 * Dual point: the residual u = s·(y − μ − mean(y − μ)) (Σu = 0, the intercept's condition), its pulls
 * z_j = (x_j − x̄_j)ᵀu/n, s ≤ 1 the largest scale keeping every h_j*(z_j) finite (the lasso's
 * |z_j| ≤ λ·sd_j). By Fenchel–Young term by term (the linear terms cancel as Σu = 0),
 *   P − D = (1/n)Σ B_i + Σ_j [h_j(β_j) + h_j*(z_j) − β_j·z_j],
 * B_i = ½(r_i − u_i)² (gaussian) or KL(m_i ‖ μ_i) with m = y − u (binomial). Relative: divided by the
 * null model's datafit, (1/2n)Σ(y − ȳ)² or the binomial null deviance / 2n, as Shrinkage's gap.
 */
export function relativeDualityGap(
  data: BenchData, scales: ObjectiveScales, family: FamilyName, alpha: number,
  lambda: number, a0: number, beta: Float64Array, betaOffset: number,
): number {
  if (family !== "gaussian" && family !== "binomial") throw new Error(`bench: duality gap for family ${family} not implemented`);
  const { n, p, x, y } = data;
  const eta = linearPredictor(data, a0, beta, betaOffset);
  // The residual y − μ, centred: the dual point before scaling.
  const resid = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    resid[i] = y[i] - (family === "gaussian" ? eta[i] : 1 / (1 + Math.exp(-eta[i])));
    mean += resid[i];
  }
  mean /= n;
  for (let i = 0; i < n; i++) resid[i] -= mean;
  const c = family === "gaussian" ? scales.ysd : 1;
  const z = new Float64Array(p);
  let s = 1;
  for (let j = 0; j < p; j++) {
    const col = j * n;
    const xm = scales.xmean[j];
    let t = 0;
    for (let i = 0; i < n; i++) t += (x[col + i] - xm) * resid[i];
    z[j] = t / n;
    const l1 = lambda * alpha * scales.xsd[j];
    if (alpha === 1 && Math.abs(z[j]) > l1) s = Math.min(s, l1 / Math.abs(z[j]));
  }
  let penalty = 0;
  for (let j = 0; j < p; j++) {
    const sd = scales.xsd[j];
    penalty += Math.max(0, fenchelYoung(beta[betaOffset + j], s * z[j], lambda * alpha * sd, (lambda * (1 - alpha) * sd * sd) / c));
  }
  let datafit = 0;
  let nullFit = 0;
  if (family === "gaussian") {
    let ybar = 0;
    for (let i = 0; i < n; i++) ybar += y[i] / n;
    for (let i = 0; i < n; i++) {
      const r = y[i] - eta[i];
      datafit += 0.5 * (r - s * resid[i]) ** 2;
      nullFit += 0.5 * (y[i] - ybar) ** 2;
    }
  } else {
    let ybar = 0;
    for (let i = 0; i < n; i++) ybar += y[i] / n;
    for (let i = 0; i < n; i++) {
      const m = y[i] - s * resid[i];
      if (m < 0 || m > 1) return Infinity;
      datafit += Math.max(0, binomialBregman(m, eta[i]));
      nullFit -= y[i] * Math.log(ybar) + (1 - y[i]) * Math.log(1 - ybar);
    }
  }
  return (datafit / n + penalty) / (nullFit / n);
}

function linearPredictor(data: BenchData, a0: number, beta: Float64Array, betaOffset: number): Float64Array {
  const { n, p, x } = data;
  const eta = new Float64Array(n).fill(a0);
  for (let j = 0; j < p; j++) {
    const b = beta[betaOffset + j];
    if (b === 0) continue;
    for (let i = 0; i < n; i++) eta[i] += b * x[j * n + i];
  }
  return eta;
}

/** h(b) + h*(z) − b·z for h(b) = a|b| + q·b²/2: h*(z) = max(|z| − a, 0)²/(2q), or 0 / ∞ when q = 0. */
export function fenchelYoung(b: number, z: number, a: number, q: number): number {
  const excess = Math.max(Math.abs(z) - a, 0);
  const conjugate = q > 0 ? (excess * excess) / (2 * q) : excess > 1e-12 * Math.max(a, 1e-300) ? Infinity : 0;
  return a * Math.abs(b) + (q * b * b) / 2 + conjugate - b * z;
}

/** x·log x, 0 at 0. */
function xlogx(v: number): number {
  return v > 0 ? v * Math.log(v) : 0;
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** KL(m ‖ μ(η)) = m·log(m/μ) + (1−m)·log((1−m)/(1−μ)), with log μ = −softplus(−η), log(1−μ) = −softplus(η). */
function binomialBregman(m: number, eta: number): number {
  return xlogx(m) + xlogx(1 - m) + m * softplus(-eta) + (1 - m) * softplus(eta);
}
