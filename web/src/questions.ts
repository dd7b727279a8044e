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

export interface QuestionContext {
  readonly state: LabState;
  readonly fit: FitResponse | null;
  readonly at: AtLambda | null;
  /** The explanation layer's evidence at the current λ, when at hand. */
  readonly evidence: Evidence | null;
  /** The drop-cost panel's words at the current λ, once its refits have run. */
  readonly dropWords?: string | null;
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
    view: "geometry",
    answer: () => [
      "With one variable the answers are formulas: the lasso shifts the estimate toward zero by λ and stops at zero (the soft threshold), so any |β̂| ≤ λ becomes exactly 0; ridge divides by 1 + λ, which is never zero. The pictures show the same in two dimensions: the diamond has corners on the axes, the disk has none.",
      "Solvers exploit this: see the optimizer race, where only the soft-thresholding solvers land on exactly zero.",
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
    view: "simulate",
    setup: () => ({ scenario: "correlated" }),
    answer: () => [
      "When two true predictors are strongly correlated, each can stand in for the other: the lasso's price makes paying for both wasteful, so it keeps the one with the slightly larger pull in this sample. A different sample tips the balance, and the other one is kept. Run the 'correlated' scenario and look at how often each is selected.",
      "The elastic net's ridge part pulls correlated coefficients toward each other (the grouping effect): lower α in the settings to see it on your data.",
    ],
  },
  {
    id: "standardize",
    text: "Must I standardize?",
    view: "paths",
    answer: ({ state }) => [
      "The penalty charges |β_j| in the units of x_j. Measure a variable in millimetres instead of metres and its coefficient becomes 1000 times smaller, so it becomes far cheaper to keep. Standardizing puts every variable on the same footing; coefficients are still reported in the original units.",
      `Standardizing is ${state.standardize ? "on" : "off"} now: switch the checkbox and watch the order in which variables enter the paths change.`,
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
    view: "paths",
    answer: ({ at }) => [
      "Two effects cancel: choosing the variables adaptively costs degrees of freedom, shrinking the survivors gives some back. For the lasso the count of nonzero coefficients is an unbiased estimate of the degrees of freedom (Zou, Hastie and Tibshirani, 2007).",
      at ? `At the current λ that is ${nonzero(at)}; the numbers along the top of the paths chart are this count at each λ.` : "",
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
    view: "simulate",
    setup: () => ({ scenario: "irrepresentable" }),
    answer: () => [
      "A selection is a statistic of the sample and varies with it, most of all among correlated variables. And when a noise variable is well explained by the true ones (the irrepresentable condition fails), the lasso picks it with high probability however much data there is. The simulation shows the condition's value beside the recovery rate.",
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
