/**
 * One IRLS aggregation pass in the engine for several models at once (the full fit, or every fold's),
 * optionally grouped by fold. The rows are projected once as x'_j = x_j − c_j (c: the means of all
 * rows); model k's linear predictor is affine in them, η_k = a_k + Σ γ_kj·x'_j, and the engine sums,
 * per model, the working weights' Gram on its strong set, the pulls of every column, the deviance and
 * the held-out error measure. Each model's standardization (its centre and scale, from its own training
 * rows) is applied to those sums afterwards: x̃_j = (x'_j − δ_j)/s_j with δ_j = centre_j − c_j.
 */
import type { Family, Measure } from "../model/family.js";
import type { Dialect } from "./dialect.js";
import { aggregate, type Engine, type SourceStats } from "./scan.js";
import { column, projected, type Aggregate } from "./sql.js";

/** The linear predictor is capped where exp() would overflow (and glmnet's fitted means saturate). */
const ETA_CAP = 30;
/** The held-out error reads η itself, capped only where exp() would overflow a double. */
const ETA_HELD_CAP = 700;
/** cv.lognet's clamp of predicted probabilities for the deviance. */
const PROB_MIN = 1e-5;

/** Where a model is: intercept, standardized coefficients, its centre and scale, and its strong set S. */
export interface ModelPoint {
  readonly b0: number;
  readonly beta: Float64Array;
  readonly centre: Float64Array;
  readonly scale: Float64Array;
  readonly S: readonly number[];
}

/** What one pass brings back for a model at its point, per unit of its weight: Gram on S, pulls, deviance. */
export interface Pass {
  readonly h00: number;
  readonly h0: Float64Array;
  readonly h: Float64Array;
  readonly g0: number;
  readonly g: Float64Array;
  readonly dev: number;
}

/** A model's sums over some rows, in the projection's coordinates x' (not yet standardized). */
export interface RawSums {
  readonly hint: number;
  readonly gint: number;
  readonly dev: number;
  /** Σw·e(y, η) of the held-out measure e (0 when none was asked for). */
  readonly err: number;
  readonly hx: Float64Array;
  readonly hxx: Float64Array;
  readonly gx: Float64Array;
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
 * The SQL of one held-out row's error at linear predictor η, as the family's pointError (cv.lognet,
 * cv.fishnet): binomial deviance with p clamped to [1e-5, 1 − 1e-5], mse and mae doubled, class;
 * Poisson deviance 2·(y·log y − y − (y·η − e^η)), mse, mae.
 */
export function heldOutErrorSql(family: Family, measure: Measure, d: Dialect, eta: string, y: string): string {
  const e = `(CASE WHEN ${eta} > ${ETA_HELD_CAP} THEN ${ETA_HELD_CAP} ELSE ${eta} END)`;
  if (family.name === "binomial") {
    const p = `(1 / (1 + ${d.exp(`-${e}`)}))`;
    if (measure === "mse") return `(2 * (${y} - ${p}) * (${y} - ${p}))`;
    if (measure === "mae") return `(2 * abs(${y} - ${p}))`;
    if (measure === "class") return `(CASE WHEN ${y} = 1 THEN (CASE WHEN ${p} <= 0.5 THEN 1 ELSE 0 END) ELSE (CASE WHEN ${p} > 0.5 THEN 1 ELSE 0 END) END)`;
    const q = `(CASE WHEN ${p} < ${PROB_MIN} THEN ${PROB_MIN} WHEN ${p} > ${1 - PROB_MIN} THEN ${d.number(1 - PROB_MIN)} ELSE ${p} END)`;
    return `(-2 * (CASE WHEN ${y} = 1 THEN ${d.ln(q)} ELSE ${d.ln(`1 - ${q}`)} END))`;
  }
  const mu = d.exp(e);
  if (measure === "mse") return `((${y} - ${mu}) * (${y} - ${mu}))`;
  if (measure === "mae") return `abs(${y} - ${mu})`;
  return `(2 * ((CASE WHEN ${y} > 0 THEN ${y} * ${d.ln(y)} - ${y} ELSE 0 END) - (${y} * ${eta} - ${mu})))`;
}

/** What a pass computes for each model: the family, and the held-out measure (none for a fit). */
export interface PassPlan {
  readonly family: Family;
  readonly measure: Measure | null;
  /** c_j: the centre of the projection (the means of all rows). */
  readonly centre: Float64Array;
  /** The fold expression to group by (null: all rows as one group). */
  readonly group: string | null;
}

/** η_k in the projection's coordinates: a = b0 − Σ γ_j·δ_j and γ_j = β_j/s_j (SQL). */
function etaSql(d: Dialect, m: ModelPoint, c: Float64Array): string {
  const terms: string[] = [];
  let a = m.b0;
  m.beta.forEach((b, j) => {
    if (b === 0) return;
    const gamma = b / m.scale[j];
    a -= gamma * (m.centre[j] - c[j]);
    terms.push(`${d.number(gamma)} * ${column(d, `x${j}`)}`);
  });
  return `(${[d.number(a), ...terms].join(" + ")})`;
}

/**
 * The pass's sums for every model and group (a Map from the group's key, "all" when ungrouped, to one
 * RawSums per model). The rows are projected in four steps (x' and y; each model's η; its μ; its
 * weighted working weight w·v, residual w·r, deviance and held-out error), each reading the one before
 * by column, so that no expression is written out, or computed, more than once per row.
 */
export async function rawPasses(engine: Engine, stats: SourceStats, plan: PassPlan, models: readonly ModelPoint[]): Promise<Map<string, RawSums[]>> {
  const d = engine.dialect;
  const { features, target, weight } = stats.design;
  const p = features.length;
  const col = (name: string) => column(d, name);
  const x = (j: number) => col(`x${j}`);
  const pass = (...names: string[]) => Object.fromEntries(names.map((n) => [n, col(n)]));
  const keep = ["w", "y", ...features.map((_, j) => `x${j}`), ...(plan.group === null ? [] : ["key"])];
  const inner: Record<string, string> = { w: d.toDouble(weight), y: target };
  features.forEach((f, j) => (inner[`x${j}`] = plan.centre[j] === 0 ? f.sql : `(${f.sql} - ${d.number(plan.centre[j])})`));
  const etas = { ...pass(...keep), ...Object.fromEntries(models.map((m, k) => [`eta${k}`, etaSql(d, m, plan.centre)])) };
  const laws = models.map((_, k) => familySql(plan.family, d, col(`eta${k}`)));
  const means = { ...pass(...keep, ...models.map((_, k) => `eta${k}`)), ...Object.fromEntries(laws.map((law, k) => [`mu${k}`, law.mu])) };
  const w = col("w");
  const terms: Record<string, string> = pass(...keep.filter((n) => n !== "y"));
  laws.forEach((law, k) => {
    const { v, r, dev } = law.at(col(`mu${k}`), col("y"));
    terms[`wv${k}`] = `${w} * ${v}`;
    terms[`wr${k}`] = `${w} * ${r}`;
    terms[`wdev${k}`] = `${w} * ${dev}`;
    if (plan.measure !== null) terms[`werr${k}`] = `${w} * ${heldOutErrorSql(plan.family, plan.measure, d, col(`eta${k}`), col("y"))}`;
  });
  let rows = projected(d, stats.scan, inner, plan.group);
  for (const step of [etas, means, terms]) rows = projected(d, rows, step);
  const list: Aggregate[] = models.flatMap((m, k) => {
    const [wv, wr] = [col(`wv${k}`), col(`wr${k}`)];
    return [
      { sql: `SUM(${wv})`, as: `m${k}_hint` },
      { sql: `SUM(${wr})`, as: `m${k}_gint` },
      { sql: `SUM(${col(`wdev${k}`)})`, as: `m${k}_dev` },
      ...(plan.measure === null ? [] : [{ sql: `SUM(${col(`werr${k}`)})`, as: `m${k}_err` }]),
      ...m.S.map((j) => ({ sql: `SUM(${wv} * ${x(j)})`, as: `m${k}_hx${j}` })),
      ...m.S.flatMap((j, a) => m.S.slice(a).map((l) => ({ sql: `SUM(${wv} * ${x(j)} * ${x(l)})`, as: `m${k}_hxx${j}_${l}` }))),
      ...features.map((_, j) => ({ sql: `SUM(${wr} * ${x(j)})`, as: `m${k}_gx${j}` })),
    ];
  });
  const grouped = await aggregate(engine, rows, list, plan.group === null ? null : col("key"), () => {}, "IRLS");
  const out = new Map<string, RawSums[]>();
  for (const [g, row] of grouped) out.set(g, models.map((m, k) => rawSumsOf(row, `m${k}_`, m.S, p)));
  return out;
}

/** A model's sums from a result row (its columns named with `prefix`). */
function rawSumsOf(row: Record<string, unknown>, prefix: string, S: readonly number[], p: number): RawSums {
  const num = (name: string) => Number(row[prefix + name] ?? 0);
  const m = S.length;
  const hxx = new Float64Array(m * m);
  S.forEach((j, a) => S.forEach((l, b) => (hxx[a * m + b] = num(a <= b ? `hxx${j}_${l}` : `hxx${l}_${j}`))));
  return {
    hint: num("hint"), gint: num("gint"), dev: num("dev"), err: num("err"), hxx,
    hx: Float64Array.from(S, (j) => num(`hx${j}`)),
    gx: Float64Array.from({ length: p }, (_, j) => num(`gx${j}`)),
  };
}

/** a + b, entry by entry (sums of separate rows add). */
export function addRaw(a: RawSums, b: RawSums): RawSums {
  const add = (u: Float64Array, v: Float64Array) => u.map((x, i) => x + v[i]);
  return { hint: a.hint + b.hint, gint: a.gint + b.gint, dev: a.dev + b.dev, err: a.err + b.err, hx: add(a.hx, b.hx), hxx: add(a.hxx, b.hxx), gx: add(a.gx, b.gx) };
}

/**
 * The pass of a model at its point, per unit of its weight W, in its standardized coordinates
 * x̃_j = (x'_j − δ_j)/s_j: Σwv·x̃_j = (hx_j − δ_j·hint)/s_j, Σwv·x̃_j·x̃_l = (hxx_jl − δ_j·hx_l − δ_l·hx_j
 * + δ_j·δ_l·hint)/(s_j·s_l) and Σw·r·x̃_j = (gx_j − δ_j·gint)/s_j.
 */
export function passOf(s: RawSums, m: ModelPoint, c: Float64Array, W: number): Pass {
  const p = m.beta.length;
  const delta = Float64Array.from({ length: p }, (_, j) => m.centre[j] - c[j]);
  const S = m.S;
  const q = S.length;
  const h = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const j = S[a], l = S[b];
      h[a * q + b] = (s.hxx[a * q + b] - delta[j] * s.hx[b] - delta[l] * s.hx[a] + delta[j] * delta[l] * s.hint) / (m.scale[j] * m.scale[l] * W);
    }
  }
  return {
    h00: s.hint / W, g0: s.gint / W, dev: s.dev / W, h,
    h0: Float64Array.from(S, (j, a) => (s.hx[a] - delta[j] * s.hint) / (m.scale[j] * W)),
    g: Float64Array.from({ length: p }, (_, j) => (s.gx[j] - delta[j] * s.gint) / (m.scale[j] * W)),
  };
}
