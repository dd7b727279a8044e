/**
 * The cost along one coefficient (TEACHING.md question 2): the user's objective as a function of one
 * standardized coefficient t = β̃_j at λ, every other coefficient and the intercept held at the solution:
 *
 *   cost(t) = datafit(t) + λ·[α·v_j·|t| + (1−α)/2·v_j·t²/s_y]   (s_y = 1 for GLMs; the others' penalty, a
 *   constant, left out), datafit = Σ w̄_i·d(y_i, μ_i)/2 (½·weighted RSS for gaussian, −loglik/n + const).
 *
 * For the lasso the penalty has a kink at 0 and the minimum sits there whenever the data's slope at zero,
 * −pull_j(0), is smaller than the price λ·α·v_j; ridge's bowl is smooth and its minimum is never at 0 unless
 * the pull is 0.
 */
import { OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import { fitPath } from "../solve/path.js";
import { coefficientsAt } from "../solve/predict.js";
import type { Path } from "../solve/types.js";
import { refitOptions, type ExplainData } from "./explain.js";
import { columnScaling, linearPredictor, normalizedWeights, outcomeScale, penaltyWeights, type DatafitSettings } from "./kkt.js";
import { checkArguments, optionsRule, nonNegativeNumber, numberRule, eitherRule, stringValue, countRule, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";
import { explainDataRule } from "./arguments.js";

/** Options of costLine: the λ, the coefficient (name or index) and the number of grid points. */
export interface CostLineOptions {
  readonly lambda: number;
  /** The coefficient: a feature name or index. */
  readonly feature: string | number;
  /** Points on the grid (101). */
  readonly points?: number;
}

/** The objective along one coefficient at λ, the others held: datafit, penalty and their sum on a grid of its values. */
export interface CostLine {
  readonly feature: string;
  readonly index: number;
  readonly lambda: number;
  /** The grid of standardized values t = β̃_j, increasing; `coefficient` the same on the data's scale (t/s_j). */
  readonly grid: Float64Array;
  readonly coefficient: Float64Array;
  readonly datafit: Float64Array;
  /** λ·pen_j(t): this coefficient's penalty alone. */
  readonly penalty: Float64Array;
  readonly cost: Float64Array;
  /** β̃_j at the solution, where the cost is smallest. */
  readonly solution: number;
  /** The pull at t = 0 (others held): minus the datafit's slope there. */
  readonly pullAtZero: number;
  /** λ·α·v_j: the penalty's slope just off zero, the price the pull must beat. */
  readonly price: number;
  /** λ(1−α)·v_j/s_y: the curvature the ridge part adds. */
  readonly ridgeCurvature: number;
}

/** The cost along one coefficient at λ, the others held at the solution (see the module comment). */
export function costLine(path: Path, data: ExplainData, options: CostLineOptions): CostLine {
  checkArguments("costLine", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(COST_LINE_OPTIONS, true) });
  const { x, y } = data;
  const { n, p } = x;
  const { lambda, points = 101 } = options;
  const j = typeof options.feature === "number" ? options.feature : x.names.indexOf(options.feature);
  if (!Number.isInteger(j) || j < 0 || j >= p) throw new OptionError(`feature ${JSON.stringify(options.feature)} is not one of the ${p} features`, "feature");
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number ≥ 0, got ${lambda}`, "lambda");
  if (!Number.isInteger(points) || points < 3) throw new OptionError(`points must be an integer ≥ 3, got ${points}`, "points");
  const s = path.settings;
  const fit = fitPath(x, y, { ...refitOptions(path, data), lambda: [lambda], thresh: Math.min(s.thresh, 1e-12) });
  if (fit.lambda.length === 0) throw new OptionError(`the fit at λ = ${lambda} did not converge: ${fit.warnings.join("; ")}`, "lambda");
  const a0 = fit.intercept[0];
  const beta = coefficientsAt(fit, 0);
  const settings: DatafitSettings = { family: s.family, standardize: s.standardize, intercept: s.intercept, weights: data.weights, offset: data.offset };
  const w = normalizedWeights(n, data.weights);
  const scaling = columnScaling(x, w, settings);
  if (scaling.constant[j]) throw new OptionError(`${x.names[j]} is constant: the fit leaves it out, and the cost does not depend on it`, "feature");
  const sj = scaling.scale[j];
  const v = penaltyWeights(s.penaltyFactor)[j];
  const sy = outcomeScale(y, w, settings);
  const fam = familyOf(s.family);
  // η with β_j = 0; moving β̃_j by t adds t·x_j/s_j (the centring goes into the intercept, held).
  const without = Float64Array.from(beta);
  without[j] = 0;
  const eta0 = linearPredictor(x, a0 + beta[j] * scaling.center[j], without, data.offset);
  const col = x.data.subarray(j * n, (j + 1) * n);
  const xt = Float64Array.from(col, (c) => (c - scaling.center[j]) / sj);
  const datafitAt = (t: number) => {
    let d = 0;
    for (let i = 0; i < n; i++) if (w[i] !== 0) d += w[i] * fam.unitDeviance(y[i], fam.mean(eta0[i] + t * xt[i]));
    return d / 2;
  };
  let pull0 = 0, curvature = 0;
  for (let i = 0; i < n; i++) {
    const mu = fam.mean(eta0[i]);
    pull0 += w[i] * xt[i] * (y[i] - mu);
    curvature += w[i] * xt[i] * xt[i] * fam.variance(mu);
  }
  const price = lambda * s.alpha * v;
  const ridgeCurvature = (lambda * (1 - s.alpha) * v) / sy;
  const solution = beta[j] * sj;
  // The unpenalized one-dimensional minimum, roughly: the grid spans it, zero and the solution, with room.
  const free = curvature > 0 ? pull0 / curvature : solution;
  const lo = Math.min(0, solution, free), hi = Math.max(0, solution, free);
  const room = Math.max(hi - lo, Math.abs(solution), 1e-3) * 0.5;
  const grid = Float64Array.from({ length: points }, (_, k) => lo - room + ((hi - lo + 2 * room) * k) / (points - 1));
  const penaltyAt = (t: number) => lambda * (s.alpha * v * Math.abs(t) + ((1 - s.alpha) / 2) * v * t * t / sy);
  const datafit = grid.map(datafitAt);
  const penalty = grid.map(penaltyAt);
  return {
    feature: x.names[j], index: j, lambda, grid, coefficient: grid.map((t) => t / sj), datafit, penalty, cost: datafit.map((d, k) => d + penalty[k]),
    solution, pullAtZero: pull0, price, ridgeCurvature,
  };
}

/** The options costLine takes, each with its rule (CostLineOptions). */
const COST_LINE_OPTIONS: Schema<CostLineOptions> = {
  lambda: nonNegativeNumber,
  feature: eitherRule("a feature name or a position (an integer ≥ 0)", stringValue, countRule),
  points: numberRule({ integer: true, min: 3 }),
};
