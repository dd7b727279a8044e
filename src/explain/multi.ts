/**
 * Why each variable of a multi-response fit is in or out, at one λ: every variable has K pulls, one per
 * class (or response), g_jk = x̃_jᵀW(y_k − μ_k) on the standardized scale, the datafit's slope the
 * penalty must balance. Ungrouped multinomial: each (variable, class) coefficient meets its own price
 * λ·α·v_j, so a variable can separate some classes and not others. Grouped multinomial and mgaussian:
 * a variable enters for every class at once, when the length of its K pulls reaches λ·α·v_j.
 */
import { OptionError } from "../errors.js";
import type { ModelMatrix } from "../data/matrix.js";
import { multiFamilyOf } from "../model/families/multi.js";
import { normalizePenaltyFactors } from "../model/penalty.js";
import { coefMulti } from "../solve/multi/predict.js";
import type { MultiPath } from "../solve/multi/types.js";

export type MultiStatus = "kept" | "zero" | "unpenalized" | "excluded" | "constant";

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
  const { x, y } = data;
  const { n, p } = x;
  const K = path.classes.length;
  const family = multiFamilyOf(path.family);
  const { intercept, beta } = coefMulti(path, lambda);
  const w0 = data.weights ? Float64Array.from(data.weights) : new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  // r_ik = w̄_i (y_ik − μ_ik): the residual the pulls are products with.
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
  const vp = normalizePenaltyFactors(Array.from(path.settings.penaltyFactor, (v) => (v === Infinity ? 1 : v)));
  const entry = entryLambdas(path);
  const variables = path.features.map((feature, j): MultiVariableEvidence => {
    const col = x.data.subarray(j * n, (j + 1) * n);
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * col[i];
    if (!path.settings.intercept) m = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[i] * (col[i] - (path.settings.intercept ? m : 0)) ** 2;
    const sd = Math.sqrt(ss);
    const scale = path.settings.standardize ? sd : 1;
    const pulls = Array.from({ length: K }, (_, k) => {
      let g = 0;
      for (let i = 0; i < n; i++) g += r[k][i] * (col[i] - m);
      return sd > 0 ? g / scale : 0;
    });
    const coefficients = Array.from({ length: K }, (_, k) => beta[k][j]);
    const pullSize = path.grouped ? Math.hypot(...pulls) : Math.max(...pulls.map(Math.abs));
    const price = lambda * path.alpha * vp[j];
    const classes = path.classes.filter((_, k) => coefficients[k] !== 0);
    const status: MultiStatus = !(sd > 0) ? "constant" : path.settings.penaltyFactor[j] === Infinity ? "excluded" : vp[j] === 0 ? "unpenalized" : classes.length > 0 ? "kept" : "zero";
    const evidence = { feature, coefficients, pulls, pullSize, price, status, classes, entryLambda: entry[j] };
    return { ...evidence, words: variableWords(evidence, path) };
  });
  const entryOrder = variables.filter((v) => v.entryLambda !== null).sort((a, b) => (b.entryLambda as number) - (a.entryLambda as number)).map((v) => v.feature);
  const kept = variables.filter((v) => v.status === "kept" || v.status === "unpenalized").length;
  const words = [
    path.grouped
      ? `At λ = ${fmt(lambda)}, ${kept} of ${p} variables are in, each for every ${path.family === "mgaussian" ? "response" : "class"} at once: a variable enters when the length of its ${K} pulls reaches its price λ·α·v.`
      : `At λ = ${fmt(lambda)}, ${kept} of ${p} variables are in for at least one class: each (variable, class) coefficient leaves zero when its own pull reaches the price λ·α·v.`,
    ...(entryOrder.length > 0 ? [`Entry order along the path: ${entryOrder.slice(0, 10).join(", ")}${entryOrder.length > 10 ? ", …" : ""}.`] : []),
  ];
  return { family: path.family, grouped: path.grouped, lambda, classes: path.classes, intercept: Array.from(intercept), variables, entryOrder, words };
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
  if (e.status === "constant") return `${e.feature} is constant: it cannot separate anything, and its coefficients are 0.`;
  if (e.status === "excluded") return `${e.feature} is excluded from the fit.`;
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
