/**
 * `plot` for the multi-response families (--family multinomial [--grouped], --family mgaussian): the
 * coefficient paths one panel per class (or response), the CV curve, and pull versus price at --lambda.
 */
import { cvMultiPath } from "../cv/multi-cv.js";
import { OptionError } from "../errors.js";
import type { MultiFamilyName } from "../model/multi-family.js";
import { cvCurveSpec, type ChartSpec } from "../plot/index.js";
import { multiPathSpec, multiPullSpec } from "../plot/multi.js";
import { numberOption, stringOption, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { explainMultiFromArgs, fitMulti, loadMultiData, multiCvOptionsFrom, multiFitOptionsFrom, multiOutcome } from "./multi.js";

/** The kinds drawn for these families. */
export const MULTI_KINDS = ["path", "cv", "pull"] as const;

/** The chart of one kind for a multi-response fit; its notes go to `notes`. */
export function multiChartSpec(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName, kind: string): ChartSpec {
  if (!(MULTI_KINDS as readonly string[]).includes(kind)) throw new OptionError(`--kind ${kind} is not drawn for --family ${family} yet: use ${MULTI_KINDS.join(", ")}`, "kind");
  for (const option of ["xvar", "scale"]) {
    if (args.values.has(option)) throw new OptionError(`--${option} is not supported for --family ${family}`, option);
  }
  const size: { width?: number; height?: number } = {};
  const width = numberOption(args, "width");
  if (width !== undefined) size.width = width;
  const height = numberOption(args, "height");
  if (height !== undefined) size.height = height;
  const model = { family };
  if (kind === "pull") {
    const { path, e } = explainMultiFromArgs(args, io, usage, family);
    return multiPullSpec({ family: path.family, grouped: path.grouped, classes: e.classes, lambda: e.lambda, variables: e.variables }, size);
  }
  const lambdaText = stringOption(args, "lambda");
  const rest: ParsedArgs = { ...args, values: new Map([...args.values].filter(([k]) => k !== "lambda")) };
  const data = loadMultiData(rest, io, usage, family);
  if (kind === "cv" || lambdaText === "min" || lambdaText === "1se") {
    const cv = cvMultiPath(data.design.x, multiOutcome(data), multiCvOptionsFrom(rest, data));
    for (const warning of [...cv.path.warnings, ...cv.warnings]) io.stderr(`shrinkage: note: ${warning}\n`);
    const marked = lambdaText === "min" ? cv.lambdaMin : lambdaText === "1se" ? cv.lambda1se : lambdaText !== undefined ? Number(lambdaText) : null;
    if (kind === "cv") return cvCurveSpec(cv, { ...size, model, lambda: lambdaText === undefined || lambdaText === "min" || lambdaText === "1se" ? null : marked });
    return multiPathSpec(cv.path, { ...size, model, lambda: marked });
  }
  const marked = lambdaText !== undefined ? Number(lambdaText) : null;
  if (marked !== null && !(marked >= 0)) throw new OptionError(`--lambda: ${JSON.stringify(lambdaText)} is not a number ≥ 0, min or 1se`, "lambda");
  const path = fitMulti(data, multiFitOptionsFrom(rest, data));
  for (const warning of path.warnings) io.stderr(`shrinkage: note: ${warning}\n`);
  return multiPathSpec(path, { ...size, model, lambda: marked });
}
