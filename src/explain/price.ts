/**
 * The price a coefficient faces under MCP or SCAD (TEACHING.md, learner question 7): the lasso charges
 * every coefficient λ however large it is, so the ones that matter are shrunk too; MCP and SCAD charge
 * less as |β̃| grows and nothing beyond γλ. At an ncvreg solution each nonzero coefficient's pull equals
 * its own price, read at its own size: pull_j = price(v_j·|β̃_j|), with v_j = x̃_jᵀWx̃_j/n its curvature
 * (1 for gaussian; ncvreg's adaptive rescaling for binomial and Poisson). Read from the data, not the solver.
 */
import type { ModelMatrix } from "../data/matrix.js";
import { familyOf } from "../model/families/index.js";
import { penaltyOf } from "../model/penalties/index.js";
import { ncvLogistic } from "../solve/ncv.js";
import { ncvStandardize } from "../solve/ncv-path.js";
import { coefficientsAt } from "../solve/predict.js";
import type { Path } from "../solve/types.js";

/** One coefficient's place on the price curve. */
export interface PricePoint {
  readonly feature: string;
  /** β̃_j = β_j·s_j, on ncvreg's standardized scale. */
  readonly standardized: number;
  /** x̃_jᵀ(y − μ)/n: what the data pull with. */
  readonly pull: number;
  /** The price at its own size, price(v_j·|β̃_j|): equal to |pull| when nonzero, above it at zero. */
  readonly price: number;
  readonly curvature: number;
  /** |β̃_j|·v_j ≥ γλαv: the price is 0 (but the ridge part), the coefficient is not shrunk at all. */
  readonly beyond: boolean;
}

export interface PriceReading {
  readonly penalty: "mcp" | "scad";
  readonly gamma: number;
  readonly alpha: number;
  readonly lambda: number;
  /** The path index read. */
  readonly index: number;
  readonly points: readonly PricePoint[];
  /**
   * True when some coefficient's curvature is below the penalty's concavity (v_j < 1/γ for MCP,
   * 1/(γ − 1) for SCAD): the penalized likelihood along it is not convex, so the fit is a stationary
   * point (ncvreg's, with its rescaling), not a coordinate-wise minimum.
   */
  readonly stationary: boolean;
  /** The price curve for a factor-1 coefficient: size |β̃| and price, from 0 past γλ. */
  readonly curve: { readonly size: readonly number[]; readonly price: readonly number[] };
}

/** The path's λ nearest (on the log scale) to `lambda`. */
export function nearestLambdaIndex(path: Pick<Path, "lambda">, lambda: number): number {
  let best = 0;
  for (let l = 1; l < path.lambda.length; l++) {
    if (Math.abs(Math.log(path.lambda[l] / lambda)) < Math.abs(Math.log(path.lambda[best] / lambda))) best = l;
  }
  return best;
}

/** The MCP or SCAD path's prices at λ index l, with each coefficient's pull and curvature from the data. */
export function priceReading(path: Path, x: ModelMatrix, y: ArrayLike<number>, l: number): PriceReading {
  if (path.penalty !== "mcp" && path.penalty !== "scad") throw new RangeError("priceReading reads an MCP or SCAD path");
  const name = path.penalty, gamma = path.gamma ?? (name === "mcp" ? 3 : 3.7);
  const fam = familyOf(path.family);
  const { n, p } = x;
  const std = ncvStandardize(x, new Uint8Array(p));
  const beta = coefficientsAt(path, l);
  const bt = Float64Array.from(beta, (b, j) => b * std.scale[j]);
  const mean = fam.link === "logit" ? ncvLogistic : (e: number) => fam.mean(e);
  const eta = new Float64Array(n).fill(path.intercept[l]);
  for (let j = 0; j < p; j++) if (beta[j] !== 0) for (let i = 0; i < n; i++) eta[i] += beta[j] * x.data[j * n + i];
  const mu = Float64Array.from(eta, mean);
  const w = Float64Array.from(mu, (m) => (fam.solver === "least-squares" ? 1 : Math.max(fam.variance(m), 1e-4)));
  const vp = Float64Array.from(path.settings.penaltyFactor, (v) => (Number.isFinite(v) ? v : 1));
  const pen = penaltyOf(name, { alpha: path.alpha, vp, lower: new Float64Array(p), upper: new Float64Array(p), gamma });
  const lambda = path.lambda[l];
  let stationary = false;
  const points = path.features.map((feature, j): PricePoint => {
    let g = 0, v = 0;
    for (let i = 0; i < n; i++) {
      const xi = std.data[j * n + i];
      g += xi * (y[i] - mu[i]);
      v += w[i] * xi * xi;
    }
    v /= n;
    if (std.usable[j] && v < (name === "mcp" ? 1 / gamma : 1 / (gamma - 1))) stationary = true;
    const size = v * Math.abs(bt[j]);
    return {
      feature, standardized: bt[j], pull: g / n, price: pen.price(j, lambda, size), curvature: v,
      beyond: bt[j] !== 0 && size >= gamma * lambda * path.alpha * vp[j],
    };
  });
  return { penalty: name, gamma, alpha: path.alpha, lambda, index: l, points, stationary, curve: priceCurve(name, { alpha: path.alpha, gamma, lambda }) };
}

/** The price of a factor-1 coefficient at 101 sizes from 0 to 1.5·γλα (past where it reaches 0). */
export function priceCurve(name: "mcp" | "scad", o: { alpha: number; gamma: number; lambda: number }): { size: number[]; price: number[] } {
  const one = Float64Array.of(1);
  const pen = penaltyOf(name, { alpha: o.alpha, vp: one, lower: one, upper: one, gamma: o.gamma });
  const knot = o.gamma * o.lambda * o.alpha;
  const size = Array.from({ length: 101 }, (_, k) => (1.5 * knot * k) / 100);
  return { size, price: size.map((s) => pen.price(0, o.lambda, s)) };
}

/** Words: the price schedule, and for each coefficient where it sits on it. */
export function priceWords(r: PriceReading, fmt: (v: number) => string = (v) => v.toPrecision(3)): string[] {
  const label = r.penalty === "mcp" ? "MCP" : "SCAD";
  const knot = r.gamma * r.lambda * r.alpha;
  const lines = [
    `${label} (γ = ${r.gamma}) at λ = ${fmt(r.lambda)}: a coefficient at zero must be pulled harder than λ·α = ${fmt(r.lambda * r.alpha)} to move; ` +
      `once in, its price falls as it grows${r.penalty === "scad" ? " (after |β̃| = λ)" : ""} and reaches 0 at |β̃| = γλα = ${fmt(knot)}: beyond that it is not shrunk at all. ` +
      "The lasso would charge every coefficient λ however large, shrinking the ones that matter too.",
  ];
  const beyond = r.points.filter((q) => q.beyond).map((q) => q.feature);
  const shrunk = r.points.filter((q) => q.standardized !== 0 && !q.beyond).map((q) => q.feature);
  const zero = r.points.filter((q) => q.standardized === 0).map((q) => q.feature);
  if (beyond.length) lines.push(`Beyond γλ, not shrunk: ${beyond.join(", ")}.`);
  if (shrunk.length) lines.push(`Below γλ, still shrunk (their price is above 0): ${shrunk.join(", ")}.`);
  if (zero.length) lines.push(`At zero, pulled less than λα: ${zero.join(", ")}.`);
  for (const q of r.points) {
    if (q.standardized === 0) lines.push(`${q.feature}: at zero; pull ${fmt(Math.abs(q.pull))} ≤ price ${fmt(q.price)}.`);
    else lines.push(`${q.feature}: |β̃| = ${fmt(Math.abs(q.standardized))}${Math.abs(q.curvature - 1) > 1e-9 ? ` (×curvature ${fmt(q.curvature)})` : ""}; its own price there is ${fmt(q.price)}, and its pull is ${fmt(Math.abs(q.pull))}${q.beyond ? ": beyond γλ, unshrunk" : ""}.`);
  }
  if (r.stationary) {
    lines.push(
      "Some curvatures are below the penalty's concavity (1/γ): along those coefficients the penalized likelihood is not convex, " +
        "and ncvreg's update (which reads the penalty at curvature × size) gives a stationary point of the path, not a coordinate-wise minimum.",
    );
  }
  return lines;
}
