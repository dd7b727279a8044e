/**
 * explain and plot for an MCP or SCAD fit: the price curve at the chosen λ and where each coefficient
 * sits on it (explain/price.ts), instead of the elastic net's evidence table.
 */
import type { ParsedArgs } from "./args.js";
import { stringOption } from "./args.js";
import type { CommandIO } from "./command.js";
import { emit, stringifyJson, summaryLine } from "./common.js";
import { formatTable, signif } from "./format.js";
import { nearestLambdaIndex, priceReading, priceWords, type PriceReading } from "../explain/price.js";
import type { LambdaChoice } from "../explain/explain.js";
import type { CvResult } from "../cv/cv.js";
import type { Path } from "../solve/types.js";
import type { LoadedData } from "./common.js";

/** What explain and plot fitted (commands/explain.ts's FittedForExplain, which imports this file). */
interface Fitted {
  readonly data: LoadedData;
  readonly path: Path;
  readonly cv: CvResult | null;
  readonly choice: LambdaChoice | null;
  readonly fitMs: number;
}

/** True when the path is ncvreg's (MCP or SCAD), which these readings explain. */
export function isConcavePath(f: { readonly path: { readonly penalty?: string } }): boolean {
  return f.path.penalty === "mcp" || f.path.penalty === "scad";
}

/** The price reading at the chosen λ: a number (nearest path λ), λ_min or λ_1se of cv.ncvreg. */
export function priceFor(f: Fitted): PriceReading {
  const choice = f.choice ?? "lambda1se";
  const lambda = typeof choice === "number" ? choice : f.cv ? f.cv[choice] : f.path.lambda[f.path.lambda.length - 1];
  const { x, y } = f.data.design;
  return priceReading(f.path, x, y, nearestLambdaIndex(f.path, lambda));
}

/** `explain` of an MCP or SCAD fit: table, words, or the reading as JSON. */
export function explainPrices(args: ParsedArgs, io: CommandIO, f: Fitted): void {
  const r = priceFor(f);
  if (stringOption(args, "format") === "json") {
    emit(args, io, stringifyJson({
      penalty: r.penalty, gamma: r.gamma, alpha: r.alpha, lambda: r.lambda, stationary: r.stationary,
      coefficients: r.points.map((q) => ({ ...q })), curve: { size: r.curve.size, price: r.curve.price },
    }));
    return;
  }
  const table = formatTable(
    ["", "standardized", "pull", "own price", "curvature", "where"],
    r.points.map((q) => [
      q.feature, q.standardized === 0 ? "." : signif(q.standardized), signif(Math.abs(q.pull)), signif(q.price), signif(q.curvature),
      q.standardized === 0 ? "at zero" : q.beyond ? "beyond γλ: unshrunk" : "shrunk",
    ]),
  );
  emit(args, io, [summaryLine(f.path, f.data, f.fitMs), `explained at λ = ${signif(r.lambda)} (path index ${r.index + 1})`, "", table, "", ...priceWords(r, (v) => signif(v)), ""].join("\n"));
}
