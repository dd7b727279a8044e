/**
 * Stability selection on the user's own data (browser-safe; worker threads in stability.node.ts):
 * complementary pairs of half-samples (Shah & Samworth 2013), each fitted along the full data's λs, give
 * every variable's selection frequency along λ; the variables selected in at least a share π of the
 * half-samples somewhere in a region of λs form the stable set, and Meinshausen & Bühlmann (2010, Thm 1)
 * bound the expected number of false selections in it by q²/((2π − 1)·p), q the average number of variables
 * a half-sample selects in the region. Correlated pairs show how often one stands in for the other.
 *
 * Half-sample pair k is a pure function of its index and its random stream (streamStates(seed)[k]), and
 * the summary adds pairs in index order: the same seed gives the same numbers whatever runs them.
 */
import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { permutation, rngFromState, streamStates } from "../random/rng.js";
import { fitPath } from "../solve/path.js";
import type { FitOptions, Path } from "../solve/types.js";
import { checkArguments, countRule, numbersRule, optionsRule, optional, functionRule, arrayOfRule, objectRule, checkedWhereUsed, type Schema } from "../data/arguments.js";
import { FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import { stabilityDataRule, resolvedStabilityRule } from "./arguments.js";

/** The data: the rows, columns and outcome (and weights, offset) the fit uses. */
export interface StabilityData {
  readonly x: ModelMatrix;
  readonly y: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  readonly offset?: ArrayLike<number>;
}

/** Options of stability selection: fitPath's, the pairs of half-samples, seed, threshold π and the region of λs. */
export interface StabilityOptions extends FitOptions {
  /** Complementary pairs of half-samples (50, i.e. 100 half-samples). */
  readonly pairs?: number;
  /** Seed of the half-samples (1). */
  readonly seed?: number;
  /** π: the selection frequency that makes a variable stable, in (0.5, 1] (0.75). */
  readonly threshold?: number;
  /**
   * The region of λs is every λ of the path ≥ this one. Default: the largest region (smallest λ) whose
   * bound on expected false selections is at most `maxFalse`.
   */
  readonly lambdaStop?: number;
  /** The bound on expected false selections the default region keeps within (1). */
  readonly maxFalse?: number;
  /** The λ at which to report each variable's frequency and the correlated pairs' swaps (default: λ_stop); the nearest λ of the path is used. */
  readonly lambdaAt?: number;
}

/** The options as used, with the full data's λs. */
export interface ResolvedStabilityOptions {
  readonly fit: FitOptions;
  readonly lambda: Float64Array;
  readonly pairs: number;
  readonly seed: number;
  readonly threshold: number;
  readonly lambdaStop: number | null;
  readonly maxFalse: number;
  readonly lambdaAt: number | null;
}

/** One complementary pair's selections: selected[h][l·p + j] = 1 when half h selects j at λ_l. */
export interface PairSelection {
  readonly pair: number;
  readonly selected: readonly [Uint8Array, Uint8Array];
}

/** Two correlated variables and how the half-samples choose between them at λ_stop. */
export interface PairSwap {
  readonly a: string;
  readonly b: string;
  readonly correlation: number;
  /** Shares of half-samples selecting both, a only, b only, neither. */
  readonly both: number;
  readonly aOnly: number;
  readonly bOnly: number;
  readonly neither: number;
  /** Share of complementary pairs in which one half selects a only and the other b only: they swap. */
  readonly swapped: number;
}

/** Stability selection's result: each variable's selection frequency per λ and the stable set. */
export interface StabilityResult {
  readonly features: readonly string[];
  readonly lambda: Float64Array;
  readonly pairs: number;
  readonly halves: number;
  readonly seed: number;
  readonly threshold: number;
  /** frequency[l][j]: share of half-samples selecting j at λ_l. */
  readonly frequency: Float64Array[];
  /** q[l]: average number of variables a half-sample selects at some λ ≥ λ_l (the region down to λ_l). */
  readonly q: Float64Array;
  /** bound[l] = q[l]²/((2π − 1)·p): expected false selections in the stable set of the region down to λ_l. */
  readonly bound: Float64Array;
  /** The penalized variables the bound counts (p in it). */
  readonly candidates: number;
  /** The region's end: λ_stop and its index. */
  readonly lambdaStop: number;
  readonly stopIndex: number;
  /** Largest frequency of each variable over the region. */
  readonly maxFrequency: Float64Array;
  /** The λ of the path where frequencies and swaps are reported (lambdaAt's nearest, or λ_stop), its index and each variable's frequency there. */
  readonly lambdaAt: number;
  readonly atIndex: number;
  readonly frequencyAt: Float64Array;
  /** The stable set, by decreasing largest frequency. */
  readonly stable: readonly string[];
  /** The bound at λ_stop. */
  readonly expectedFalse: number;
  /** Correlated pairs (|r| > 0.7) and how the half-samples choose between them at lambdaAt, strongest first. */
  readonly swaps: readonly PairSwap[];
  readonly warnings: readonly string[];
}

/** |r| above this makes two variables a correlated pair (as explain's competing pairs). */
export const SWAP_CORRELATION = 0.7;

/** Check the options and fit the full data once for its λs. */
export function resolveStabilityOptions(data: StabilityData, options: StabilityOptions = {}): ResolvedStabilityOptions {
  checkArguments("resolveStabilityOptions", { data, options }, { data: stabilityDataRule, options: optionsRule(STABILITY_OPTIONS_SCHEMA) });
  const { pairs = 50, seed = 1, threshold = 0.75, lambdaStop, maxFalse = 1, lambdaAt, ...rest } = options;
  if (!Number.isInteger(pairs) || pairs < 1) throw new OptionError(`pairs must be a positive integer, got ${pairs}`, "pairs");
  if (!(threshold > 0.5 && threshold <= 1)) throw new OptionError(`threshold must be above 0.5 and at most 1 (the bound needs π > 1/2), got ${threshold}`, "threshold");
  if (!(maxFalse > 0)) throw new OptionError(`maxFalse must be positive, got ${maxFalse}`, "maxFalse");
  if (lambdaStop !== undefined && !(lambdaStop >= 0)) throw new OptionError(`lambdaStop must be a number ≥ 0, got ${lambdaStop}`, "lambda");
  if (lambdaAt !== undefined && !(lambdaAt >= 0)) throw new OptionError(`lambdaAt must be a number ≥ 0, got ${lambdaAt}`, "lambda");
  if (data.x.n < 4) throw new OptionError(`stability needs at least 4 rows to halve, got ${data.x.n}`, "x");
  const fit: FitOptions = { ...rest, weights: data.weights, offset: data.offset, relax: false };
  const path = fitPath(data.x, data.y, fit);
  return { fit: { ...fit, weights: undefined, offset: undefined }, lambda: path.lambda, pairs, seed, threshold, lambdaStop: lambdaStop ?? null, maxFalse, lambdaAt: lambdaAt ?? null };
}

/** The random streams of the pairs, one per pair. */
export function pairStates(options: ResolvedStabilityOptions): number[][] {
  checkArguments("pairStates", { options }, { options: resolvedStabilityRule });
  return streamStates(options.seed, options.pairs);
}

/** The rows of both halves of pair k: a random permutation cut in two (with n odd, one row sits out). */
export function halves(n: number, state: readonly number[]): [Int32Array, Int32Array] {
  checkArguments("halves", { n, state }, { n: countRule, state: numbersRule() });
  const order = permutation(rngFromState(state), n);
  const m = Math.floor(n / 2);
  return [order.slice(0, m).sort(), order.slice(m, 2 * m).sort()];
}

/** Which variables a fit on `rows` selects (nonzero) at each λ; λs past an early stop repeat the last. */
function selectionsOn(data: StabilityData, options: ResolvedStabilityOptions, rows: Int32Array): Uint8Array {
  const { x } = data;
  const pick = <T extends ArrayLike<number>>(v: T | undefined) => (v ? Float64Array.from(rows, (i) => v[i]) : undefined);
  // Every per-row input follows the rows: the outcome, weights, offset, and a Cox fit's survival columns.
  const s = options.fit.survival;
  const survival = s && { status: pick(s.status)!, start: pick(s.start), strata: pick(s.strata) };
  const path: Path = fitPath(selectRows(x, rows), pick(data.y)!, { ...options.fit, lambda: options.lambda, weights: pick(data.weights), offset: pick(data.offset), survival });
  const L = options.lambda.length;
  const out = new Uint8Array(L * x.p);
  for (let l = 0; l < L; l++) {
    const b = path.beta[Math.min(l, path.beta.length - 1)];
    if (!b) continue;
    for (let t = 0; t < b.index.length; t++) if (b.value[t] !== 0) out[l * x.p + b.index[t]] = 1;
  }
  return out;
}

/** Fit both halves of complementary pair k. */
export function runPair(data: StabilityData, options: ResolvedStabilityOptions, pair: number, state: readonly number[]): PairSelection {
  checkArguments("runPair", { data, options, pair, state }, { data: stabilityDataRule, options: resolvedStabilityRule, pair: countRule, state: numbersRule() });
  const [a, b] = halves(data.x.n, state);
  return { pair, selected: [selectionsOn(data, options, a), selectionsOn(data, options, b)] };
}

/** Weighted Pearson correlation of columns j and k (null when either is constant). */
function columnCorrelation(x: ModelMatrix, j: number, k: number): number | null {
  const { n, data } = x;
  let mj = 0, mk = 0;
  for (let i = 0; i < n; i++) [mj, mk] = [mj + data[j * n + i], mk + data[k * n + i]];
  mj /= n; mk /= n;
  let sjj = 0, skk = 0, sjk = 0;
  for (let i = 0; i < n; i++) {
    const a = data[j * n + i] - mj, b = data[k * n + i] - mk;
    sjj += a * a; skk += b * b; sjk += a * b;
  }
  return sjj > 0 && skk > 0 ? sjk / Math.sqrt(sjj * skk) : null;
}

/** How the half-samples choose between each correlated pair at λ_l. */
function pairSwaps(x: ModelMatrix, results: readonly PairSelection[], l: number, usable: (j: number) => boolean): PairSwap[] {
  const { p } = x;
  const out: PairSwap[] = [];
  const H = 2 * results.length;
  for (let a = 0; a < p; a++) {
    if (!usable(a)) continue;
    for (let b = a + 1; b < p; b++) {
      if (!usable(b)) continue;
      const r = columnCorrelation(x, a, b);
      if (r === null || Math.abs(r) <= SWAP_CORRELATION) continue;
      let both = 0, aOnly = 0, bOnly = 0, swapped = 0;
      for (const res of results) {
        const kinds = res.selected.map((s) => (s[l * p + a] ? 1 : 0) + (s[l * p + b] ? 2 : 0));
        for (const k of kinds) {
          if (k === 3) both++;
          else if (k === 1) aOnly++;
          else if (k === 2) bOnly++;
        }
        if (kinds[0] + kinds[1] === 3 && kinds[0] !== kinds[1]) swapped++;
      }
      out.push({
        a: x.names[a], b: x.names[b], correlation: r,
        both: both / H, aOnly: aOnly / H, bOnly: bOnly / H, neither: (H - both - aOnly - bOnly) / H, swapped: swapped / results.length,
      });
    }
  }
  return out.sort((s, t) => Math.abs(t.correlation) - Math.abs(s.correlation));
}

/** Frequencies, the region, the stable set and its bound, from the pairs in index order. */
export function summarizeStability(data: StabilityData, options: ResolvedStabilityOptions, results: readonly PairSelection[]): StabilityResult {
  checkArguments("summarizeStability", { data, options, results }, { data: stabilityDataRule, options: resolvedStabilityRule, results: arrayOfRule(objectRule("a pair's selection"), "the pairs' selections") });
  const { x } = data;
  const { p } = x;
  const L = options.lambda.length;
  if (results.length !== options.pairs) throw new OptionError(`expected ${options.pairs} pairs of results, got ${results.length}`, "pairs");
  const H = 2 * results.length;
  // Integer counts first, divided once: the shares are exact fractions of H, whatever the order.
  const frequency = Array.from({ length: L }, () => new Float64Array(p));
  const q = new Float64Array(L);
  for (const res of results) {
    for (const s of res.selected) {
      const ever = new Uint8Array(p);
      let count = 0;
      for (let l = 0; l < L; l++) {
        for (let j = 0; j < p; j++) {
          if (!s[l * p + j]) continue;
          frequency[l][j] += 1;
          if (!ever[j]) {
            ever[j] = 1;
            count++;
          }
        }
        q[l] += count;
      }
    }
  }
  for (let l = 0; l < L; l++) {
    q[l] /= H;
    for (let j = 0; j < p; j++) frequency[l][j] /= H;
  }
  // Unpenalized (always in) and excluded variables are not candidates for selection.
  const pf = options.fit.penaltyFactor;
  const factor = (j: number) => (pf === undefined ? 1 : typeof pf === "number" ? pf : Array.isArray(pf) || ArrayBuffer.isView(pf) ? (pf as ArrayLike<number>)[j] : ((pf as Record<string, number>)[x.names[j]] ?? 1));
  const excluded = new Set((options.fit.exclude ?? []).map((e) => (typeof e === "number" ? e : x.names.indexOf(e))));
  const usable = (j: number) => !excluded.has(j) && factor(j) > 0 && factor(j) !== Infinity;
  let candidates = 0;
  for (let j = 0; j < p; j++) if (usable(j)) candidates++;
  const bound = q.map((v) => (candidates > 0 ? (v * v) / ((2 * options.threshold - 1) * candidates) : 0));
  let stopIndex: number;
  if (options.lambdaStop !== null) {
    stopIndex = -1;
    for (let l = 0; l < L; l++) if (options.lambda[l] >= options.lambdaStop * (1 - 1e-12)) stopIndex = l;
    if (stopIndex < 0) throw new OptionError(`lambda ${options.lambdaStop} is above every λ of the path (largest ${options.lambda[0]})`, "lambda");
  } else {
    stopIndex = 0;
    for (let l = 0; l < L; l++) if (bound[l] <= options.maxFalse) stopIndex = l;
  }
  const maxFrequency = new Float64Array(p);
  for (let l = 0; l <= stopIndex; l++) for (let j = 0; j < p; j++) maxFrequency[j] = Math.max(maxFrequency[j], frequency[l][j]);
  const stable = Array.from({ length: p }, (_, j) => j)
    .filter((j) => usable(j) && maxFrequency[j] >= options.threshold)
    .sort((a, b) => maxFrequency[b] - maxFrequency[a] || a - b)
    .map((j) => x.names[j]);
  const warnings: string[] = [];
  if (options.lambdaStop === null && bound[0] > options.maxFalse) {
    warnings.push(`even at the path's first λ the bound on expected false selections is ${bound[0].toPrecision(3)}, above ${options.maxFalse}: the region is that λ alone`);
  }
  const atIndex = options.lambdaAt === null ? stopIndex : nearestLambda(options.lambda, options.lambdaAt);
  return {
    features: [...x.names], lambda: options.lambda, lambdaAt: options.lambda[atIndex], atIndex, frequencyAt: frequency[atIndex], pairs: results.length, halves: H, seed: options.seed, threshold: options.threshold,
    frequency, q, bound, candidates, lambdaStop: options.lambda[stopIndex], stopIndex, maxFrequency, stable,
    expectedFalse: bound[stopIndex], swaps: pairSwaps(x, results, atIndex, usable), warnings,
  };
}

/** The index of the path's λ nearest to `lambda` on the log scale. */
function nearestLambda(path: Float64Array, lambda: number): number {
  let best = 0;
  const at = Math.log(Math.max(lambda, 1e-300));
  for (let l = 1; l < path.length; l++) if (Math.abs(Math.log(path[l]) - at) < Math.abs(Math.log(path[best]) - at)) best = l;
  return best;
}

/** Stability selection in this thread (stabilityParallel in stability.node.ts gives the same result on worker threads). */
export function stability(data: StabilityData, options: StabilityOptions = {}, onProgress?: (done: number, total: number) => void): StabilityResult {
  checkArguments("stability", { data, options, onProgress }, { data: stabilityDataRule, options: optionsRule(STABILITY_OPTIONS_SCHEMA), onProgress: optional(functionRule) });
  const resolved = resolveStabilityOptions(data, options);
  const states = pairStates(resolved);
  const results: PairSelection[] = [];
  for (let k = 0; k < resolved.pairs; k++) {
    results.push(runPair(data, resolved, k, states[k]));
    onProgress?.(k + 1, resolved.pairs);
  }
  return summarizeStability(data, resolved, results);
}

/** The options of a stability run (StabilityOptions): fitPath's, and the run's own (checked by the resolver, naming each). */
export const STABILITY_OPTIONS_SCHEMA: Schema<StabilityOptions> = {
  ...FIT_OPTIONS_SCHEMA, pairs: checkedWhereUsed, seed: checkedWhereUsed, threshold: checkedWhereUsed, lambdaStop: checkedWhereUsed,
  maxFalse: checkedWhereUsed, lambdaAt: checkedWhereUsed,
};
