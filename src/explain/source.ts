/**
 * Explain a path fitted from a source, at one λ, without the rows in memory.
 *
 * Gaussian: the pulls, prices, deviances and correlations explain reads depend on the rows only through
 * the moments, so it reads rows made to have them (source/moment-rows.ts), 2(p + 1) of them, in place
 * of the source's.
 *
 * Binomial and Poisson: the pulls Σ w̄·x̃_j·(y − μ) depend on the rows beyond their moments, through μ.
 * One aggregation pass in the engine (source/irls-pass.ts) sums them at each solution explain reads (the
 * explained one, the path's first and the null model); a λ off the path is refitted by IRLS passes, warm
 * along the path's λs above it. The scales and correlations still come from rows with the moments.
 */
import { OptionError } from "../errors.js";
import type { Path } from "../solve/types.js";
import { coefficientsAt } from "../solve/predict.js";
import { sourceMoments, type SourceCv } from "../source/fit.js";
import { rowsWithMoments } from "../source/moment-rows.js";
import type { Engine, SourceStats } from "../source/scan.js";
import { fitGlmFromSource, glmSetup, checkGlmSource } from "../source/irls.js";
import { passOf, rawPasses, type ModelPoint } from "../source/irls-pass.js";
import { explain, stepOf, type Explanation, type LambdaChoice, type RowsElsewhere } from "./explain.js";
import { checkArguments, fieldsRule, stringsRule, optionsRule, objectRule, checkedWhereUsed, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";
import { engineRule } from "../source/arguments.js";

/** The explanation of a source's gaussian path at λ (a number, or λ_min / λ_1se of the source's cross-validation). */
export function explainFromStats(stats: SourceStats, path: Path, options: { readonly lambda: LambdaChoice; readonly cv?: SourceCv }): Explanation {
  checkArguments("explainFromStats", { stats, path, options }, { stats: STATS, path: pathRule, options: optionsRule(SOURCE_EXPLAIN_OPTIONS, true) });
  if (path.family !== "gaussian") {
    throw new OptionError(`explainFromStats reads the statistics of a gaussian fit; a ${path.family} fit's pulls need a pass over the rows at the solution: explainGlmFromSource(engine, stats, path, options)`, "family");
  }
  const lambda = chosenLambda(options);
  const e = explain(path, rowsWithMoments(sourceMoments(stats)), { lambda });
  return { ...e, lambdaLabel: typeof options.lambda === "number" ? null : options.lambda };
}

/** λ as a number: given, or λ_min / λ_1se of the source's cross-validation. */
function chosenLambda(options: { readonly lambda: LambdaChoice; readonly cv?: SourceCv }): number {
  const choice = options.lambda;
  if (choice !== "lambdaMin" && choice !== "lambda1se") return choice;
  if (options.cv === undefined) throw new OptionError(`lambda "${choice}" needs the source's cross-validation: pass cv (from cvFromStats or cvGlmFromSource)`, "lambda");
  return options.cv[choice];
}

/**
 * The explanation of a source's binomial or Poisson path at λ, as explain gives it on the rows: the
 * solution at λ (the path's step, or a refit by IRLS passes when λ is not on the path), then one pass
 * for the pulls at it, at the path's first solution and at the null model.
 */
export async function explainGlmFromSource(engine: Engine, stats: SourceStats, path: Path, options: { readonly lambda: LambdaChoice; readonly cv?: SourceCv }): Promise<Explanation> {
  checkArguments("explainGlmFromSource", { engine, stats, path, options }, { engine: engineRule, stats: STATS, path: pathRule, options: optionsRule(SOURCE_EXPLAIN_OPTIONS, true) });
  const s = path.settings;
  const fitOptions = { family: s.family, alpha: s.alpha, standardize: s.standardize, penaltyFactor: s.penaltyFactor, thresh: s.thresh, maxit: s.maxit };
  const family = checkGlmSource(stats, fitOptions);
  const lambda = chosenLambda(options);
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new OptionError(`lambda must be a finite number ≥ 0, "lambdaMin" or "lambda1se", got ${String(options.lambda)}`, "lambda");
  const moments = sourceMoments(stats);
  const p = moments.names.length;

  // The solution explain will read at λ: the path's own step, or (off the path, or the null first
  // step of a default ridge path) a refit warm-started down the path's λs above it, as explain refits.
  let step = stepOf(path, lambda);
  if (step === 0 && !s.userLambda && s.alpha === 0) step = -1;
  let refitted: Path | null = null;
  if (step < 0) {
    const above = Array.from(path.lambda).filter((l) => l > lambda);
    const warm = await fitGlmFromSource(engine, stats, { ...fitOptions, lambda: [...above, lambda] });
    const k = warm.lambda.length - 1;
    refitted = { ...warm, lambda: warm.lambda.slice(k), intercept: warm.intercept.slice(k), beta: warm.beta.slice(k), df: warm.df.slice(k), devRatio: warm.devRatio.slice(k) };
  }
  const solution = refitted ?? path;
  const at = refitted ? 0 : step;

  // The points whose pulls explain reads, as explain's standardization sees the rows: x̃_j = (x_j − x̄_j)/s_j.
  const centre = moments.xMean;
  const scale = Float64Array.from({ length: p }, (_, j) => (s.standardize && moments.xx[j * p + j] > 0 ? Math.sqrt(moments.xx[j * p + j]) : 1));
  const nullB0 = glmSetup(family, moments, fitOptions).b0;
  const points = [
    { a0: solution.intercept[at], beta: coefficientsAt(solution, at) },
    { a0: path.intercept[0], beta: coefficientsAt(path, 0) },
    { a0: nullB0, beta: new Float64Array(p) },
  ];
  const models: ModelPoint[] = points.map(({ a0, beta }) => ({
    b0: beta.reduce((b0, b, j) => b0 + b * centre[j], a0), beta: beta.map((b, j) => b * scale[j]), centre, scale, S: [],
  }));
  const plan = { family, measure: null, centre, group: null };
  const sums = (await rawPasses(engine, stats, plan, models)).get("all")!;
  const pulls = new Map(points.map((pt, k) => [pointKey(pt.a0, pt.beta), passOf(sums[k], models[k], centre, stats.total.weightSum).g]));

  const elsewhere: RowsElsewhere = {
    pullsAt(a0, beta) {
      const g = pulls.get(pointKey(a0, beta));
      if (g === undefined) throw new Error(`explainGlmFromSource: explain read the pulls at a solution the source's pass did not sum (intercept ${a0})`);
      return g;
    },
    nullPulls: pulls.get(pointKey(nullB0, new Float64Array(p)))!,
    // On the path, the solution IRLS reached at λ is the source's refit (its passes converge to the Newton tolerance).
    refit: (l) => {
      if (refitted !== null && l === lambda) return refitted;
      const k = stepOf(path, l);
      if (k < 0) throw new Error(`explainGlmFromSource: explain asked for a refit at λ = ${l}, which was not fitted`);
      return { ...path, lambda: path.lambda.slice(k, k + 1), intercept: path.intercept.slice(k, k + 1), beta: path.beta.slice(k, k + 1), df: path.df.slice(k, k + 1), devRatio: path.devRatio.slice(k, k + 1) };
    },
  };
  const rows = rowsWithMoments(moments);
  const e = explain(path, { x: rows.x, y: rows.y, elsewhere }, { lambda });
  return { ...e, lambdaLabel: typeof options.lambda === "number" ? null : options.lambda };
}

/** A solution as a lookup key: its intercept and coefficients, exactly. */
function pointKey(a0: number, beta: ArrayLike<number>): string {
  return `${a0}|${Array.from(beta).join(",")}`;
}

const STATS = fieldsRule("a source's statistics, from scanSource(engine, roles)", { names: stringsRule });

/** explainFromStats's options: λ (checked by resolveLambda) and the source's cross-validation. */
const SOURCE_EXPLAIN_OPTIONS: Schema<{ lambda: LambdaChoice; cv?: SourceCv }> = { lambda: checkedWhereUsed, cv: objectRule("a source's cross-validation, from cvFromStats or cvGlmFromSource") };
