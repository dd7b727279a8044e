/**
 * The cross-validation curve, as glmnet's plot(cv.glmnet(...)): the mean cross-validated error at each λ
 * with ±1 standard-error bars against log λ, λ_min and λ_1se marked, and the number of nonzero
 * coefficients along the top.
 */
import * as Plot from "@observablehq/plot";
import { familyOf, isFamilyName } from "../model/families/index.js";
import {
  axisTickFormat,
  besideX,
  chartFrame,
  describeModel,
  drawChart,
  formatNumber,
  formatTick,
  nearestIndex,
  niceTicks,
  offRangeMark,
  textWidth,
  type ChartOptions,
  type ChartSpec,
  type OffRange,
  framedSpec,
} from "./common.js";
import { checkArguments, optionsRule, booleanRule, stringValue, optional, stringRule, type Rule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, cvInputRule } from "./arguments.js";
import { OptionError } from "../errors.js";

/** What the chart reads; a CvResult (src/cv/cv.ts) has all these fields. */
export interface CvCurveInput {
  readonly lambda: ArrayLike<number>;
  /** Mean cross-validated error per λ. */
  readonly cvm: ArrayLike<number>;
  /** Its standard error per λ. */
  readonly cvsd: ArrayLike<number>;
  /** Number of nonzero coefficients per λ (of the full-data fit). */
  readonly nzero: ArrayLike<number>;
  readonly lambdaMin: number;
  readonly lambda1se: number;
  /** "mse", "mae", "deviance", "class", "auc", or any readable name (used as given). */
  readonly measure: string;
  /** The fitted path, read only for its family ("Binomial deviance"); a CvResult has it. */
  readonly path?: { readonly family: string };
}

/** Options of the cross-validation curve chart: a λ to mark beside λ_min and λ_1se, its size. */
export interface CvCurveOptions extends ChartOptions {
  /** Large λ on the left, as in the path chart (default true); false is glmnet's orientation. */
  readonly reverse?: boolean;
  /** An extra marker at the λ currently selected (the lab's slider); null or undefined: none. */
  readonly lambda?: number | null;
  /** Add a pointer tip with the values at the nearest λ (default true; interactive in the browser). */
  readonly tip?: boolean;
}

/** Margins beyond the header band: the nonzero-count axis on top, the log λ axis below. */
const CV_MARGIN_TOP = 42;
const CV_MARGIN_BOTTOM = 40;

/** Axis names cv.glmnet uses for its measures. */
const MEASURE_NAMES: Readonly<Record<string, string>> = {
  mse: "Mean-squared error",
  mae: "Mean absolute error",
  deviance: "Deviance",
  class: "Misclassification error",
  auc: "AUC",
};

/**
 * The y-axis label for a measure: cv.glmnet's name for the known keys (deviance named after the family, as
 * "Binomial deviance"), the string itself otherwise.
 */
export function measureName(measure: string, family?: string): string {
  checkArguments("measureName", { measure, family }, { measure: stringValue, family: optional(stringValue) });
  // Not a family whose deviance is a sum of squares (gaussian's share of the "variance"): plain "Deviance".
  if (measure === "deviance" && family && (!isFamilyName(family) || familyOf(family).devianceName === "deviance")) {
    return `${family[0]!.toUpperCase()}${family.slice(1)} deviance`;
  }
  return MEASURE_NAMES[measure] ?? measure;
}

interface CvRow {
  readonly lambda: number;
  readonly x: number;
  readonly cvm: number;
  readonly lo: number;
  readonly hi: number;
  readonly nzero: number;
}

/** One row per λ with a finite log λ and error. */
function cvRows(cv: CvCurveInput): CvRow[] {
  const rows: CvRow[] = [];
  for (let k = 0; k < cv.lambda.length; k++) {
    const lambda = cv.lambda[k]!;
    const cvm = cv.cvm[k]!;
    const sd = cv.cvsd[k]!;
    if (!(lambda > 0 && Number.isFinite(cvm))) continue;
    const half = Number.isFinite(sd) ? sd : 0;
    rows.push({ lambda, x: Math.log(lambda), cvm, lo: cvm - half, hi: cvm + half, nzero: cv.nzero[k]! });
  }
  return rows;
}

/** Positions kept, in the given order, so that neighbouring labels are at least `gap` px apart. */
function thinnedPositions(xs: readonly number[], toPx: (x: number) => number, gap: number): number[] {
  const kept: number[] = [];
  for (const x of xs) if (!kept.length || Math.abs(toPx(x) - toPx(kept[kept.length - 1]!)) >= gap) kept.push(x);
  return kept;
}

/** The Plot spec of the cross-validation curve (pure: no DOM). */
export function cvCurveSpec(cv: CvCurveInput, options: CvCurveOptions = {}): ChartSpec {
  checkArguments("cvCurveSpec", { cv, options }, { cv: cvInputRule, options: optionsRule(CV_CHART_OPTIONS) });
  const reverse = options.reverse ?? true;
  const rows = cvRows(cv);
  const name = measureName(cv.measure, cv.path?.family);
  const iMin = nearestIndex(cv.lambda, cv.lambdaMin);
  const i1se = nearestIndex(cv.lambda, cv.lambda1se);
  const nzMin = cv.nzero[iMin] ?? NaN;
  const nz1se = cv.nzero[i1se] ?? NaN;
  const frame = chartFrame(options, {
    title: "Cross-validation curve",
    subtitle: `λ_min = ${formatNumber(cv.lambdaMin)} (${nzMin} nonzero), λ_1se = ${formatNumber(cv.lambda1se)} (${nz1se} nonzero)`,
    bodyHeight: 400,
    margins: CV_MARGIN_TOP + CV_MARGIN_BOTTOM,
  });
  const marginTop = frame.header.height + CV_MARGIN_TOP;
  const marginBottom = CV_MARGIN_BOTTOM;
  // Room for the y tick labels as Plot formats them ("300,000,000") and the rotated axis label beside them.
  let yLo = Infinity;
  let yHi = -Infinity;
  for (const r of rows) {
    yLo = Math.min(yLo, r.lo);
    yHi = Math.max(yHi, r.hi);
  }
  // Errors of a millions-scale outcome read better as 6.50e+13 than as 65,000,000,000,000.
  const yAxis = axisTickFormat(niceTicks(yLo, yHi, 10));
  const marginLeft = Math.max(64, yAxis.width + 34);
  const marginRight = 20;

  // The x domain is the curve's (λ_min and λ_1se are on it); a selected λ beyond it is noted at the edge
  // it lies past, not drawn out there with the curve squeezed aside.
  const marked = [cv.lambdaMin, cv.lambda1se].filter((l) => l > 0).map(Math.log);
  const allX = [...rows.map((r) => r.x), ...marked];
  let xLo = Math.min(...allX);
  let xHi = Math.max(...allX);
  const drawn = rows.map((r) => r.lambda);
  const selected = options.lambda ?? null;
  const offRange: OffRange | null =
    selected === null || !drawn.length ? null : selected > Math.max(...drawn) * (1 + 1e-12) ? "above" : selected < Math.min(...drawn) * (1 - 1e-12) ? "below" : null;
  if (!(xLo < xHi)) {
    xLo = (Number.isFinite(xLo) ? xLo : 0) - 1;
    xHi = xLo + 2;
  }
  const innerWidth = Math.max(1, frame.width - marginLeft - marginRight);
  const toPx = (x: number) => ((x - xLo) / (xHi - xLo)) * innerWidth;
  const nzeroAt = new Map(rows.map((r) => [r.x, r.nzero]));
  const topTicks = thinnedPositions(rows.map((r) => r.x), toPx, 24);
  const bottomTicks = niceTicks(xLo, xHi, Math.max(2, Math.round(innerWidth / 90)));
  const capHalf = (xHi - xLo) * 0.006;
  const caps = rows.flatMap((r) => [
    { x1: r.x - capHalf, x2: r.x + capHalf, y: r.lo },
    { x1: r.x - capHalf, x2: r.x + capHalf, y: r.hi },
  ]);
  const rule = (lambda: number, className: string, label: string, dash: string) => [
    Plot.ruleX([Math.log(lambda)], { stroke: "currentColor", strokeDasharray: dash, className, ariaDescription: label }),
    Plot.text([label], {
      x: Math.log(lambda),
      frameAnchor: "top",
      lineAnchor: "top",
      dy: className === "lambda-1se" ? 16 : 4,
      className: `${className}-label`,
      // Right of the rule, or left of it when the label would leave the plot (λ_min at the path's end).
      render: besideX("right"),
    }),
  ];

  const marks: Plot.Markish[] = [
    Plot.axisX({ anchor: "bottom", ticks: bottomTicks, tickFormat: formatTick, label: "log(λ)", labelAnchor: "center", labelArrow: "none" }),
    Plot.axisX({
      anchor: "top",
      ticks: topTicks,
      tickFormat: (x: number) => String(nzeroAt.get(x) ?? ""),
      tickSize: 0,
      label: "Nonzero coefficients",
      labelAnchor: "center",
      labelArrow: "none",
      labelOffset: 30,
    }),
    Plot.axisY({ anchor: "left", ...(yAxis.format ? { tickFormat: yAxis.format } : {}), label: name, labelAnchor: "center", labelArrow: "none", labelOffset: marginLeft - 14 }),
    Plot.gridY({ strokeOpacity: 0.06 }),
    Plot.ruleX(rows, { x: "x", y1: "lo", y2: "hi", stroke: "#9a9a9a", className: "cv-error-bar" }),
    Plot.link(caps, { x1: "x1", x2: "x2", y1: "y", y2: "y", stroke: "#9a9a9a", className: "cv-error-cap", ariaHidden: "true" }),
    Plot.dot(rows, {
      x: "x",
      y: "cvm",
      fill: "#d62728",
      r: 2.5,
      className: "cv-mean",
      title: (r: CvRow) => `λ = ${formatNumber(r.lambda)}\n${name} = ${formatNumber(r.cvm)} ± ${formatNumber(r.hi - r.cvm)}\n${r.nzero} nonzero`,
    }),
    ...rule(cv.lambdaMin, "lambda-min", "λ_min", "4 3"),
    ...rule(cv.lambda1se, "lambda-1se", "λ_1se", "2 3"),
  ];
  if (selected !== null && offRange !== null) {
    // Small λs are drawn on the right unless the axis is in glmnet's orientation.
    const smallSide = reverse ? "right" : "left";
    const edge = offRange === "below" ? smallSide : smallSide === "right" ? "left" : "right";
    const bound = offRange === "below" ? Math.min(...drawn) : Math.max(...drawn);
    // Below the λ_min and λ_1se labels at the top; a λ above the path goes to the bottom, under the curve's
    // high end (the error falls from the null model's).
    const place = { maxWidth: innerWidth - 8, ...(offRange === "below" ? { dy: 30 } : { vertical: "bottom" as const }) };
    marks.push(offRangeMark(selected, offRange, bound, edge, "lambda-marker-outside", place));
  } else if (selected !== null && selected > 0) {
    marks.push(Plot.ruleX([Math.log(selected)], { stroke: "#4269d0", strokeWidth: 1.5, className: "lambda-marker", ariaDescription: "the selected λ" }));
  }
  if (options.tip ?? true) {
    marks.push(
      Plot.tip(
        rows,
        Plot.pointerX({
          x: "x",
          y: "cvm",
          title: (r: CvRow) => `λ = ${formatNumber(r.lambda)}\n${name} = ${formatNumber(r.cvm)} ± ${formatNumber(r.hi - r.cvm)}\n${r.nzero} nonzero`,
        }),
      ),
    );
  }

  return framedSpec(
    frame,
    {
      marginTop,
      marginBottom,
      marginLeft,
      marginRight,
      style: { overflow: "visible" },
      x: { domain: [xLo, xHi], reverse, label: null, inset: 6 },
      y: { label: null, nice: true },
      marks,
    },
    frame.header.title ?? "Cross-validation curve",
    describeModel(options.model, describeCv(cv, name, rows, nzMin, nz1se)),
  );
}

/** The text alternative: the range of the curve and the two chosen λs with their error and size. */
function describeCv(cv: CvCurveInput, name: string, rows: readonly CvRow[], nzMin: number, nz1se: number): string {
  if (!rows.length) return `Cross-validated ${name}: no finite values.`;
  const at = (lambda: number) => cv.cvm[nearestIndex(cv.lambda, lambda)]!;
  return (
    `Cross-validated ${name} with ±1 standard-error bars at ${rows.length} values of λ, ` +
    `from ${formatNumber(rows[0]!.lambda)} down to ${formatNumber(rows[rows.length - 1]!.lambda)}. ` +
    `λ_min = ${formatNumber(cv.lambdaMin)} gives ${formatNumber(at(cv.lambdaMin))} with ${nzMin} nonzero coefficients; ` +
    `λ_1se = ${formatNumber(cv.lambda1se)}, the largest λ within one standard error of the minimum, ` +
    `gives ${formatNumber(at(cv.lambda1se))} with ${nz1se} nonzero coefficients.`
  );
}

/** The cross-validation chart as an SVG element (the browser's document by default). */
export function cvCurveChart(cv: CvCurveInput, options: CvCurveOptions = {}): SVGSVGElement {
  checkArguments("cvCurveChart", { cv, options }, { cv: cvInputRule, options: optionsRule(CV_CHART_OPTIONS) });
  return drawChart(cvCurveSpec(cv, options), options.document);
}

/** A λ to mark, or null for none. */
const LAMBDA_MARK: Rule = (v, name) => {
  if (v !== null && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new OptionError(`${name} must be a finite number ≥ 0 or null, got ${String(v)}`, name);
};

/** The options of the CV curve chart (CvCurveOptions), each with its rule. */
const CV_CHART_OPTIONS: Schema<CvCurveOptions> = { ...CHART_OPTIONS, reverse: booleanRule, lambda: LAMBDA_MARK, tip: booleanRule };
