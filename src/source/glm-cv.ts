/**
 * Cross-validation of a binomial or Poisson path from a source, as cvPath does it in memory: the full
 * path first (irls.ts), then every fold's path on the full path's λs, the folds fitted side by side so
 * that each IRLS pass serves all of them: one query GROUP BY fold, in which fold k's model is summed
 * over every fold's rows. Its training sums are those of the other folds; its sums on its own fold are
 * its held-out error (the family's pointError, as cv.glmnet's), so the errors come from the same passes.
 */
import { chooseLambda, weightedMeanAndSe } from "../cv/choose.js";
import { checkMeasure } from "../cv/measures.js";
import { inFold } from "../cv/folds.js";
import { OptionError } from "../errors.js";
import type { FitOptions } from "../solve/types.js";
import type { SourceCv } from "./fit.js";
import { sourceMoments } from "./fit.js";
import type { PassPlan } from "./irls-pass.js";
import { checkGlmSource, fitGlmFromSource, glmPath, glmSetup, type GlmSteps } from "./irls.js";
import { runSideBySide, type SideModel } from "./side-by-side.js";
import type { Engine, SourceStats } from "./scan.js";
import { addSums, momentsFromSums } from "./sums.js";
import { checkArguments, optionsRule, optional, functionRule, stringValue, type Schema } from "../data/arguments.js";
import { FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import { statsRule, engineRule } from "./arguments.js";

/** K-fold cross-validation of a binomial or Poisson path from a source: deviance, mse, mae or class. */
export async function cvGlmFromSource(
  engine: Engine, stats: SourceStats, options: FitOptions & { measure?: string }, onProgress?: (message: string) => void,
): Promise<SourceCv> {
  checkArguments("cvGlmFromSource", { engine, stats, options, onProgress }, { engine: engineRule, stats: statsRule, options: optionsRule(SOURCE_CV_OPTIONS), onProgress: optional(functionRule) });
  const folds = stats.folds;
  if (folds === null || stats.group === null) throw new OptionError("cross-validation needs the statistics grouped by fold (foldid or foldKey)", "foldid");
  const { measure: asked, ...fitOptions } = options;
  const family = checkGlmSource(stats, fitOptions);
  const measure = checkMeasure(asked ?? family.defaultMeasure, family);
  if (measure === "auc") throw new OptionError("--measure auc ranks each held-out row's prediction; from a source's statistics deviance, mse, mae or class can be cross-validated", "measure");
  const path = await fitGlmFromSource(engine, stats, fitOptions, onProgress);
  const K = folds.size;
  const models: SideModel<GlmSteps>[] = [];
  for (let k = 1; k <= K; k++) {
    const train = addSums(stats.total, folds.get(k)!, -1);
    const where = `fold ${k}'s training rows`;
    const setup = inFold(k, folds.get(k)!.n, () => glmSetup(family, momentsFromSums(train, stats.shift, stats.names), { ...fitOptions, lambda: path.lambda }, where));
    const steps = glmPath(setup);
    models.push({ fold: k, W: train.weightSum, steps });
  }
  const plan: PassPlan = { family, measure, centre: sourceMoments(stats).xMean, group: stats.group };
  const done = await runSideBySide(engine, stats, plan, models, (round, open) => onProgress?.(`cross-validating: pass ${round}, ${open} of ${K} folds still fitting`));
  return summarize(path, done, stats, measure);
}

/** cvm and cvsd (cv.glmnet's grouped summary), λ_min and λ_1se, from each fold's held-out error sums. */
function summarize(path: SourceCv["path"], folds: readonly GlmSteps[], stats: SourceStats, measure: SourceCv["measure"]): SourceCv {
  const L = path.lambda.length;
  const K = folds.length;
  const gw = Float64Array.from(folds, (_, k) => stats.folds!.get(k + 1)!.weightSum);
  const cvm = new Float64Array(L);
  const cvsd = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const err = Float64Array.from(folds, (f, k) => f.heldOut[Math.min(l, f.heldOut.length - 1)] / gw[k]);
    ({ mean: cvm[l], se: cvsd[l] } = weightedMeanAndSe(err, gw));
  }
  const { indexMin, index1se } = chooseLambda(cvm, cvsd, false);
  return {
    path, measure, lambda: path.lambda, cvm, cvsd, nzero: path.df,
    lambdaMin: path.lambda[indexMin], lambda1se: path.lambda[index1se], indexMin, index1se,
    foldRows: Array.from({ length: K }, (_, k) => stats.folds!.get(k + 1)!.n), warnings: [],
  };
}

/** cvGlmFromSource's options: fitPath's and the measure. */
const SOURCE_CV_OPTIONS: Schema<FitOptions & { measure?: string }> = { ...FIT_OPTIONS_SCHEMA, measure: stringValue };
