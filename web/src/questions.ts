/**
 * The guided questions (TEACHING.md, "The questions learners ask"): each opens the view that answers it,
 * sets up what the answer needs, and says it in a few sentences with numbers from the current data where
 * it can.
 */
import type { FitResponse } from "./protocol.js";
import type { LabState, ViewId } from "./state.js";
import { formatValue } from "./panel.js";
import { plural } from "./words.js";
import type { AtLambda } from "./views/data.js";
import type { Evidence } from "./evidence.js";
import { relaxNote } from "./relax.js";
import { SWAP_CORRELATION, type StabilityResult } from "../../src/index.js";
import { selectionWords, stableSetWords, swapWords } from "./views/stability.js";

export interface QuestionContext {
  readonly state: LabState;
  readonly fit: FitResponse | null;
  readonly at: AtLambda | null;
  /** The explanation layer's evidence at the current λ, when at hand. */
  readonly evidence: Evidence | null;
  /** The drop-cost panel's words at the current λ, once its refits have run. */
  readonly dropWords?: string | null;
  /** The words of the question's own view on the loaded data (cost, df, standardize), once computed. */
  readonly viewWords?: string | null;
  /** The half-samples of the stability view, once fitted. */
  readonly stability?: StabilityResult | null;
}

/** Said while a view's refits on the loaded data are still running. */
function working(what: string): string {
  return `Working out ${what} on your data at this λ… (the answer's numbers appear here when it is done).`;
}

export interface Question {
  readonly id: string;
  readonly text: string;
  readonly view: ViewId;
  /** Settings the answer needs (applied when the question is opened). */
  readonly setup?: (state: LabState) => Partial<LabState>;
  /** The answer, as paragraphs. */
  readonly answer: (ctx: QuestionContext) => string[];
}

function nonzero(at: AtLambda | null): number {
  return at ? at.beta.reduce((n, b) => n + (b !== 0 ? 1 : 0), 0) : 0;
}

function firstEntered(fit: FitResponse | null): string | null {
  if (!fit) return null;
  for (const step of fit.path.beta) {
    for (let i = 0; i < step.index.length; i++) if (step.value[i] !== 0) return fit.path.features[step.index[i]!]!;
  }
  return null;
}

type Explained = Evidence["explanation"];
type Coefficient = Explained["coefficients"][number];

/**
 * The price the active coefficients meet, in numbers: λ·α for the lasso; for α < 1 the lasso part plus the
 * ridge part that grows with |β̃| (TEACHING.md §1); for ridge why nothing is exactly zero.
 */
export function priceSentence(e: Explained, active: readonly Coefficient[], zeros: readonly Coefficient[]): string {
  const miss = zeros[0];
  const nearest = miss ? ` The nearest miss is ${miss.feature}, whose pull ${formatValue(miss.absPull)} is short of the lasso part by ${formatValue(miss.margin ?? 0)}: lower λ a little and it enters.` : "";
  const big = [...active].sort((a, b) => Math.abs(b.ridge) - Math.abs(a.ridge))[0]!;
  const parts = `${big.feature}'s pull ${formatValue(big.absPull)} = lasso part ${formatValue(big.price)} + ridge part ${formatValue(Math.abs(big.ridge))}`;
  if (e.alpha === 1) return `The price is λ·α = ${formatValue(e.lambda * e.alpha)}; ${active.map((c) => c.feature).join(", ")} have pull equal to it.${nearest.replace(" of the lasso part", "")}`;
  if (e.alpha === 0)
    return `This is ridge (α = 0): the lasso part of the price, λ·α, is 0, so leaving zero costs nothing and every coefficient with any pull at all is nonzero; none reaches exactly zero. What holds each back is the ridge part λ·v·|β̃|, which grows with the coefficient until it equals the pull: ${parts}. Raise α above 0 to see coefficients held at exactly zero.`;
  return `With α = ${formatValue(e.alpha, 2)} the price has two parts: the lasso part λ·α = ${formatValue(e.lambda * e.alpha)}, the cost of leaving zero, and the ridge part λ·(1−α)·v·|β̃|, which grows with the coefficient. A coefficient in the model has pull equal to their sum (${parts}); one at zero has no ridge part, so its pull only has to stay below the lasso part.${nearest}`;
}

/** Question 4 on the loaded data: the correlated pairs and how the half-samples choose between them. */
function correlatedWords(r: StabilityResult): string {
  const swaps = swapWords(r);
  if (swaps) return swaps;
  const pair = r.swaps[0];
  const none = pair
    ? `${pair.a} and ${pair.b} are correlated (r = ${formatValue(pair.correlation, 2)}), but at λ = ${formatValue(r.lambdaAt)} no half-sample selects either of them alone; lower λ and the choice between them appears.`
    : `No two of your variables correlate strongly enough to stand in for each other (|r| above ${formatValue(SWAP_CORRELATION, 2)}), so no pair swaps here.`;
  return `${none} ${selectionWords(r, r.lambdaAt)}`;
}

export const QUESTIONS: readonly Question[] = [
  {
    id: "which",
    text: "How does it know which coefficients matter?",
    view: "pull",
    answer: ({ fit, at, state, evidence }) => {
      const e = evidence?.explanation;
      const zeros = e ? e.coefficients.filter((c) => c.status === "zero").sort((a, b) => (a.margin ?? 0) - (b.margin ?? 0)) : [];
      const active = e ? e.coefficients.filter((c) => c.status === "active") : [];
      return [
        "At the solution every coefficient is held by two forces: the pull of the data (how much the fit would improve per unit of that coefficient) and the price of the penalty, λ·α to leave zero (plus, for α < 1, a ridge part that grows with the coefficient). A coefficient is nonzero exactly when its pull exceeds λ·α; a bar short of the line stays at zero.",
        fit && at
          ? fit.path.alpha === 0
            ? `Here, at λ = ${formatValue(at.lambda)}, ${nonzero(at)} of ${plural(fit.path.features.length, "variable")} ${nonzero(at) === 1 ? "is" : "are"} nonzero: ridge has no order of entry, every coefficient leaves zero together below the top of the path.`
            : `Here, at λ = ${formatValue(at.lambda)}, ${nonzero(at)} of ${plural(fit.path.features.length, "variable")} ${nonzero(at) === 1 ? "pays its" : "pay their"} price. The first to enter as λ falls was ${firstEntered(fit) ?? "none"}: the one whose pull was largest at the top of the path${state.standardize ? " (after standardizing)" : ""}.`
          : "",
        e && active.length ? priceSentence(e, active, zeros) : "",
        "Move the slider and watch a grey bar grow to the line: at that λ its variable appears in the paths chart.",
      ];
    },
  },
  {
    id: "zeros",
    text: "Why does the lasso give exact zeros and ridge not?",
    view: "cost",
    answer: ({ viewWords }) => [
      "Because the lasso's penalty has a kink at zero and ridge's has none. Hold every other coefficient at the solution and draw the cost along one: the lasso adds λ·α·|β|, which rises at slope λ·α on both sides of zero, so unless the data's slope at zero (its pull) is steeper than that price, every step off zero costs more than it gains and the minimum sits exactly at zero. Ridge adds a smooth bowl, flat at zero: any pull at all moves the minimum off zero.",
      viewWords ?? working("the cost along one coefficient"),
      "Choose another coefficient above the chart, or set α to 0 to see ridge's bowl. The Geometry tab shows the same in two dimensions (the diamond's corners), and the optimizer race shows that only soft-thresholding solvers land on exactly zero.",
    ],
  },
  {
    id: "edge",
    text: "Couldn't the ellipse touch the diamond's edge instead of a corner?",
    view: "geometry",
    setup: () => ({ rho: 0, betaHat: [2, 1.6], budget: 1 }),
    answer: () => [
      "Yes. Here β̂ = (2, 1.6) with uncorrelated predictors: the smallest ellipse meets the diamond on its edge, both coefficients survive, each shrunk. A corner wins only when β̂ lies in the wedge that points at it; drag β̂ toward an axis, or raise the correlation, and watch the solution snap to the corner.",
      "The sentence under the pictures counts how many directions of β̂ land on a corner: many for the diamond, almost none for the disk.",
    ],
  },
  {
    id: "correlated",
    text: "Which of two correlated predictors is kept, and why can it change?",
    view: "stability",
    answer: ({ stability }) => [
      "When two predictors are strongly correlated, each can stand in for the other: the lasso's price makes paying for both wasteful, so it keeps the one with the slightly larger pull in this sample. A different sample tips the balance, and the other one is kept. The stability view refits your data on many half-samples of its rows and counts how often each is kept.",
      stability ? correlatedWords(stability) : working("the selections over half-samples"),
      "The elastic net's ridge part pulls correlated coefficients toward each other (the grouping effect): lower α in the settings to see it on your data. The Simulation tab's 'correlated' scenario shows the same on made-up data with a known truth.",
    ],
  },
  {
    id: "standardize",
    text: "Must I standardize?",
    view: "standardize",
    answer: ({ state, viewWords }) => [
      "The penalty charges |β_j| in the units of x_j. Measure a variable in millimetres instead of metres and its coefficient becomes 1000 times smaller, so it becomes far cheaper to keep. Standardizing puts every variable on the same footing; coefficients are still reported in the original units.",
      viewWords ?? working("the fits with and without standardizing"),
      `Standardizing is ${state.standardize ? "on" : "off"} in the settings now; the view fits both ways whatever the checkbox says.`,
    ],
  },
  {
    id: "lambda",
    text: "λ_min or λ_1se?",
    view: "cv",
    answer: ({ fit }) => {
      const cv = fit?.cv;
      return [
        "λ_min gives the smallest cross-validated error. λ_1se is the largest λ whose error is within one standard error of that minimum: a simpler model that cross-validation cannot tell apart from the best one. It is sparser and more stable, often slightly worse at prediction.",
        cv
          ? `Here λ_min = ${formatValue(cv.lambdaMin)} keeps ${plural(cv.nzero[cv.indexMin]!, "variable")} and λ_1se = ${formatValue(cv.lambda1se)} keeps ${cv.nzero[cv.index1se]}. Use the two buttons by the slider to compare them.`
          : "",
      ];
    },
  },
  {
    id: "bias",
    text: "The surviving coefficients are too small: why, and what can I do?",
    view: "table",
    answer: ({ evidence }) => {
      const shrunk = evidence ? evidence.explanation.coefficients.filter((c) => c.shrunkFraction !== null) : [];
      return [
        "The lasso shrinks the coefficients it keeps toward zero by about λ: that bias is the price of the lower variance. The relaxed lasso refits the selected variables without penalty (or blends the two fits), keeping the selection and removing most of the shrinkage.",
        shrunk.length ? `At this λ: ${relaxNote(evidence!.explanation.coefficients, 0)}` : "",
        "The table's relaxed column shows the refit beside each penalized coefficient; its relax γ control blends the two as glmnet does, γ·β + (1−γ)·β_relaxed (cv.glmnet's relax = TRUE chooses γ by cross-validation).",
      ];
    },
  },
  {
    id: "df",
    text: "How can the degrees of freedom be the number of nonzeros?",
    view: "df",
    answer: ({ at, viewWords }) => [
      "Two effects cancel: choosing the variables adaptively costs degrees of freedom, shrinking the survivors gives some back. For the lasso the count of nonzero coefficients is an unbiased estimate of the degrees of freedom (Zou, Hastie and Tibshirani, 2007). Degrees of freedom are Σ Cov(ŷ_i, y_i)/σ²: how strongly the fit follows each outcome; the view measures that on your rows by simulation.",
      viewWords ?? (at ? `${working("the degrees of freedom")} The count of nonzeros at this λ is ${nonzero(at)}.` : working("the degrees of freedom")),
    ],
  },
  {
    id: "ridge",
    text: "What does ridge do if it does not select?",
    view: "spectrum",
    setup: () => ({ alpha: 0 }),
    answer: ({ evidence }) => [
      evidence?.spectrum ? `Here ridge at λ = ${formatValue(evidence.lambda)} keeps ${evidence.spectrum.d2.length} directions with effective degrees of freedom ${formatValue(evidence.spectrum.df, 3)}.` : "",
      "Ridge chooses directions, not variables. It shrinks the fit along each principal direction of the data by d²/(d² + nλ): the directions in which the data vary little are shrunk most. The sum of these factors is ridge's effective degrees of freedom.",
    ],
  },
  {
    id: "resample",
    text: "Why did the selected set change when I resampled?",
    view: "stability",
    answer: ({ stability, state }) => [
      "A selection is a statistic of the sample and varies with it, most of all among correlated variables and among those whose pull is close to the price. The stability view refits your data on many half-samples of its rows: a variable selected in nearly all of them is a finding, one selected in some is the sample's choice.",
      stability && state.lambda !== null ? `${selectionWords(stability, state.lambda)} ${stableSetWords(stability)}` : working("the selections over half-samples"),
      "When a noise variable is well explained by the true ones (the irrepresentable condition fails), the lasso picks it with high probability however much data there is: the Simulation tab plants a known truth on your own rows and evaluates that condition for your X.",
    ],
  },
  {
    id: "matters",
    text: "Why doesn't it throw away one that matters?",
    view: "drop",
    answer: ({ evidence, dropWords }) => [
      "Because throwing it away would cost more than it saves. At the solution, drop a kept variable and refit at the same λ: the data's pull on it at zero then exceeds its price, so zero is not a solution, and the training deviance rises by what the variable was buying. A variable whose drop costs nothing would already be at zero.",
      evidence && dropWords ? dropWords : "The refits without each variable run once λ rests; the chart shows the rise in deviance each drop would cost (blue) and what forcing each zero one in would gain (grey).",
    ],
  },
];
