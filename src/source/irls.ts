/**
 * Binomial and Poisson paths from a source by penalized IRLS, each Newton step one aggregation pass in
 * the engine: at the current linear predictor η (an SQL expression of the coefficients), the engine sums
 * the working weights' Gram over the strong set, Σw·v·x̃_j·x̃_k, and the pulls of every column,
 * Σw·(y − μ)·x̃_j, with the deviance; coordinate descent then solves the quadratic model on those
 * |S|×|S| numbers. Warm-started along λ; the sequential strong rule limits the columns whose products
 * are aggregated, and the KKT check over the pulls of every column adds any it wrongly left out.
 * Features are standardized by the first scan's weighted means and standard deviations, as glmnet does.
 */
import { DataError, OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import type { Family } from "../model/family.js";
import { resolveOptions } from "../solve/options.js";
import { solverPenalty } from "../solve/problem.js";
import type { FitOptions, Path, SparseCoefficients } from "../solve/types.js";
import type { Penalty } from "../model/penalty.js";
import { sourceMoments } from "./fit.js";
import { aggregate, type Engine, type SourceStats } from "./scan.js";
import { column, projected, type Aggregate } from "./sql.js";
import type { Dialect } from "./dialect.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import { statsRule, engineRule } from "./arguments.js";

/** glmnet's early stop of a default path: devRatio above this, or its gain below SML (the family's rule). */
const DEV_MAX = 0.999;
const SML = 1e-5;
/** Newton steps per λ at most, and the change (in √H_jj units) at which a step counts as converged. */
const MAX_NEWTON = 50;
const NEWTON_TOL = 1e-9;
/** The linear predictor is capped where exp() would overflow (and glmnet's fitted means saturate). */
const ETA_CAP = 30;

/** What one pass at (b0, β) brings back, per unit weight: the Gram on S, the pulls of all, the deviance. */
interface Pass {
  readonly h00: number;
  readonly h0: Float64Array;
  readonly h: Float64Array;
  readonly g0: number;
  readonly g: Float64Array;
  readonly dev: number;
}

/** The SQL of the mean μ at η, and of the working weight, residual and unit deviance at μ. */
function familySql(family: Family, d: Dialect, eta: string): { mu: string; at(mu: string, y: string): { v: string; r: string; dev: string } } {
  const capped = `(CASE WHEN ${eta} > ${ETA_CAP} THEN ${ETA_CAP} WHEN ${eta} < ${-ETA_CAP} THEN ${-ETA_CAP} ELSE ${eta} END)`;
  if (family.name === "binomial") {
    return {
      mu: `(1 / (1 + ${d.exp(`-${capped}`)}))`,
      at: (mu, y) => ({ v: `(${mu} * (1 - ${mu}))`, r: `(${y} - ${mu})`, dev: `(-2 * (${y} * ${d.ln(mu)} + (1 - ${y}) * ${d.ln(`1 - ${mu}`)}))` }),
    };
  }
  return {
    mu: d.exp(capped),
    at: (mu, y) => ({ v: mu, r: `(${y} - ${mu})`, dev: `(2 * ((CASE WHEN ${y} > 0 THEN ${y} * ${d.ln(`${y} / ${mu}`)} ELSE 0 END) - (${y} - ${mu})))` }),
  };
}

/**
 * One aggregation pass at intercept b0 and standardized coefficients β over the strong set S. The rows
 * are projected twice (x̃_j and η, then μ), so each expression is computed once per row.
 */
async function newtonPass(engine: Engine, stats: SourceStats, family: Family, at: { b0: number; beta: Float64Array; centre: Float64Array; scale: Float64Array; S: number[] }): Promise<Pass> {
  const d = engine.dialect;
  const { features, target, weight } = stats.design;
  const p = features.length;
  const col = (name: string) => column(d, name);
  const inner: Record<string, string> = { w: d.toDouble(weight), y: target };
  features.forEach((f, j) => (inner[`x${j}`] = `((${f.sql} - ${d.number(at.centre[j])}) * ${d.number(1 / at.scale[j])})`));
  const terms = [d.number(at.b0), ...at.S.filter((j) => at.beta[j] !== 0).map((j) => `${d.number(at.beta[j])} * ${col(`x${j}`)}`)];
  const model = familySql(family, d, `(${terms.join(" + ")})`);
  const middle: Record<string, string> = { w: col("w"), y: col("y"), mu: model.mu };
  features.forEach((_, j) => (middle[`x${j}`] = col(`x${j}`)));
  const rows = projected(d, projected(d, stats.scan, inner), middle);
  const w = col("w");
  const xt = (j: number) => col(`x${j}`);
  const { v, r, dev } = model.at(col("mu"), col("y"));
  const list: Aggregate[] = [
    { sql: `SUM(${w} * ${v})`, as: "hint" },
    { sql: `SUM(${w} * ${r})`, as: "gint" },
    { sql: `SUM(${w} * ${dev})`, as: "dev" },
    ...at.S.map((j) => ({ sql: `SUM(${w} * ${v} * ${xt(j)})`, as: `hx${j}` })),
    ...at.S.flatMap((j, a) => at.S.slice(a).map((k) => ({ sql: `SUM(${w} * ${v} * ${xt(j)} * ${xt(k)})`, as: `hxx${j}_${k}` }))),
    ...features.map((_, j) => ({ sql: `SUM(${w} * ${r} * ${xt(j)})`, as: `gx${j}` })),
  ];
  const row = (await aggregate(engine, rows, list, null, () => {}, "IRLS")).get("all")!;
  const W = stats.total.weightSum;
  const num = (k: string) => Number(row[k]) / W;
  const m = at.S.length;
  const h = new Float64Array(m * m);
  at.S.forEach((j, a) => at.S.forEach((k, b) => (h[a * m + b] = num(a <= b ? `hxx${j}_${k}` : `hxx${k}_${j}`))));
  return {
    h00: num("hint"), g0: num("gint"), dev: num("dev"), h,
    h0: Float64Array.from(at.S, (j) => num(`hx${j}`)),
    g: Float64Array.from({ length: p }, (_, j) => num(`gx${j}`)),
  };
}

/**
 * Coordinate descent on the quadratic model at the pass's point: minimise over b0 and β_S
 * −g0·Δ0 − Σ g_j·Δ_j + ½·ΔᵀHΔ + λ·pen(β), Δ the change from the point. Returns the largest change.
 */
function solveQuadratic(pass: Pass, S: number[], b: { b0: number; beta: Float64Array }, penalty: Penalty, lambda: number): number {
  const m = S.length;
  const delta = new Float64Array(m);
  let delta0 = 0;
  let largest = 0;
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    const q0 = -pass.g0 + pass.h00 * delta0 + S.reduce((s, _, a) => s + pass.h0[a] * delta[a], 0);
    const step0 = q0 / pass.h00;
    delta0 -= step0;
    b.b0 -= step0;
    change = Math.max(change, Math.abs(step0) * Math.sqrt(pass.h00));
    for (let a = 0; a < m; a++) {
      const j = S[a];
      const hjj = pass.h[a * m + a];
      if (!(hjj > 0)) continue;
      let q = -pass.g[j] + pass.h0[a] * delta0;
      for (let c = 0; c < m; c++) q += pass.h[a * m + c] * delta[c];
      const next = penalty.prox(j, hjj * b.beta[j] - q, hjj, lambda);
      const step = next - b.beta[j];
      if (step === 0) continue;
      b.beta[j] = next;
      delta[a] += step;
      change = Math.max(change, Math.abs(step) * Math.sqrt(hjj));
    }
    largest = Math.max(largest, change);
    if (change < 1e-13) break;
  }
  return largest;
}

/** The path of a binomial or Poisson model from the source the stats were scanned from (no folds). */
export async function fitGlmFromSource(engine: Engine, stats: SourceStats, options: FitOptions): Promise<Path> {
  checkArguments("fitGlmFromSource", { engine, stats, options }, { engine: engineRule, stats: statsRule, options: optionsRule(FIT_OPTIONS_SCHEMA) });
  const family = familyOf(options.family ?? "gaussian");
  if (family.solver !== "irls") throw new OptionError(`fitGlmFromSource fits binomial or Poisson, not ${family.name}`, "family");
  for (const key of ["weights", "offset", "relax", "lowerLimits", "upperLimits"] as const) {
    if (options[key] !== undefined && options[key] !== false) throw new OptionError(`${key} is not supported for a ${family.name} fit from a source`, key);
  }
  if (options.intercept === false) throw new OptionError(`a ${family.name} fit from a source has an intercept`, "intercept");
  const [lo, hi] = stats.targetRange;
  if (family.name === "binomial" && !(lo === 0 && hi === 1)) throw new DataError(`a binomial target from a source must hold 0 and 1 (numbers); it ranges from ${lo} to ${hi}`);
  if (family.name === "poisson" && lo < 0) throw new DataError(`a Poisson target counts, so it must be ≥ 0; its smallest value is ${lo}`);
  const moments = sourceMoments(stats);
  const p = stats.names.length;
  const opt = resolveOptions(options, stats.rows, stats.names);
  const usable = Uint8Array.from({ length: p }, (_, j) => (!opt.excluded[j] && moments.xx[j * p + j] > 0 ? 1 : 0));
  const centre = Float64Array.from(moments.xMean);
  const scale = Float64Array.from({ length: p }, (_, j) => (opt.standardize && usable[j] ? Math.sqrt(moments.xx[j * p + j]) : 1));
  const penalty = solverPenalty(opt, scale, 1);
  const ybar = moments.yMean;
  const b = { b0: family.name === "binomial" ? Math.log(ybar / (1 - ybar)) : Math.log(ybar), beta: new Float64Array(p) };
  let pass = await newtonPass(engine, stats, family, { ...b, centre, scale, S: [] });
  const nullDev = pass.dev;

  const user = opt.userLambda;
  const nlam = user ? user.length : opt.nlambda;
  const lambdaMax = penalty.lambdaMax(pass.g, usable);
  const ratio = user || nlam < 2 ? 1 : Math.pow(opt.lambdaMinRatio, 1 / (nlam - 1));
  const out = { lambda: [] as number[], a0: [] as number[], beta: [] as SparseCoefficients[], df: [] as number[], dev: [] as number[] };
  const active = new Uint8Array(p);
  let prev = lambdaMax;
  let passes = 1;
  for (let m = 0; m < nlam; m++) {
    const lambda = user ? user[m] : m === 0 ? lambdaMax : lambdaMax * Math.pow(ratio, m);
    if (!user && m === 0) {
      record(out, b, centre, scale, lambda, 0);
      continue;
    }
    const strong = new Uint8Array(p);
    for (let j = 0; j < p; j++) if (usable[j] && (active[j] || Math.abs(pass.g[j]) >= penalty.strongThreshold(j, lambda, prev))) strong[j] = 1;
    for (;;) {
      const S = [...strong.keys()].filter((j) => strong[j]);
      for (let step = 0; step < MAX_NEWTON; step++) {
        pass = await newtonPass(engine, stats, family, { ...b, centre, scale, S });
        passes++;
        if (solveQuadratic(pass, S, b, penalty, lambda) < NEWTON_TOL) break;
      }
      pass = await newtonPass(engine, stats, family, { ...b, centre, scale, S });
      passes++;
      let added = false;
      for (let j = 0; j < p; j++) if (usable[j] && !strong[j] && penalty.subdiffDistance(j, pass.g[j], 0, lambda) > 0) strong[j] = 1, added = true;
      if (!added) break;
    }
    for (let j = 0; j < p; j++) if (b.beta[j] !== 0) active[j] = 1;
    record(out, b, centre, scale, lambda, 1 - pass.dev / nullDev);
    prev = lambda;
    if (user || m + 1 < 5) continue;
    if (out.df[out.df.length - 1] > opt.dfmax) break;
    if (out.dev[out.dev.length - 1] > DEV_MAX || family.earlyStop(out.dev, SML)) break;
  }
  return {
    family: family.name, alpha: opt.alpha, features: [...stats.names], positiveClass: null,
    lambda: Float64Array.from(out.lambda), intercept: Float64Array.from(out.a0), beta: out.beta,
    df: Int32Array.from(out.df), devRatio: Float64Array.from(out.dev), nullDeviance: nullDev * stats.total.weightSum,
    npasses: passes, hasOffset: false, warnings: [],
    settings: {
      family: family.name, alpha: opt.alpha, standardize: opt.standardize, intercept: true,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: opt.lowerLimits, upperLimits: opt.upperLimits, thresh: opt.thresh, maxit: opt.maxit, userLambda: user !== null,
    },
  };
}

/** Record a λ's fit on the data's scale: β_j = β̃_j/s_j and b0 = b̃0 − Σ β_j·c_j. */
function record(out: { lambda: number[]; a0: number[]; beta: SparseCoefficients[]; df: number[]; dev: number[] }, b: { b0: number; beta: Float64Array }, centre: Float64Array, scale: Float64Array, lambda: number, devRatio: number): void {
  const index: number[] = [];
  const value: number[] = [];
  let a0 = b.b0;
  b.beta.forEach((v, j) => {
    if (v === 0) return;
    index.push(j);
    value.push(v / scale[j]);
    a0 -= (v / scale[j]) * centre[j];
  });
  out.lambda.push(lambda);
  out.a0.push(a0);
  out.beta.push({ index: Int32Array.from(index), value: Float64Array.from(value) });
  out.df.push(index.length);
  out.dev.push(devRatio);
}
