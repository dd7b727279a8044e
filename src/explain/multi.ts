/**
 * Why each variable of a multi-response fit is in or out, at one λ: every variable has K pulls, one per
 * class (or response), g_jk = x̃_jᵀW(y_k − μ_k) on the standardized scale, the datafit's slope the
 * penalty must balance. Ungrouped multinomial: each (variable, class) coefficient meets its own price
 * λ·α·v_j, so a variable can separate some classes and not others. Grouped multinomial and mgaussian:
 * a variable enters for every class at once, when the length of its K pulls reaches λ·α·v_j. With
 * coefficient limits a coefficient may be held at one ("at-bound"): its pull may then pass what the price
 * asks in the direction the limit blocks; multi-kkt.ts states each family's conditions and checks them.
 */
import { OptionError } from "../errors.js";
import type { ModelMatrix } from "../data/matrix.js";
import { multiFamilyOf } from "../model/families/multi.js";
import { normalizePenaltyFactors } from "../model/penalty.js";
import { coefMulti } from "../solve/multi/predict.js";
import type { MultiPath } from "../solve/multi/types.js";
import { isConstantColumn, weightedMean, weightedSd } from "../solve/standardize.js";
import { groupedCondition, ungroupedCondition, type MultiBound } from "./multi-kkt.js";

export type { MultiBound } from "./multi-kkt.js";

/** at-bound: some coefficient is held at one of its limits (bounds says which); kept: nonzero for some class, none held. */
export type MultiStatus = "kept" | "zero" | "at-bound" | "unpenalized" | "excluded" | "constant";

/** One variable's evidence at λ. */
export interface MultiVariableEvidence {
  readonly feature: string;
  /** Its coefficient for each class, on the data's scale. */
  readonly coefficients: number[];
  /** Its pull for each class, on the standardized scale (the solver's). */
  readonly pulls: number[];
  /** What meets the price: the largest |pull| (ungrouped) or the length of the K pulls (grouped). */
  readonly pullSize: number;
  /** λ·α·v_j: the pull a coefficient must reach to leave zero. */
  readonly price: number;
  readonly status: MultiStatus;
  /** The classes whose coefficient is nonzero. */
  readonly classes: string[];
  /** Per class, the limit holding its coefficient (null: none; see multi-kkt.ts for when a limit holds). */
  readonly bounds: (MultiBound | null)[];
  /** How far its optimality conditions are from holding, in pull units (0 at an exact solution; multi-kkt.ts). */
  readonly violation: number;
  /** The largest λ of the path where it is nonzero for some class (null: never). */
  readonly entryLambda: number | null;
  readonly words: string;
}

export interface MultiExplanation {
  readonly family: MultiPath["family"];
  readonly grouped: boolean;
  readonly lambda: number;
  readonly classes: readonly string[];
  readonly intercept: number[];
  readonly variables: MultiVariableEvidence[];
  /** Features in the order they enter along the path (those that never do left out). */
  readonly entryOrder: string[];
  /** The largest violation of the optimality conditions, and whose (null: none); meaningful at the path's λs, where the coefficients are a solution. */
  readonly kkt: { readonly violation: number; readonly feature: string | null };
  readonly words: string[];
}

/** The data a path was fitted on: x, the K response columns (one-hot classes or responses), weights. */
export interface MultiData {
  readonly x: ModelMatrix;
  readonly y: readonly ArrayLike<number>[];
  readonly weights?: ArrayLike<number>;
}

const fmt = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2));

/** The explanation of a multi-response path at λ (a fitted λ, or any: coefficients interpolate). */
export function explainMulti(path: MultiPath, data: MultiData, lambda: number): MultiExplanation {
  // Its pulls and prices would be on the scaled responses' scale, which this explanation does not yet read.
  if (path.settings.standardizeResponse) throw new OptionError("explaining an mgaussian fit with standardizeResponse is not supported yet: refit without it to explain", "standardizeResponse");
  const { p } = data.x;
  const K = path.classes.length;
  const { intercept, beta } = coefMulti(path, lambda);
  const w0 = data.weights ? Float64Array.from(data.weights) : new Float64Array(data.x.n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const r = residualsOf(path, data, w, intercept, beta);
  const vp = normalizePenaltyFactors(Array.from(path.settings.penaltyFactor, (v) => (v === Infinity ? 1 : v)));
  const entry = entryLambdas(path);
  const variables = path.features.map((_, j) => variableEvidence(path, data, { w, r, beta, vp, lambda, entry: entry[j] }, j));
  const entryOrder = variables.filter((v) => v.entryLambda !== null).sort((a, b) => (b.entryLambda as number) - (a.entryLambda as number)).map((v) => v.feature);
  const worst = variables.reduce((a, v) => (v.violation > a.violation ? v : a), { violation: 0, feature: null as string | null });
  const kkt = { violation: worst.violation, feature: worst.feature };
  const kept = variables.filter((v) => v.classes.length > 0).length;
  const held = variables.filter((v) => v.status === "at-bound");
  const words = [
    path.grouped
      ? `At λ = ${fmt(lambda)}, ${kept} of ${p} variables are in, each for every ${path.family === "mgaussian" ? "response" : "class"} at once: a variable enters when the length of its ${K} pulls reaches its price λ·α·v.`
      : `At λ = ${fmt(lambda)}, ${kept} of ${p} variables are in for at least one class: each (variable, class) coefficient leaves zero when its own pull reaches the price λ·α·v.`,
    ...(entryOrder.length > 0 ? [`Entry order along the path: ${entryOrder.slice(0, 10).join(", ")}${entryOrder.length > 10 ? ", …" : ""}.`] : []),
    ...(held.length > 0 ? [`Held by a limit rather than by the price: ${held.map((v) => `${v.feature} (${heldClasses(v, path).join(", ")})`).join("; ")}.`] : []),
    path.lambda.includes(lambda)
      ? `The optimality conditions hold to ${fmt(kkt.violation)} in pull units${kkt.feature === null ? "" : ` (the largest gap: ${kkt.feature})`}${held.length > 0 ? ", a coefficient at a limit counting only where its pull falls short of holding it there" : ""}.`
      : "λ lies between the path's λs and the coefficients are interpolated there: they are no solution at λ, so the optimality conditions are not read.",
  ];
  return { family: path.family, grouped: path.grouped, lambda, classes: path.classes, intercept: Array.from(intercept), variables, entryOrder, kkt, words };
}

/** r_ik = w̄_i (y_ik − μ_ik): the residuals the pulls are products with, class-major. */
function residualsOf(path: MultiPath, data: MultiData, w: Float64Array, intercept: ArrayLike<number>, beta: readonly ArrayLike<number>[]): Float64Array[] {
  const { x, y } = data;
  const { n, p } = x;
  const K = path.classes.length;
  const family = multiFamilyOf(path.family);
  const r = Array.from({ length: K }, () => new Float64Array(n));
  const eta = new Float64Array(K), mu = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let e = intercept[k];
      for (let j = 0; j < p; j++) if (beta[k][j] !== 0) e += beta[k][j] * x.data[j * n + i];
      eta[k] = e;
    }
    family.response(eta, mu);
    for (let k = 0; k < K; k++) r[k][i] = w[i] * (y[k][i] - mu[k]);
  }
  return r;
}

/** What variableEvidence reads beside the path and data. */
interface EvidenceInput {
  readonly w: Float64Array;
  readonly r: readonly Float64Array[];
  readonly beta: readonly ArrayLike<number>[];
  readonly vp: ArrayLike<number>;
  readonly lambda: number;
  readonly entry: number | null;
}

/** Variable j's K pulls against its price, its status and its conditions' gap. */
function variableEvidence(path: MultiPath, data: MultiData, input: EvidenceInput, j: number): MultiVariableEvidence {
  const { w, r, beta, vp, lambda } = input;
  const { n } = data.x;
  const s = path.settings;
  const K = path.classes.length;
  const col = data.x.data.subarray(j * n, (j + 1) * n);
  // The fit's scales (standardizeDesign): sd about the weighted mean m, with or without an intercept; the
  // column centred at m with one, at 0 without (the pulls are then of x/sd, not of (x − m)/sd).
  const m = weightedMean(data.x.data, j * n, n, w);
  const center = s.intercept ? m : 0;
  // Rescaled when the squares overflow (a column near 1e200): an infinite sd would make every pull 0 and β̃ NaN.
  const sd = weightedSd(data.x.data, j * n, n, w, m);
  // Left out of the fit as the single-response explanation reads it (columnScaling): one value in every
  // row, or no spread among the rows with weight. Its pulls are 0, not the rounding of a mean (1e-17).
  const constant = isConstantColumn(data.x.data, j * n, n) || !(sd > 0) || !Number.isFinite(sd);
  const scale = s.standardize ? sd : 1;
  const pulls = Array.from({ length: K }, (_, k) => {
    let g = 0;
    for (let i = 0; i < n; i++) g += r[k][i] * (col[i] - center);
    return constant ? 0 : g / scale;
  });
  const coefficients = Array.from({ length: K }, (_, k) => beta[k][j]);
  const pullSize = path.grouped ? Math.hypot(...pulls) : Math.max(...pulls.map(Math.abs));
  const price = lambda * path.alpha * vp[j];
  const classes = path.classes.filter((_, k) => coefficients[k] !== 0);
  const excluded = s.penaltyFactor[j] === Infinity;
  const cond = { beta: coefficients, scale, pulls, price, ridgeRate: lambda * (1 - path.alpha) * vp[j], lower: s.lowerLimits[j], upper: s.upperLimits[j] };
  const condition = constant || excluded ? { bounds: coefficients.map(() => null), violation: 0 } : path.grouped ? groupedCondition(cond) : ungroupedCondition(cond);
  const status: MultiStatus = constant ? "constant" : excluded ? "excluded" : condition.bounds.some((b) => b !== null) ? "at-bound" : vp[j] === 0 ? "unpenalized" : classes.length > 0 ? "kept" : "zero";
  const evidence = { feature: path.features[j], coefficients, pulls, pullSize, price, status, classes, bounds: condition.bounds, violation: condition.violation, entryLambda: input.entry };
  return { ...evidence, words: variableWords(evidence, path) };
}

/** The largest λ at which each variable is nonzero for some class, or null. */
function entryLambdas(path: MultiPath): (number | null)[] {
  const p = path.features.length, K = path.classes.length;
  const out: (number | null)[] = new Array(p).fill(null);
  for (let l = 0; l < path.lambda.length; l++) {
    for (let j = 0; j < p; j++) {
      if (out[j] !== null) continue;
      for (let k = 0; k < K; k++) if (path.beta[l][k * p + j] !== 0) { out[j] = path.lambda[l]; break; }
    }
  }
  return out;
}

function variableWords(e: Omit<MultiVariableEvidence, "words">, path: MultiPath): string {
  const K = path.classes.length;
  const unit = path.family === "mgaussian" ? "response" : "class";
  if (e.status === "constant") return `${e.feature} is constant (the same value in every row that carries weight): there is nothing to learn from it; it is left out and its coefficients are 0.`;
  if (e.status === "excluded") return `${e.feature} is excluded from the fit.`;
  if (e.status === "at-bound") return path.grouped ? groupedHeldWords(e, path) : ungroupedHeldWords(e, path);
  if (e.status === "unpenalized") return `${e.feature} is not penalized (factor 0): it is in for every ${unit} at any λ.`;
  if (path.grouped) {
    return e.status === "kept"
      ? `${e.feature} is in for every ${unit}: the length of its ${K} pulls, ${fmt(e.pullSize)}, reaches the price λ·α·v = ${fmt(e.price)}.`
      : `${e.feature} is out for every ${unit}: the length of its ${K} pulls, ${fmt(e.pullSize)}, is below the price λ·α·v = ${fmt(e.price)}.`;
  }
  const largest = e.pulls.map(Math.abs).indexOf(Math.max(...e.pulls.map(Math.abs)));
  if (e.status === "zero") return `${e.feature} is zero for every class: its largest pull, ${fmt(e.pulls[largest])} (for ${path.classes[largest]}), is below the price ${fmt(e.price)}.`;
  const up = path.classes.filter((_, k) => e.coefficients[k] > 0), down = path.classes.filter((_, k) => e.coefficients[k] < 0);
  const others = path.classes.filter((_, k) => e.coefficients[k] === 0);
  const sides = [up.length ? `raises the odds of ${up.join(" and ")}` : "", down.length ? `lowers those of ${down.join(" and ")}` : ""].filter((s) => s !== "").join(" and ");
  return `${e.feature} separates ${e.classes.join(" and ")} from the rest (it ${sides}): ${e.classes.length === 1 ? "its pull reaches" : "their pulls reach"} the price ${fmt(e.price)}${others.length ? `; for ${others.join(" and ")} the pull stays below it` : ""}.`;
}

/** "b at its upper limit 0.3" for each class held at a limit (with its pull when asked). */
function heldClasses(e: Pick<MultiVariableEvidence, "bounds" | "pulls">, path: MultiPath, withPull = false): string[] {
  return path.classes.flatMap((c, k) => {
    const b = e.bounds[k];
    return b === null ? [] : [`${c} at its ${b.side} limit ${fmt(b.value)}${withPull ? ` (pull ${fmt(e.pulls[k])})` : ""}`];
  });
}

const joined = (items: readonly string[]) => (items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** Ungrouped: the held coefficients stop at their limit, the free ones meet the price. */
function ungroupedHeldWords(e: Omit<MultiVariableEvidence, "words">, path: MultiPath): string {
  const held = heldClasses(e, path, true);
  const them = held.length === 1 ? "it" : "them";
  const free = path.classes.filter((_, k) => e.bounds[k] === null && e.coefficients[k] !== 0);
  const zero = path.classes.filter((_, k) => e.bounds[k] === null && e.coefficients[k] === 0);
  const ridge = path.alpha < 1 ? " plus the ridge part" : "";
  const many = held.length > 1;
  return `${e.feature}'s coefficient${many ? "s" : ""} for ${joined(held)} ${many ? "are" : "is"} held: the data pull ${them} further than the price ${fmt(e.price)}${ridge} would let ${them} go, and the limit stops ${them} there.` +
    (free.length > 0 ? ` For ${joined(free)} its pull meets the price.` : "") +
    (zero.length > 0 ? ` For ${joined(zero)} the pull stays below it.` : "");
}

/** Grouped: the held coefficients stop at their limit; the free ones meet the block's condition, held ones in its length. */
function groupedHeldWords(e: Omit<MultiVariableEvidence, "words">, path: MultiPath): string {
  const K = path.classes.length;
  const unit = path.family === "mgaussian" ? "response" : "class";
  const held = heldClasses(e, path, true);
  const them = held.length === 1 ? "it" : "them";
  if (e.classes.length === 0) {
    return `${e.feature} is out for every ${unit}: the length of its ${K} pulls, ${fmt(e.pullSize)}, passes the price ${fmt(e.price)} only by pushing ${joined(held)} into a limit at 0; the other pulls are within the price.`;
  }
  const free = path.classes.filter((_, k) => e.bounds[k] === null);
  const rule = `each free pull equals (λ·α·v/‖β̃‖${path.alpha < 1 ? " + λ·(1−α)·v" : ""})·β̃, ‖β̃‖ the length of all ${K} standardized coefficients, held ones included`;
  return `${e.feature} is in, with ${joined(held)}: the data pull ${them} past the limit, which stops ${them} there (price λ·α·v = ${fmt(e.price)}). ` +
    (free.length > 0 ? `Its free coefficients (${joined(free)}) meet their own condition: ${rule}; it holds to ${fmt(e.violation)}.` : `All its coefficients are held.`);
}
