/**
 * Ridge through the SVD (TEACHING.md §3; ESL eqs. 3.47 and 3.50). With the standardized, weighted design
 * Z (rows × √w̄, columns x̃_j, so ZᵀZ is the weighted correlation matrix and each d² is already a variance,
 * d²/n in ESL's unnormalised notation) and Z = U D Vᵀ:
 *
 *   Zβ̃_ridge = Σ_k u_k · d_k²/(d_k² + λ') · u_kᵀ ỹ,     df(λ) = Σ_k d_k²/(d_k² + λ'),
 *
 * with λ' the ridge weight in glmnet's scaling: λ(1−α)/s_y for gaussian (glmnet divides y by its sd s_y
 * inside, DESIGN.md) and λ(1−α) for the GLM families. Ridge does not choose variables, it chooses
 * directions: the low-variance ones (small d) are shrunk most.
 *
 * Penalty factors enter as Z·V^{-1/2} (then the penalty is λ'/2‖γ‖² with γ = V^{1/2}β̃); unpenalized
 * columns (v_j = 0) are projected out of the others and of y first, since they are fitted freely.
 * Constant and excluded columns take no part.
 *
 * For GLMs the spectrum is that of the local quadratic approximation at the solution: rows weighted by
 * √(w̄·Var(μ)), centred with those weights. There is no closed-form ridge path for them.
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import type { FamilyName } from "../model/family.js";
import { eitherOf, familiesWhere, familyOf } from "../model/families/index.js";
import { coef } from "../solve/predict.js";
import type { Path } from "../solve/types.js";
import {
  columnScaling,
  leastSquares,
  linearPredictor,
  meanResponse,
  normalizedWeights,
  outcomeScale,
  penaltyWeights,
  type ColumnScaling,
  type DatafitSettings,
} from "./kkt.js";
import { checkArguments, numericArrayRule, nonNegativeNumber, countRule, finiteNumber, unitInterval, optional, optionsRule, objectRule, type Schema } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { pathRule } from "../solve/arguments.js";
import { datafitSettingsRule, decompositionRule, explainDataRule } from "./arguments.js";

/** What the decomposition needs from the fit's settings. */
export interface SpectrumSettings extends DatafitSettings {
  /** Penalty factors as given (Infinity marks an excluded variable), one per feature; all 1 when omitted. */
  readonly penaltyFactor?: ArrayLike<number>;
}

/** The SVD of the (projected, penalty-scaled) standardized design, and what maps it back to the data. */
export interface RidgeDecomposition {
  readonly family: FamilyName;
  readonly features: readonly string[];
  /** Squared singular values, decreasing: the variance of each principal direction. */
  readonly d2: Float64Array;
  /**
   * The numerical rank of the (centred, projected) design: the first `rank` directions carry variance; the
   * rest, and the columns − min(n, columns) the SVD does not return, are null directions the data cannot see.
   */
  readonly rank: number;
  /** Right singular vectors, one p-length vector per direction (0 for features not in the SVD). */
  readonly loadings: readonly Float64Array[];
  /** Features in the SVD (usable, penalized) and those fitted freely (penalty factor 0). */
  readonly penalized: Int32Array;
  readonly unpenalized: Int32Array;
  /** s_y for gaussian, 1 for GLMs: λ' = λ(1−α)/s_y. */
  readonly outcomeScale: number;
  /** Internals of the closed form (gaussian): Uᵀỹ, and the pieces to return to the data's scale. */
  readonly uty: Float64Array;
  readonly scaling: ColumnScaling;
  readonly sqrtV: Float64Array;
  readonly yMean: number;
  readonly zPenalized: Matrix;
  readonly zUnpenalized: Matrix;
  readonly ytilde: Float64Array;
}

/** One principal direction at a λ. */
export interface SpectrumDirection {
  /** 1 for the largest variance. */
  readonly rank: number;
  readonly d2: number;
  /** d²/(d² + λ'): the share of the fit along this direction that ridge keeps. */
  readonly factor: number;
  /** The features loading most on it (largest |loading| first, covering at least 3 or 80 % of the squared loading). */
  readonly top: readonly { readonly feature: string; readonly loading: number }[];
}

/** The ridge spectrum at λ: each principal direction's d² and shrinkage factor d²/(d² + nλ′), and the effective degrees of freedom. */
export interface RidgeSpectrum {
  readonly lambda: number;
  readonly alpha: number;
  /** λ' = λ(1−α)/s_y (gaussian) or λ(1−α) (GLMs). */
  readonly lambdaPrime: number;
  /** The numerical rank of the design: the directions below are its `rank` directions with variance. */
  readonly rank: number;
  /** The number of penalized columns in the decomposition: `columns − rank` directions are null (unseen). */
  readonly columns: number;
  /** Per direction with variance, largest first (aligned: d2[k], factor[k], directions[k]); null directions left out. */
  readonly d2: Float64Array;
  readonly factor: Float64Array;
  readonly directions: readonly SpectrumDirection[];
  /** Effective degrees of freedom of the penalized part, Σ d²/(d² + λ'). */
  readonly df: number;
  /** Features fitted freely (penalty factor 0): each adds one degree of freedom on top of df. */
  readonly unpenalized: readonly string[];
  /**
   * The null directions the SVD returned (it returns min(n, columns) directions; the others are null too),
   * with the features loading on them: e.g. a − a2 for two copies of one column.
   */
  readonly nullDirections: readonly { readonly d2: number; readonly top: readonly { readonly feature: string; readonly loading: number }[] }[];
  /** The most shrunk directions (smallest factor first, at most 3, only those shrunk at all). */
  readonly mostShrunk: readonly SpectrumDirection[];
  /** For GLMs: the spectrum of the quadratic approximation at the solution. */
  readonly approximate: boolean;
}

/** λ' of glmnet's scaling: the weight of the ridge part on the standardized problem. */
export function ridgeLambdaPrime(lambda: number, alpha: number, sy: number): number {
  checkArguments("ridgeLambdaPrime", { lambda, alpha, sy }, { lambda: nonNegativeNumber, alpha: unitInterval, sy: finiteNumber });
  return (lambda * (1 - alpha)) / sy;
}

/** d²/(d² + λ') per direction (0 for a direction of zero variance). */
export function shrinkageFactors(d2: ArrayLike<number>, lambdaPrime: number): Float64Array {
  checkArguments("shrinkageFactors", { d2, lambdaPrime }, { d2: numericArrayRule, lambdaPrime: nonNegativeNumber });
  return Float64Array.from(d2, (v) => (v > 0 ? v / (v + lambdaPrime) : 0));
}

/**
 * The numerical rank from squared singular values in decreasing order: the number with
 * d > max(rows, columns)·ε·d_max, LAPACK's rule (numpy's matrix_rank). Below it a singular value is
 * rounding noise: a centred p > n design has rank ≤ n − 1, and a copied column adds nothing.
 */
export function numericalRank(d2: ArrayLike<number>, rows: number, columns: number): number {
  checkArguments("numericalRank", { d2, rows, columns }, { d2: numericArrayRule, rows: countRule, columns: countRule });
  if (d2.length === 0 || !(d2[0] > 0)) return 0;
  const tol = Math.max(rows, columns) * Number.EPSILON * Math.sqrt(d2[0]);
  let r = 0;
  while (r < d2.length && Math.sqrt(d2[r]) > tol) r++;
  return r;
}

/**
 * The numerical rank of some columns of the design as a fit sees them (centred with an intercept, scaled
 * with standardize, rows weighted by √w̄), and the features on their null directions. A rank below the
 * number of columns means a fit without penalty on them (the relaxed fit) has no unique solution.
 */
export function columnsRank(x: ModelMatrix, w: ArrayLike<number>, scaling: ColumnScaling, columns: readonly number[]): { rank: number; collinear: string[] } {
  const { n, data } = x;
  const k = columns.length;
  if (k === 0) return { rank: 0, collinear: [] };
  const m = new Matrix(n, k);
  columns.forEach((j, t) => {
    for (let i = 0; i < n; i++) m.set(i, t, (Math.sqrt(w[i]) * (data[j * n + i] - scaling.center[j])) / scaling.scale[j]);
  });
  const svd = new SingularValueDecomposition(m, { autoTranspose: true });
  const d = svd.diagonal;
  const rank = numericalRank(d.map((v) => v * v), n, k);
  const right = svd.rightSingularVectors;
  const on = new Set<number>();
  for (let c = rank; c < Math.min(d.length, right.columns); c++) {
    let largest = 0;
    for (let t = 0; t < k; t++) largest = Math.max(largest, Math.abs(right.get(t, c)));
    for (let t = 0; t < k; t++) if (Math.abs(right.get(t, c)) > 1e-8 * largest) on.add(t);
  }
  return { rank, collinear: [...on].sort((a, b) => a - b).map((t) => x.names[columns[t]]) };
}

/** Effective degrees of freedom Σ d²/(d² + λ'). */
export function effectiveDf(d2: ArrayLike<number>, lambdaPrime: number): number {
  checkArguments("effectiveDf", { d2, lambdaPrime }, { d2: numericArrayRule, lambdaPrime: nonNegativeNumber });
  let s = 0;
  for (const f of shrinkageFactors(d2, lambdaPrime)) s += f;
  return s;
}

/** Orthonormal basis of the columns of A (modified Gram–Schmidt; dependent columns dropped). */
function orthonormalBasis(a: Matrix): Matrix[] {
  const basis: Matrix[] = [];
  for (let j = 0; j < a.columns; j++) {
    let q = a.getColumnVector(j);
    const norm0 = q.norm();
    for (const b of basis) q = q.sub(b.clone().mul(b.dot(q)));
    const norm = q.norm();
    if (!(norm > 1e-12 * norm0)) continue;
    basis.push(q.div(norm));
  }
  return basis;
}

/** A − Q Qᵀ A for an orthonormal basis Q (columns of A and a vector alike). */
function projectOut(a: Matrix, basis: readonly Matrix[]): Matrix {
  const out = a.clone();
  for (const q of basis) {
    const coeffs = q.transpose().mmul(out); // 1 × columns
    out.sub(q.mmul(coeffs));
  }
  return out;
}

/** The row weights of the decomposition: w̄ for gaussian, w̄·Var(μ) at the solution for GLMs. */
function rowWeights(x: ModelMatrix, settings: SpectrumSettings, w: Float64Array, solution?: { intercept: number; beta: ArrayLike<number> }): Float64Array {
  if (leastSquares(settings.family)) return w;
  if (!solution) throw new OptionError("the spectrum of a GLM needs the solution at λ (its working weights)", "solution");
  const mu = meanResponse(settings.family, linearPredictor(x, solution.intercept, solution.beta, settings.offset));
  const fam = familyOf(settings.family);
  return mu.map((m, i) => w[i] * fam.variance(m));
}

/**
 * The SVD behind ridge's closed form and spectrum. For GLMs pass the solution at λ: the decomposition
 * is then of the working-weighted design there.
 */
export function ridgeDecomposition(
  x: ModelMatrix, y: ArrayLike<number>, settings: SpectrumSettings, solution?: { intercept: number; beta: ArrayLike<number> },
): RidgeDecomposition {
  checkArguments("ridgeDecomposition", { x, y, settings, solution }, { x: matrixRule, y: numericArrayRule, settings: datafitSettingsRule, solution: optional(SOLUTION) });
  const { n, p, data } = x;
  const w = normalizedWeights(n, settings.weights);
  const scaling = columnScaling(x, w, settings);
  const sy = outcomeScale(y, w, settings);
  const pf = settings.penaltyFactor ?? new Float64Array(p).fill(1);
  const v = penaltyWeights(pf);
  const omega = rowWeights(x, settings, w, solution);
  let osum = 0;
  for (const o of omega) osum += o;
  const sqrtOmega = Float64Array.from(omega, Math.sqrt);
  // IRLS: the intercept's share of the quadratic is taken with the working weights.
  const recentre = !leastSquares(settings.family) && settings.intercept && osum > 0;

  const penalized: number[] = [];
  const unpenalized: number[] = [];
  for (let j = 0; j < p; j++) {
    if (scaling.constant[j] || pf[j] === Infinity) continue;
    (v[j] === 0 ? unpenalized : penalized).push(j);
  }
  // Columns x̃_j, re-centred with the row weights for GLMs (the intercept's share of the quadratic).
  const column = (j: number): Float64Array => {
    const o = j * n;
    const c = Float64Array.from({ length: n }, (_, i) => (data[o + i] - scaling.center[j]) / scaling.scale[j]);
    if (recentre) {
      let m = 0;
      for (let i = 0; i < n; i++) m += omega[i] * c[i];
      m /= osum;
      for (let i = 0; i < n; i++) c[i] -= m;
    }
    for (let i = 0; i < n; i++) c[i] *= sqrtOmega[i];
    return c;
  };
  const build = (cols: number[]) => {
    const m = new Matrix(n, cols.length);
    cols.forEach((j, t) => m.setColumn(t, Array.from(column(j))));
    return m;
  };
  const zP = build(penalized);
  const zU = build(unpenalized);
  // ỹ = √w̄ (y − offset − ȳ): the gaussian outcome on the scale of Z.
  const off = settings.offset;
  let yMean = 0;
  if (settings.intercept) for (let i = 0; i < n; i++) yMean += w[i] * (y[i] - (off ? off[i] : 0));
  const ytilde = Float64Array.from({ length: n }, (_, i) => Math.sqrt(w[i]) * (y[i] - (off ? off[i] : 0) - yMean));

  const basis = orthonormalBasis(zU);
  const projected = projectOut(zP, basis);
  const sqrtV = Float64Array.from(penalized, (j) => Math.sqrt(v[j]));
  for (let t = 0; t < penalized.length; t++) for (let i = 0; i < n; i++) projected.set(i, t, projected.get(i, t) / sqrtV[t]);
  const yProjected = projectOut(Matrix.columnVector(Array.from(ytilde)), basis);

  let d2 = new Float64Array(0);
  let loadings: Float64Array[] = [];
  let uty = new Float64Array(0);
  if (penalized.length > 0) {
    const svd = new SingularValueDecomposition(projected, { autoTranspose: true });
    const d = svd.diagonal;
    const k = Math.min(n, penalized.length);
    const right = svd.rightSingularVectors;
    const left = svd.leftSingularVectors;
    d2 = Float64Array.from(d.slice(0, k), (s) => s * s);
    loadings = Array.from({ length: k }, (_, c) => {
      const l = new Float64Array(p);
      penalized.forEach((j, t) => (l[j] = right.get(t, c)));
      return l;
    });
    const u = left.transpose().mmul(yProjected);
    uty = Float64Array.from({ length: k }, (_, c) => u.get(c, 0));
  }
  return {
    family: settings.family,
    features: [...x.names],
    d2,
    rank: numericalRank(d2, n, penalized.length),
    loadings,
    penalized: Int32Array.from(penalized),
    unpenalized: Int32Array.from(unpenalized),
    outcomeScale: sy,
    uty,
    scaling,
    sqrtV,
    yMean,
    zPenalized: zP,
    zUnpenalized: zU,
    ytilde,
  };
}

/**
 * glmnet's ridge solution (α = 0, gaussian) at λ in closed form from the decomposition:
 * γ = V diag(d/(d² + λ')) Uᵀỹ, β̃ = γ/√v on the penalized columns, then the unpenalized ones by least
 * squares on what is left, and back to the data's scale (β_j = β̃_j/s_j, β0 = ȳ − Σ β_j x̄_j).
 */
export function ridgeSolution(dec: RidgeDecomposition, lambda: number): { intercept: number; beta: Float64Array } {
  checkArguments("ridgeSolution", { dec, lambda }, { dec: decompositionRule, lambda: nonNegativeNumber });
  if (!leastSquares(dec.family)) {
    const closed = eitherOf(familiesWhere((f) => f.solver === "least-squares"));
    throw new OptionError(`ridge has a closed form for ${closed} only, not ${dec.family}`, "family");
  }
  const lp = ridgeLambdaPrime(lambda, 0, dec.outcomeScale);
  const p = dec.features.length;
  const betaStd = new Float64Array(p);
  const k = dec.d2.length;
  // Null directions take no part: ridge leaves the fit at zero along what the data cannot see (and at
  // λ' = 0 their d/(d² + λ') would turn rounding noise into a huge coefficient).
  const coeff = Float64Array.from({ length: k }, (_, c) => {
    const d = Math.sqrt(dec.d2[c]);
    return c < dec.rank && d > 0 ? (d / (dec.d2[c] + lp)) * dec.uty[c] : 0;
  });
  dec.penalized.forEach((j, t) => {
    let s = 0;
    for (let c = 0; c < k; c++) s += dec.loadings[c][j] * coeff[c];
    betaStd[j] = s / dec.sqrtV[t];
  });
  if (dec.unpenalized.length > 0) {
    // Least squares of what the penalized part leaves, on the unpenalized columns.
    const n = dec.ytilde.length;
    const rest = new Matrix(n, 1);
    for (let i = 0; i < n; i++) {
      let s = dec.ytilde[i];
      dec.penalized.forEach((j, t) => (s -= dec.zPenalized.get(i, t) * betaStd[j]));
      rest.set(i, 0, s);
    }
    const zu = dec.zUnpenalized;
    const a = new SingularValueDecomposition(zu, { autoTranspose: true }).solve(rest);
    dec.unpenalized.forEach((j, t) => (betaStd[j] = a.get(t, 0)));
  }
  const beta = betaStd.map((b, j) => b / dec.scaling.scale[j]);
  let intercept = dec.yMean;
  for (let j = 0; j < p; j++) intercept -= beta[j] * dec.scaling.center[j];
  return { intercept, beta };
}

/** The closed-form ridge path at the given λs (gaussian, α = 0). */
export function ridgePath(
  x: ModelMatrix, y: ArrayLike<number>, settings: SpectrumSettings, lambdas: ArrayLike<number>,
): { intercept: Float64Array; beta: Float64Array[] } {
  checkArguments("ridgePath", { x, y, settings, lambdas }, { x: matrixRule, y: numericArrayRule, settings: datafitSettingsRule, lambdas: numericArrayRule });
  const dec = ridgeDecomposition(x, y, settings);
  const sols = Array.from(lambdas, (l) => ridgeSolution(dec, l));
  return { intercept: Float64Array.from(sols, (s) => s.intercept), beta: sols.map((s) => s.beta) };
}

/**
 * The features that carry most of a direction's loading: at least 3, or until 80 % of its squared length;
 * not loadings at rounding level (1e-8 of the largest), which carry nothing.
 */
function topLoadings(features: readonly string[], loading: Float64Array): { feature: string; loading: number }[] {
  let largest = 0;
  for (const l of loading) largest = Math.max(largest, Math.abs(l));
  const order = Array.from(loading.keys()).filter((j) => Math.abs(loading[j]) > 1e-8 * largest).sort((a, b) => Math.abs(loading[b]) - Math.abs(loading[a]));
  const out: { feature: string; loading: number }[] = [];
  let covered = 0;
  for (const j of order) {
    if (out.length >= 3 && covered >= 0.8) break;
    out.push({ feature: features[j], loading: loading[j] });
    covered += loading[j] ** 2;
  }
  return out;
}

/** The spectrum at λ' from a decomposition. */
export function spectrumAt(dec: RidgeDecomposition, lambda: number, alpha: number): RidgeSpectrum {
  checkArguments("spectrumAt", { dec, lambda, alpha }, { dec: decompositionRule, lambda: nonNegativeNumber, alpha: unitInterval });
  const lp = ridgeLambdaPrime(lambda, alpha, dec.outcomeScale);
  // Only the directions with variance: a null direction's "factor" is rounding noise over λ'.
  const d2 = dec.d2.slice(0, dec.rank);
  const factor = shrinkageFactors(d2, lp);
  const directions = Array.from(d2, (v, c) => ({ rank: c + 1, d2: v, factor: factor[c], top: topLoadings(dec.features, dec.loadings[c]) }));
  const mostShrunk = [...directions].filter((d) => d.factor < 1).sort((a, b) => a.factor - b.factor).slice(0, 3);
  return {
    lambda,
    alpha,
    lambdaPrime: lp,
    rank: dec.rank,
    columns: dec.penalized.length,
    nullDirections: Array.from(dec.d2.slice(dec.rank), (v, c) => ({ d2: v, top: topLoadings(dec.features, dec.loadings[dec.rank + c]) })),
    d2,
    factor,
    directions,
    df: effectiveDf(d2, lp),
    unpenalized: Array.from(dec.unpenalized, (j) => dec.features[j]),
    mostShrunk,
    approximate: !leastSquares(dec.family),
  };
}

/**
 * Ridge's spectrum for a fitted path at λ (any α: the view of its ridge part). For GLMs the working
 * weights are taken at the solution: given, or the path's coefficients at λ.
 */
export function ridgeSpectrum(
  path: Path,
  data: { x: ModelMatrix; y: ArrayLike<number>; weights?: ArrayLike<number>; offset?: ArrayLike<number> },
  options: {
    lambda: number;
    solution?: { intercept: number; beta: ArrayLike<number> };
    /** The α whose ridge part to show (the path's by default; 0 shows ridge's shrinkage at the same λ, e.g. for a lasso). */
    alpha?: number;
  },
): RidgeSpectrum {
  checkArguments("ridgeSpectrum", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(SPECTRUM_OPTIONS, true) });
  const s = path.settings;
  const settings: SpectrumSettings = {
    family: s.family, standardize: s.standardize, intercept: s.intercept, weights: data.weights, offset: data.offset,
    penaltyFactor: s.penaltyFactor,
  };
  const solution = leastSquares(s.family) ? undefined : options.solution ?? coef(path, options.lambda);
  const alpha = options.alpha ?? s.alpha;
  if (!(alpha >= 0 && alpha <= 1)) throw new OptionError(`alpha must be between 0 and 1, got ${alpha}`, "alpha");
  return spectrumAt(ridgeDecomposition(data.x, data.y, settings, solution), options.lambda, alpha);
}

/** A solution { intercept, beta } to decompose around. */
const SOLUTION = objectRule("a solution { intercept, beta }");

/** The options ridgeSpectrum takes, each with its rule. */
const SPECTRUM_OPTIONS: Schema<Parameters<typeof ridgeSpectrum>[2]> = {
  lambda: nonNegativeNumber,
  solution: SOLUTION,
  alpha: unitInterval,
};
