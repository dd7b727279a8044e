import { OptionError } from "../errors.js";
import type { DesignSpec } from "./design.js";
import { checkArguments, stringValue } from "../data/arguments.js";

/** A ready-made design that makes one point about when the lasso finds the truth. */
export interface Scenario {
  readonly name: string;
  /** One line: the set-up and what happens. */
  readonly description: string;
  readonly spec: DesignSpec;
}

/** Σ = I except one noise variable (index `noise`) correlated `r` with each of the `true` ones. */
function oneConfoundedNoiseVariable(p: number, truth: readonly number[], noise: number, r: number): number[][] {
  const sigma: number[][] = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k ? 1 : 0)));
  for (const j of truth) {
    sigma[j][noise] = r;
    sigma[noise][j] = r;
  }
  return sigma;
}

/** Σ = I except predictors 0 and 1, correlated r. */
function correlatedPair(p: number, r: number): number[][] {
  const sigma: number[][] = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k ? 1 : 0)));
  sigma[0][1] = r;
  sigma[1][0] = r;
  return sigma;
}

/** The named simulation scenarios (`shrinkage simulate --scenario NAME`). */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "strong",
    description: "5 strong signals among 100 independent predictors, n = 200 ≫ s·log p: at a suitable λ the lasso selects exactly the true set (λ_min, tuned for prediction, adds a few noise variables).",
    spec: { n: 200, p: 100, s: 5, size: 1, signs: "alternating", positions: "spread", sigma: 1 },
  },
  {
    name: "weak",
    description: "10 true coefficients of 0.15 among 50 predictors, noise σ = 1, n = 100: the signals sit below the noise and the lasso drops true ones.",
    spec: { n: 100, p: 50, s: 10, size: 0.15, positions: "spread", sigma: 1 },
  },
  {
    name: "correlated",
    description: "x1 and x2 are both true and correlated 0.99: the lasso often keeps only one of them, and which one changes from sample to sample (the elastic net keeps both).",
    spec: { n: 100, p: 20, s: 2, size: 1, positions: [0, 1], sigma: 2, correlation: { type: "custom", covariance: correlatedPair(20, 0.99) } },
  },
  {
    name: "irrepresentable",
    description: "Noise variable x4 is correlated 0.5 with each of the true x1, x2, x3 (irrepresentable value 1.5 > 1): the lasso selects x4 even with n = 1000.",
    spec: {
      n: 1000, p: 10, s: 3, size: 1, positions: [0, 1, 2], sigma: 1,
      correlation: { type: "custom", covariance: oneConfoundedNoiseVariable(10, [0, 1, 2], 3, 0.5) },
    },
  },
  {
    name: "dense",
    description: "All 50 predictors have small effects (0.2, signs alternating), n = 100: there is no sparse truth, and ridge predicts better than the lasso.",
    spec: { n: 100, p: 50, s: 50, size: 0.2, signs: "alternating", sigma: 1 },
  },
];

/** The scenario called `name`, or an OptionError listing the names there are. */
export function scenario(name: string): Scenario {
  checkArguments("scenario", { name }, { name: stringValue });
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new OptionError(`scenario must be one of ${SCENARIOS.map((s) => s.name).join(", ")}; got "${name}"`, "scenario");
  return found;
}
