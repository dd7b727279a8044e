/**
 * Explain a gaussian path fitted from a source's statistics, at one λ, without the rows: the pulls,
 * prices, deviances and correlations explain reads depend on the rows only through the moments, so it
 * reads rows made to have them (source/moment-rows.ts), 2(p + 1) of them, in place of the source's.
 */
import { OptionError } from "../errors.js";
import type { Path } from "../solve/types.js";
import { sourceMoments, type SourceCv } from "../source/fit.js";
import { rowsWithMoments } from "../source/moment-rows.js";
import type { SourceStats } from "../source/scan.js";
import { explain, type Explanation, type LambdaChoice } from "./explain.js";
import { checkArguments, fieldsRule, stringsRule, optionsRule, objectRule, checkedWhereUsed, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";

/** The explanation of a source's gaussian path at λ (a number, or λ_min / λ_1se of the source's cross-validation). */
export function explainFromStats(stats: SourceStats, path: Path, options: { readonly lambda: LambdaChoice; readonly cv?: SourceCv }): Explanation {
  checkArguments("explainFromStats", { stats, path, options }, { stats: fieldsRule("a source's statistics, from scanSource(engine, roles)", { names: stringsRule }), path: pathRule, options: optionsRule(SOURCE_EXPLAIN_OPTIONS, true) });
  if (path.family !== "gaussian") {
    throw new OptionError(`explain from a source reads the statistics of a gaussian fit; a ${path.family} fit's pulls need a pass over the rows at the solution (not done yet)`, "family");
  }
  const choice = options.lambda;
  const chosen = choice === "lambdaMin" || choice === "lambda1se";
  if (chosen && options.cv === undefined) throw new OptionError(`lambda "${choice}" needs the source's cross-validation: pass cv (from cvFromStats)`, "lambda");
  const lambda = chosen ? options.cv![choice] : choice;
  const e = explain(path, rowsWithMoments(sourceMoments(stats)), { lambda });
  return { ...e, lambdaLabel: chosen ? choice : null };
}

/** explainFromStats's options: λ (checked by resolveLambda) and the source's cross-validation. */
const SOURCE_EXPLAIN_OPTIONS: Schema<{ lambda: LambdaChoice; cv?: SourceCv }> = { lambda: checkedWhereUsed, cv: objectRule("a source's cross-validation, from cvFromStats") };
