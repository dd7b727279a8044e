import { DataError } from "../../errors.js";
import type { Family } from "../family.js";
import { checkOutcomeRows, constantOutcome } from "./rows.js";

/**
 * Gaussian: ½·Σ w(y − η)²/n, the identity link. glmnet's elnet fits it by least squares on rows scaled
 * by √w, with y standardized inside; devRatio is R².
 */
export const gaussian: Family = {
  name: "gaussian",
  solver: "least-squares",
  link: "identity",
  mean: (eta) => eta,
  response: (eta) => eta,
  variance: () => 1,
  unitDeviance: (y, mu) => (y - mu) ** 2,
  nullIntercept(y, w, offset) {
    let m = 0;
    for (let i = 0; i < y.length; i++) m += w[i] * (offset ? y[i] - offset[i] : y[i]);
    return m;
  },
  checkResponse(y, weights) {
    const constant = constantOutcome(y, weights);
    if (constant !== null) throw new DataError(`the outcome has zero variance: every row has the value ${constant}, so there is nothing to fit`);
    checkOutcomeRows(y);
  },
  offsetProblem: () => null,
  dataWarnings: () => [],
  pathWarnings: () => [],
  // elnet: the relative gain in R² below fdev.
  earlyStop(dev, fdev) {
    const k = dev.length - 1;
    return dev[k] - dev[k - 1] < fdev * dev[k];
  },
  saturated: () => false,
  measures: ["mse", "mae"],
  defaultMeasure: "mse",
  pointError: (measure, y, eta) => (measure === "mae" ? Math.abs(y - eta) : (y - eta) ** 2),
  classify: null,
  devianceName: "variance",
  outcome: "numeric",
  dispersion: true,
  etaWords: (target) => target,
  // y = η + σε.
  simulate: { noise: "normal", draw: (eta, noise, sigma) => eta + sigma * noise },
};
