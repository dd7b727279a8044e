/**
 * Drop costs of a path fitted from a source (drop.ts: what dropping each kept variable would cost, what
 * forcing each zero one in would gain, at one λ), without the rows in memory.
 *
 * Gaussian: every refit is the covariance solver on the statistics (fitPathFromMoments), x_j left out or
 * unpenalized and λ rescaled as drop.ts does (withFactor); its deviance from the statistics; with the
 * scan grouped by fold, its cross-validated error from the per-fold statistics as cvFromStats computes
 * cvm; the pulls from rows with the moments (moment-rows.ts). No further scan.
 *
 * Binomial and Poisson: the full refit at λ, then every variable's refit, by IRLS passes in the engine,
 * side by side (one query per Newton step serves them all), warm-started from the path's solution at λ
 * (the nearest λ above it when λ is off the path), then from the full refit's; each refit's deviance and
 * pulls come from its last pass. With the scan grouped by fold, each refit is also fitted on every
 * fold's training rows in the same passes (K + 1 models per refit), its held-out error summed there, as
 * cvGlmFromSource does it.
 */
import { weightedMeanAndSe } from "../cv/choose.js";
import { checkMeasure } from "../cv/measures.js";
import { inFold } from "../cv/folds.js";
import { OptionError } from "../errors.js";
import type { Family, Measure } from "../model/family.js";
import { fitPathFromMoments } from "../solve/moments.js";
import { coefficientsAt } from "../solve/predict.js";
import type { FitOptions, Path } from "../solve/types.js";
import { cvFromStats, sourceMoments } from "../source/fit.js";
import { rowsWithMoments } from "../source/moment-rows.js";
import type { Engine, SourceStats } from "../source/scan.js";
import { checkGlmSource, glmAt, glmSetup, onDataScale, standardizedStart, type GlmSolution } from "../source/irls.js";
import { runSideBySide, type SideModel } from "../source/side-by-side.js";
import { addSums, momentsFromSums } from "../source/sums.js";
import type { Moments } from "../solve/moments.js";
import {
  checkDropLambda, dropBase, dropColumns, dropCostOf, dropCostsWith, dropRefits,
  type DropBaseline, type DropCosts, type DropRefitResult,
} from "./drop.js";
import { stepOf } from "./explain.js";
import { columnScaling, normalizedWeights, pullsFromResidual, weightedResidual, type ColumnScaling, type DatafitSettings } from "./kkt.js";
import { checkArguments, optionsRule, optional, functionRule, nonNegativeNumber, numberRule, objectRule, arrayOfRule, countRule, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";
import { engineRule, statsRule } from "../source/arguments.js";

/** Options of the drop costs from a source: as dropCosts's, the folds being the scan's own. */
export interface SourceDropOptions {
  /** The λ of the solution (e.g. Explanation.lambda). */
  readonly lambda: number;
  /** Cross-validate every refit on the folds the statistics are grouped by, with this measure (the family's default). */
  readonly cv?: { readonly measure?: Measure };
  /** Which variables (indices): default every one that is neither excluded nor constant. */
  readonly features?: readonly number[];
  /** Gaussian refits' convergence threshold (1e-12); binomial and Poisson refits run Newton steps to the path's tolerance. */
  readonly thresh?: number;
}

/** The fit options of the path, as a source refits them (no weights or offset: the statistics hold them). */
function sourceRefitOptions(path: Path): FitOptions {
  const s = path.settings;
  return { family: s.family, alpha: s.alpha, standardize: s.standardize, intercept: s.intercept, penaltyFactor: s.penaltyFactor, thresh: s.thresh, maxit: s.maxit };
}

/** The scales, sds and constant columns as explain reads them, from rows with the moments. */
function momentScaling(path: Path, m: Moments): { rows: ReturnType<typeof rowsWithMoments>; w: Float64Array; settings: DatafitSettings; scaling: ColumnScaling } {
  const rows = rowsWithMoments(m);
  const s = path.settings;
  const settings: DatafitSettings = { family: s.family, standardize: s.standardize, intercept: s.intercept };
  const w = normalizedWeights(rows.x.n);
  return { rows, w, settings, scaling: columnScaling(rows.x, w, settings) };
}

function checkFolds(stats: SourceStats, options: SourceDropOptions): void {
  if (options.cv !== undefined && (stats.folds === null || stats.group === null)) {
    throw new OptionError("cross-validating the drop costs needs the statistics grouped by fold (scan with foldid or foldKey)", "foldid");
  }
}

/** What dropping each kept variable (forcing in each zero one) costs at λ, for a source's gaussian path, from its statistics. */
export function dropCostsFromStats(stats: SourceStats, path: Path, options: SourceDropOptions): DropCosts {
  checkArguments("dropCostsFromStats", { stats, path, options }, { stats: statsRule, path: pathRule, options: optionsRule(SOURCE_DROP_OPTIONS, true) });
  if (path.family !== "gaussian") {
    throw new OptionError(`dropCostsFromStats refits a gaussian fit from the statistics; a ${path.family} fit refits by passes over the rows: dropCostsGlmFromSource(engine, stats, path, options)`, "family");
  }
  checkFolds(stats, options);
  const moments = sourceMoments(stats);
  const { rows, w, settings, scaling } = momentScaling(path, moments);
  const cv = options.cv;
  return dropCostsWith(path, dropBase(sourceRefitOptions(path), path, options.thresh), {
    names: stats.names, scaling,
    fit: (refit) => fitPathFromMoments(moments, refit),
    cvError: (refit) => {
      if (!cv) return null;
      const r = cvFromStats(stats, { ...refit, measure: cv.measure });
      return { error: r.cvm[0], measure: r.measure };
    },
    pullsAt: (a0, beta) => pullsFromResidual(rows.x, scaling, weightedResidual(rows.x, rows.y, w, settings, a0, beta)),
  }, options);
}

/** One refit's models: on all rows, and (cross-validating) on each fold's training rows, at λ from a start on the data's scale. */
interface RefitModels {
  readonly all: SideModel<GlmSolution>;
  readonly folds: SideModel<GlmSolution>[];
  readonly allSetup: ReturnType<typeof glmSetup>;
}

/** What the GLM refits share: the source, its family and moments, the folds, and how the pulls are scaled. */
interface GlmDropContext {
  readonly stats: SourceStats;
  readonly family: Family;
  readonly moments: Moments;
  readonly scaling: ColumnScaling;
  readonly cv: boolean;
}

function refitModels(c: GlmDropContext, settings: FitOptions, start: { a0: number; beta: ArrayLike<number> }): RefitModels {
  const lambda = settings.lambda![0];
  const model = (m: Moments, fold: number | null, W: number, where?: string): { model: SideModel<GlmSolution>; setup: ReturnType<typeof glmSetup> } => {
    const setup = glmSetup(c.family, m, settings, where);
    return { model: { fold, W, steps: glmAt(setup, standardizedStart(setup, start.a0, start.beta), lambda) }, setup };
  };
  const all = model(c.moments, null, c.stats.total.weightSum);
  const folds = !c.cv ? [] : [...c.stats.folds!.keys()].sort((a, b) => a - b).map((k) => {
    const train = addSums(c.stats.total, c.stats.folds!.get(k)!, -1);
    return inFold(k, c.stats.folds!.get(k)!.n, () => model(momentsFromSums(train, c.stats.shift, c.stats.names), k, train.weightSum, `fold ${k}'s training rows`).model);
  });
  return { all: all.model, folds, allSetup: all.setup };
}

/** A refit's outcome from its models' solutions: data-scale coefficients, deviance, pulls (explain's scale), CV error. */
function refitResult(c: GlmDropContext, models: RefitModels, all: GlmSolution, folds: readonly GlmSolution[]): DropRefitResult & { a0: number } {
  const { a0, beta } = onDataScale(models.allSetup, all.b0, all.beta);
  const pulls = all.answer.pass.g.map((g, j) => (c.scaling.constant[j] ? 0 : (g * models.allSetup.scale[j]) / c.scaling.scale[j]));
  let cvError: number | null = null;
  if (c.cv) {
    const keys = [...c.stats.folds!.keys()].sort((x, y) => x - y);
    const gw = Float64Array.from(keys, (k) => c.stats.folds!.get(k)!.weightSum);
    cvError = weightedMeanAndSe(Float64Array.from(folds, (f, i) => f.answer.heldOut / gw[i]), gw).mean;
  }
  return { a0, beta, deviance: all.answer.pass.dev * c.stats.total.weightSum, pulls, cvError };
}

/** Models summed in one query: more, and planning the query costs more than scanning again (side-by-side.ts). */
const MODELS_PER_QUERY = 8;

/** Fit every refit's models side by side, one pass per round for all of them; each refit's result. */
async function fitSideBySide(engine: Engine, c: GlmDropContext, measure: Measure | null, refits: readonly RefitModels[], say: (round: number, open: number) => void) {
  const models = refits.flatMap((r) => [r.all, ...r.folds]);
  const plan = { family: c.family, measure, centre: c.moments.xMean, group: c.cv ? c.stats.group : null };
  const done = await runSideBySide(engine, c.stats, plan, models, say, MODELS_PER_QUERY);
  const per = 1 + (refits[0]?.folds.length ?? 0);
  return refits.map((r, i) => refitResult(c, r, done[i * per], done.slice(i * per + 1, (i + 1) * per)));
}

/**
 * What dropping each kept variable (forcing in each zero one) costs at λ, for a source's binomial or
 * Poisson path: refits by IRLS passes in the engine (see the module comment), cross-validated on the
 * scan's folds when options.cv is given.
 */
export async function dropCostsGlmFromSource(
  engine: Engine, stats: SourceStats, path: Path, options: SourceDropOptions, onProgress?: (message: string) => void,
): Promise<DropCosts> {
  checkArguments("dropCostsGlmFromSource", { engine, stats, path, options, onProgress }, {
    engine: engineRule, stats: statsRule, path: pathRule, options: optionsRule(SOURCE_DROP_OPTIONS, true), onProgress: optional(functionRule),
  });
  const lambda = options.lambda;
  checkDropLambda(lambda);
  checkFolds(stats, options);
  const base = sourceRefitOptions(path);
  const family = checkGlmSource(stats, base);
  const measure = options.cv ? checkMeasure(options.cv.measure ?? family.defaultMeasure, family) : null;
  if (measure === "auc") throw new OptionError("--measure auc ranks each held-out row's prediction; from a source deviance, mse, mae or class can be cross-validated", "measure");
  const moments = sourceMoments(stats);
  const c: GlmDropContext = { stats, family, moments, scaling: momentScaling(path, moments).scaling, cv: options.cv !== undefined };
  const say = (what: string) => (round: number, open: number) => onProgress?.(`${what}: pass ${round}, ${open} models still fitting`);

  // The full refit at λ, from the path's solution there (or at the nearest λ above it).
  const step = stepOf(path, lambda);
  const from = step >= 0 ? step : Math.max(0, Array.from(path.lambda).filter((l) => l > lambda).length - 1);
  const fullSettings = { ...base, lambda: [lambda] };
  const [full] = await fitSideBySide(engine, c, measure, [refitModels(c, fullSettings, { a0: path.intercept[from], beta: coefficientsAt(path, from) })], say("drop costs, the full refit"));
  const baseline: DropBaseline = {
    beta: full.beta, deviance: full.deviance, nullDeviance: path.nullDeviance, pulls: full.pulls,
    cv: measure === null ? null : { error: full.cvError!, measure },
  };

  // Every variable's refit, warm from the full refit.
  const usable = (j: number) => path.settings.penaltyFactor[j] !== Infinity && !c.scaling.constant[j];
  const refits = dropRefits(base, stats.names.length, full.beta, lambda, usable, options.features);
  const results = await fitSideBySide(engine, c, measure, refits.map((r) => refitModels(c, r.settings, full)), say(`drop costs, ${refits.length} refits`));
  const columns = dropColumns(path, stats.names, c.scaling.sd, lambda);
  const costs = refits.map((r, i) => dropCostOf(columns, baseline, r, results[i]));
  return { lambda, deviance: baseline.deviance, nullDeviance: baseline.nullDeviance, measure, cvError: baseline.cv?.error ?? null, costs, unfitted: [] };
}

/** The options of the drop costs from a source, each with its rule (SourceDropOptions). */
const SOURCE_DROP_OPTIONS: Schema<SourceDropOptions> = {
  lambda: nonNegativeNumber,
  cv: objectRule("{ measure? }: cross-validate each refit on the folds the statistics are grouped by"),
  features: arrayOfRule(countRule, "an array of feature positions"),
  thresh: numberRule({ above: 0 }),
};
