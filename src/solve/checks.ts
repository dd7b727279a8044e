import type { ModelMatrix } from "../data/matrix.js";
import { DataError, OptionError } from "../errors.js";
import { checkSurvival } from "../model/families/cox.js";
import { resolveOptions, type ResolvedOptions } from "./options.js";
import type { FitOptions, SparseCoefficients } from "./types.js";

/**
 * The checks of a fit's data before it fits, each naming the row, column or option at fault: the
 * design's values, the outcome (the family's rules), the offset, and the null model's deviance.
 */

/**
 * The checks fitPath makes of its data before it fits, naming rows as given: cross-validation makes them
 * before it fits the full data with the rows in the folds' order. `laterDesign`: X's values are left to the
 * standardization's pass over its copy (standardizeDesign, with `designCheck`), which comes before any other
 * error could; an error of the outcome or offset found here is thrown after X's, as when X is checked first.
 */
export function checkFit(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, laterDesign = false): ResolvedOptions {
  const opt = resolveOptions(options, x.n, x.names);
  if (!laterDesign) checkDesign(x, opt);
  try {
    checkResponse(y, x.n, opt);
    checkOffset(y, opt);
  } catch (e) {
    if (laterDesign) checkDesign(x, opt);
    throw e;
  }
  return opt;
}

/** checkFit for an X whose values were checked where it was built (a sparse X): options, outcome, offset. */
export function checkFitOf(n: number, names: readonly string[], y: ArrayLike<number>, options: FitOptions): ResolvedOptions {
  const opt = resolveOptions(options, n, names);
  checkResponse(y, n, opt);
  checkOffset(y, opt);
  return opt;
}

/** What checkDesign reads of the options. */
export type DesignCheckOptions = Pick<ResolvedOptions, "standardize" | "intercept" | "excluded">;

/**
 * Every feature value must be a finite number (name the first that is not), and, unstandardized, the
 * solver squares each feature's deviations (Σ w_i(x_ij − x̄_j)², its Gram entries): a feature spread
 * beyond 1e152 would overflow them, so it is refused by name, as is one whose range exceeds the largest
 * 64-bit number (its deviations overflow even standardized). One pass over X for both (here, or in
 * WebAssembly beside the standardization's: DesignCheck); a value that is not finite is named before any
 * feature's scale.
 */
export function checkDesign(x: ModelMatrix, opt: DesignCheckOptions): void {
  const { n, p, data } = x;
  const verdict = new DesignCheck(x, opt);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    // v·0 is NaN exactly when v is NaN or ±∞: one branch-free sum per column, the row looked for only then.
    let probe = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[o + i];
      probe += v * 0;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    verdict.column(j, probe === 0, lo, hi);
  }
  verdict.end();
}

/** checkDesign's verdict, column by column in order, from each column's finiteness and range. */
export class DesignCheck {
  private tooLarge: { j: number; lo: number; hi: number } | null = null;
  private readonly limit: number;

  constructor(private readonly x: ModelMatrix, private readonly opt: DesignCheckOptions) {
    this.limit = opt.standardize ? Number.MAX_VALUE : MAX_UNSTANDARDIZED_SPREAD;
  }

  /** Column j: throws when a value is not finite; else notes the first column too large (excluded and constant ones aside). */
  column(j: number, finite: boolean, lo: number, hi: number): void {
    if (!finite) throw notFinite(this.x, j);
    if (this.tooLarge !== null || this.opt.excluded[j] || lo === hi) return;
    if (!((this.opt.intercept ? hi - lo : Math.max(-lo, hi)) <= this.limit)) this.tooLarge = { j, lo, hi };
  }

  /** The spread a column may still have unnoted: the limit, or ∞ once a column too large is noted. */
  get spreadLimit(): number {
    return this.tooLarge === null ? this.limit : Infinity;
  }

  /** After the last column: throws for the first column too large. */
  end(): void {
    const t = this.tooLarge;
    if (t !== null) throw onTooLargeAScale(this.x.names[t.j], t.lo, t.hi, this.opt);
  }
}

/** The error for the first value of column j that is not a finite number. */
function notFinite(x: ModelMatrix, j: number): DataError {
  const { n, data } = x;
  let i = 0;
  while (i < n - 1 && Number.isFinite(data[j * n + i])) i++;
  const v = data[j * n + i];
  return new DataError(`feature "${x.names[j]}" is not a finite number in row ${i + 1} (${v})`, x.names[j], i + 1);
}

/** The error for a feature whose values span lo to hi, too much for the fit (see checkDesign). */
function onTooLargeAScale(name: string, lo: number, hi: number, opt: DesignCheckOptions): DataError {
  const why = opt.standardize
    ? `its values span more than a 64-bit number holds (${lo} to ${hi})`
    : `its values reach ${Math.abs(lo) > Math.abs(hi) ? lo : hi}, whose squares overflow 64-bit arithmetic unstandardized`;
  return new DataError(`feature "${name}" is on too large a scale to fit: ${why}; divide it by a power of ten${opt.standardize ? "" : " (its coefficient then grows by the same factor), or let it be standardized"}`, name);
}

/** The largest spread of an unstandardized feature whose squared deviations (and their sums) stay finite. */
const MAX_UNSTANDARDIZED_SPREAD = 1e152;

/** The offset must leave the family's intercept-only model finite: name the first row where it does not. */
function checkOffset(y: ArrayLike<number>, opt: ResolvedOptions): void {
  if (opt.offset === null) return;
  const fault = opt.family.offsetProblem(y, opt.weights, opt.offset, opt.intercept);
  if (fault === null) return;
  const row = fault.row + 1;
  throw new DataError(`the offset is ${opt.offset[fault.row]} in row ${row}: ${fault.problem}`, "offset", row);
}

/**
 * The outcome must be one number per row, at least two rows, and of the family's kind (for Cox, with
 * its status, start times and strata). Returns what a person should know about a survival outcome.
 */
export function checkResponse(y: ArrayLike<number>, n: number, opt: ResolvedOptions): string[] {
  if (y.length !== n) throw new DataError(`the outcome has ${y.length} values but the design has ${n} rows`);
  if (n === 0) throw new DataError("there are no rows to fit");
  if (n === 1) throw new DataError("there is only one row: a fit needs at least two");
  opt.family.checkResponse(y, opt.weights, opt.offset !== null);
  return opt.survival ? checkSurvival(y, opt.survival, opt.weights) : [];
}

/**
 * The intercept-only GLM's deviance per unit weight must be a finite number, and more than rounding: an
 * offset that fits every count exactly leaves no threshold to converge to (maxit at the first λ).
 */
export function checkNullModel(perUnit: number, y: Float64Array, opt: ResolvedOptions): void {
  if (!Number.isFinite(perUnit)) {
    throw new DataError(`the intercept-only model's deviance is ${perUnit}: the numbers overflow 64-bit arithmetic; ${rescaleHint(opt, false)}`);
  }
  let sw = 0, mass = 0;
  for (const v of opt.weights) sw += v;
  for (let i = 0; i < y.length; i++) mass += (opt.weights[i] / sw) * y[i];
  if (!(perUnit > 1e-12 * mass)) {
    throw new DataError(`the intercept-only model already fits every row (its deviance is ${perUnit.toPrecision(3)}, 0 but for rounding): ${opt.offset !== null ? "the offset alone explains the outcome, so " : ""}nothing is left for the features to explain`, opt.offset !== null ? "offset" : undefined);
  }
}

/**
 * The null deviance, every devRatio's denominator: the weights' sum times the deviance per unit weight
 * (for gaussian the outcome's variance), either of which may make it overflow. Weights summing to n, as
 * glmnet scales them inside, would keep it finite when the weights are at fault; else the outcome is.
 */
export function nullDevianceOf(perUnit: number, sw: number, n: number, opt: ResolvedOptions): number {
  const total = sw * perUnit;
  if (Number.isFinite(total)) return total;
  const what = opt.family.solver === "least-squares" ? "the outcome's variance" : `the deviance per unit weight (${perUnit})`;
  if (Number.isFinite(n * perUnit)) {
    throw new OptionError(`the weights (summing to ${sw}) times ${what} overflow the null deviance: divide the weights by a power of ten, as only their ratios matter`, "weights");
  }
  throw new DataError(`the outcome is too large: ${what} times its ${n} rows overflows the null deviance; ${rescaleHint(opt, false)}`);
}

/**
 * The last λ recorded must be numbers: NaN or ±∞ there would reach a person as nulls in JSON (a deviance
 * ratio left uncomputed, `devRead` false, is NaN by design and not checked). The checks
 * of the data before the fit are meant to make this unreachable; this names what overflowed if not.
 */
export function checkRecorded(out: Recorded, m: number, lambda: number, opt: ResolvedOptions, columns: RecordedColumns, devRead = true): void {
  // The words only for an error (made at every λ they cost more than a small λ's passes).
  const at = () => `the ${ordinal(m + 1)} λ (${fmt(lambda)})`;
  const beta = out.beta[out.beta.length - 1];
  for (let c = 0; c < beta.value.length; c++) if (!Number.isFinite(beta.value[c])) throw coefficientOverflow(beta.index[c], at(), opt, columns);
  const a0 = out.a0[out.a0.length - 1];
  const dev = out.dev[out.dev.length - 1];
  if (Number.isFinite(a0) && (Number.isFinite(dev) || !devRead)) return;
  const what = Number.isFinite(a0) ? "its deviance ratio" : "its intercept";
  throw new DataError(`the fit at ${at()} is not a number: ${what} overflows 64-bit arithmetic; ${rescaleHint(opt, true)}`);
}

/** What checkRecorded reads of the last λ recorded. */
interface Recorded {
  readonly a0: readonly number[];
  readonly dev: readonly number[];
  readonly beta: readonly SparseCoefficients[];
}

/** The features' names and the sds the solver scaled them by (β = β̃/sd). */
export interface RecordedColumns {
  readonly names: readonly string[];
  readonly scale: Float64Array;
}

/**
 * The error for a coefficient finite on the solver's scale whose value on the data's scale, β̃/sd,
 * overflows: a standardized feature whose values are all near the smallest 64-bit numbers (sd ~1e-320).
 */
function coefficientOverflow(j: number, at: string, opt: ResolvedOptions, columns: RecordedColumns): DataError {
  const name = columns.names[j] ?? `feature ${j + 1}`;
  const sd = opt.standardize ? ` (its standard deviation is ${columns.scale[j]}, near the smallest 64-bit numbers)` : "";
  return new DataError(`the coefficient of feature "${name}" at ${at} overflows 64-bit arithmetic on the data's scale${sd}; multiply the feature by a power of ten`, name);
}

/** What a person can rescale when a fit overflows (the features play no part in the intercept-only model). */
function rescaleHint(opt: ResolvedOptions, features: boolean): string {
  const parts = [...(features ? ["the features"] : []), ...(opt.offset !== null ? ["the offset"] : []), "the outcome"];
  const log = opt.offset !== null && opt.family.link !== "identity" ? " (the offset is a log: check its values)" : "";
  return `bring ${parts.length > 2 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts.join(" and ")} to a moderate scale${log}`;
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st, 62nd. */
export function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][k % 10] ?? "th";
  return `${k}${s}`;
}

export function fmt(v: number): string {
  return Number.isNaN(v) ? "λ_max" : `λ = ${v.toPrecision(6)}`;
}

