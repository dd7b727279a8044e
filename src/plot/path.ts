/**
 * Coefficient paths, as glmnet's plot(fit, xvar = "lambda" | "norm" | "dev"): one line per variable that
 * is ever nonzero, labelled at the end of the path, the number of nonzero coefficients along the top axis,
 * and a marker at a chosen λ.
 */
import * as Plot from "@observablehq/plot";
import { coefficientsAt } from "../solve/predict.js";
import { lambdaInterpolation } from "../solve/lambda-interpolation.js";
import type { Path } from "../solve/types.js";
import {
  axisTickFormat,
  besideX,
  chartFrame,
  describeModel,
  dodgePositions,
  drawChart,
  fitText,
  formatNumber,
  formatTick,
  nameRoom,
  nearestIndex,
  niceTicks,
  offRangeMark,
  textWidth,
  MIN_PLOT_HEIGHT,
  type ChartOptions,
  type ChartSpec,
  type OffRange,
  framedSpec,
} from "./common.js";
import { checkArguments, optionsRule, choiceRule, booleanRule, stringValue, numberRule, nonNegativeNumber, finiteNumber, type Rule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, pathInputRule } from "./arguments.js";

/** The parts of a Path the chart reads (a fitted Path, or a hand-made literal). */
export type PathInput = Pick<Path, "lambda" | "beta" | "features" | "df" | "devRatio">;

/** glmnet's xvar: log λ, the L1 norm of the coefficients, or the fraction of deviance explained. */
export type PathXvar = "lambda" | "norm" | "dev";

/** Options of the coefficient path chart: its x axis, a λ to mark, its size. */
export interface CoefficientPathOptions extends ChartOptions {
  readonly xvar?: PathXvar;
  /** Draw the marker (rule, dots at the coefficients, label) at this λ; null or undefined: no marker. */
  readonly lambda?: number | null;
  /**
   * For xvar "lambda": put large λ on the left so the model grows left to right, as for "norm" and "dev"
   * (default true). false gives glmnet's own orientation (log λ increasing to the right).
   */
  readonly reverse?: boolean;
  /** Label each curve with its feature name at the end of the path (default true). */
  readonly labels?: boolean;
  /** Add a pointer tip naming the variable and its value (default true; interactive in the browser). */
  readonly tip?: boolean;
  /** The y axis's label (default "Coefficient"; e.g. "Coefficient per SD of its feature"). */
  readonly yLabel?: string;
  /**
   * Raise the plot's height so that every curve gets a label row of its own, for up to this many curves
   * (default 0: labels share the default height, the largest first). 30 variables then stay legible.
   */
  readonly labelEvery?: number;
}

/** Px per curve label when every curve is labelled (the labels' font is 10 px). */
const LABEL_ROW = 13;

/** One point of one curve. */
export interface PathPoint {
  readonly variable: string;
  /** Index of the λ on the path. */
  readonly step: number;
  readonly lambda: number;
  readonly x: number;
  readonly beta: number;
}

/** Dense coefficients at any λ, linear in λ between fitted values as glmnet's coef(fit, s) does. */
export function coefficientsAtLambda(path: PathInput, lambda: number): Float64Array {
  checkArguments("coefficientsAtLambda", { path, lambda }, { path: pathInputRule, lambda: nonNegativeNumber });
  const { left, right, weight } = lambdaInterpolation(path.lambda, lambda);
  const a = coefficientsAt(path, left);
  if (left === right) return a;
  const b = coefficientsAt(path, right);
  return a.map((v, j) => weight * v + (1 - weight) * b[j]!);
}

function l1Norm(beta: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < beta.length; j++) s += Math.abs(beta[j]!);
  return s;
}

/** The x coordinate of each fitted λ for the chosen xvar. */
export function pathXValues(path: PathInput, xvar: PathXvar): Float64Array {
  const n = path.lambda.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    out[k] = xvar === "lambda" ? Math.log(path.lambda[k]!) : xvar === "norm" ? l1Norm(path.beta[k]!.value) : path.devRatio[k]!;
  }
  return out;
}

/**
 * The x coordinate of any λ: log λ, or the fitted x values ("norm", "dev") interpolated linearly in λ, so a
 * point at an interpolated λ lies on the drawn segment (the L1 norm itself is not linear in λ across a sign
 * change).
 */
export function pathXAtLambda(path: PathInput, xvar: PathXvar, lambda: number): number {
  checkArguments("pathXAtLambda", { path, xvar, lambda }, { path: pathInputRule, xvar: XVAR, lambda: nonNegativeNumber });
  if (xvar === "lambda") return Math.log(lambda);
  const xs = pathXValues(path, xvar);
  const { left, right, weight } = lambdaInterpolation(path.lambda, lambda);
  return weight * xs[left]! + (1 - weight) * xs[right]!;
}

/**
 * The λ at an x coordinate of the chart (for a click in the lab): exp(x) for "lambda"; for "norm" and "dev"
 * the λ where the path reaches x, linear between fitted λs, clamped to the path.
 */
export function lambdaAtPathX(path: PathInput, xvar: PathXvar, x: number): number {
  checkArguments("lambdaAtPathX", { path, xvar, x }, { path: pathInputRule, xvar: XVAR, x: finiteNumber });
  if (xvar === "lambda") return Math.exp(x);
  const xs = pathXValues(path, xvar);
  const n = xs.length;
  if (n === 0) return NaN;
  if (x <= xs[0]!) return path.lambda[0]!;
  for (let k = 1; k < n; k++) {
    if (xs[k]! >= x) {
      const t = (x - xs[k - 1]!) / (xs[k]! - xs[k - 1]! || 1);
      return path.lambda[k - 1]! + t * (path.lambda[k]! - path.lambda[k - 1]!);
    }
  }
  return path.lambda[n - 1]!;
}

/** Indices of the variables nonzero at some λ, in feature order. */
export function everNonzero(path: PathInput): number[] {
  checkArguments("everNonzero", { path }, { path: pathInputRule });
  const seen = new Set<number>();
  for (const step of path.beta) for (let i = 0; i < step.index.length; i++) if (step.value[i] !== 0) seen.add(step.index[i]!);
  return [...seen].sort((a, b) => a - b);
}

/** Index of the first λ at which each variable is nonzero (Infinity if never). */
function entrySteps(path: PathInput): number[] {
  const first = path.features.map(() => Infinity);
  path.beta.forEach((step, k) => {
    for (let i = 0; i < step.index.length; i++) {
      const j = step.index[i]!;
      if (step.value[i] !== 0 && first[j] === Infinity) first[j] = k;
    }
  });
  return first;
}

/** The curves as plain points: one series per ever-nonzero variable, λs with a finite x only. */
export function pathPoints(path: PathInput, xvar: PathXvar): PathPoint[] {
  checkArguments("pathPoints", { path, xvar }, { path: pathInputRule, xvar: XVAR });
  const xs = pathXValues(path, xvar);
  const variables = everNonzero(path);
  const points: PathPoint[] = [];
  for (const j of variables) {
    for (let k = 0; k < path.lambda.length; k++) {
      if (!Number.isFinite(xs[k]!)) continue; // log(0) for a user λ of 0
      const step = path.beta[k]!;
      let beta = 0;
      for (let i = 0; i < step.index.length; i++) if (step.index[i] === j) beta = step.value[i]!;
      points.push({ variable: path.features[j]!, step: k, lambda: path.lambda[k]!, x: xs[k]!, beta });
    }
  }
  return points;
}

/** [lo, hi] widened to multiples of a nice step, always containing 0 (coefficients start there). */
function niceDomain(lo: number, hi: number): [number, number] {
  lo = Math.min(lo, 0);
  hi = Math.max(hi, 0);
  if (lo === hi) return [-1, 1];
  const ticks = niceTicks(lo, hi, 6);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : Math.abs(hi - lo);
  return [Math.floor(lo / step - 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/** Margins beyond the header band: the df axis and its label on top, the x axis and its label below. */
const PATH_MARGIN_TOP = 42;
const PATH_MARGIN_BOTTOM = 40;

const X_LABELS: Record<PathXvar, string> = {
  lambda: "log(λ)",
  norm: "L1 norm of the coefficients",
  dev: "Fraction of deviance explained",
};

/** The Plot spec of the coefficient-path chart (pure: no DOM). */
export function coefficientPathSpec(path: PathInput, options: CoefficientPathOptions = {}): ChartSpec {
  checkArguments("coefficientPathSpec", { path, options }, { path: pathInputRule, options: optionsRule(PATH_CHART_OPTIONS) });
  const xvar = options.xvar ?? "lambda";
  const reverse = xvar === "lambda" && (options.reverse ?? true);
  const showLabels = options.labels ?? true;
  const n = path.lambda.length;
  const p = path.features.length;
  const variables = everNonzero(path);
  const names = variables.map((j) => path.features[j]!);
  const points = pathPoints(path, xvar);
  const xs = pathXValues(path, xvar);
  const finiteSteps = [...xs.keys()].filter((k) => Number.isFinite(xs[k]!));
  const lastStep = finiteSteps.length ? finiteSteps[finiteSteps.length - 1]! : 0;

  // The x domain is the path's: a λ beyond it is noted at the edge it lies past, not drawn out there with
  // the axes stretched over λs the path has no coefficients or df for.
  let xLo = Infinity;
  let xHi = -Infinity;
  for (const k of finiteSteps) {
    xLo = Math.min(xLo, xs[k]!);
    xHi = Math.max(xHi, xs[k]!);
  }
  const drawnLo = xLo;
  const drawnHi = xHi;
  const marker = options.lambda ?? null;
  const offRange = marker !== null && finiteSteps.length ? markerOffRange(path, xvar, finiteSteps, marker, drawnLo, drawnHi) : null;
  const markerX = marker !== null && offRange === null && finiteSteps.length ? pathXAtLambda(path, xvar, marker) : null;
  const markerBeta = markerX !== null ? coefficientsAtLambda(path, marker!) : null;
  if (!(xLo < xHi)) {
    xLo = (Number.isFinite(xLo) ? xLo : 0) - 1;
    xHi = xLo + 2;
  }
  let yLo = 0;
  let yHi = 0;
  for (const pt of points) {
    yLo = Math.min(yLo, pt.beta);
    yHi = Math.max(yHi, pt.beta);
  }
  const yDomain = niceDomain(yLo, yHi);

  const frame = chartFrame(options, {
    title: "Coefficient paths",
    subtitle: `${names.length} of ${p} variables enter along ${n} values of λ`,
    bodyHeight: 400,
    margins: PATH_MARGIN_TOP + PATH_MARGIN_BOTTOM,
    ...(showLabels && names.length <= (options.labelEvery ?? 0) && names.length * LABEL_ROW > MIN_PLOT_HEIGHT
      ? { minPlotHeight: names.length * LABEL_ROW, minReason: `a label row of ${LABEL_ROW} px for each of the ${names.length} curves` }
      : {}),
  });
  // Labels sit at the path's last λ: on the right unless log λ increases to the right (glmnet's own
  // orientation), where they sit on the left and the y axis moves to the right to make room.
  const labelsLeft = xvar === "lambda" && !reverse;
  // A reduction: a ridge path of a wide design has more lines than a call can spread.
  // Long names are shortened in the middle so that the labels take at most nameRoom of the width.
  const labelRoom = showLabels && names.length ? Math.min(names.reduce((w, s) => Math.max(w, textWidth(s)), 0) + 20, nameRoom(frame.width)) : 0;
  // Room for the y tick labels as Plot formats them ("−2,000"), and the rotated axis label beside them.
  const yAxis = axisTickFormat(niceTicks(yDomain[0], yDomain[1], 10));
  const yAxisRoom = yAxis.width + 30;
  const marginTop = frame.header.height + PATH_MARGIN_TOP;
  const marginBottom = PATH_MARGIN_BOTTOM;
  const marginLeft = labelsLeft ? labelRoom + 6 : yAxisRoom;
  const marginRight = labelsLeft ? yAxisRoom : Math.max(labelRoom, 20);

  const innerHeight = Math.max(1, frame.height - marginTop - marginBottom);
  const toPx = (v: number) => ((yDomain[1] - v) / (yDomain[1] - yDomain[0])) * innerHeight;
  const fromPx = (px: number) => yDomain[1] - (px / innerHeight) * (yDomain[1] - yDomain[0]);
  const lastBeta = n ? coefficientsAt(path, lastStep) : new Float64Array(p);
  const ends = variables.map((j) => lastBeta[j]!);
  // Label as many curves as fit one per 12 px, preferring those farthest from zero at the end of the path
  // (the rest are named by their tooltips and the text alternative).
  const spacing = names.length <= (options.labelEvery ?? 0) ? LABEL_ROW : 12;
  const capacity = Math.max(1, Math.floor(innerHeight / spacing));
  const labelled = variables
    .map((_, i) => i)
    .sort((a, b) => Math.abs(ends[b]!) - Math.abs(ends[a]!) || a - b)
    .slice(0, capacity)
    .sort((a, b) => a - b);
  const labelY = dodgePositions(labelled.map((i) => toPx(ends[i]!)), spacing, 0, innerHeight).map(fromPx);
  // Labels sit a short leader line away from the curve's end, outside the frame: 12 px in data units,
  // towards the margin the labels are in.
  const innerWidth = Math.max(1, frame.width - marginLeft - marginRight);
  const outward = (labelsLeft ? -1 : 1) * (reverse ? -1 : 1);
  const leader = (outward * 12 * (xHi - xLo)) / innerWidth;
  const labels = labelled.map((i, k) => ({
    variable: names[i]!,
    text: fitText(names[i]!, labelRoom - 20),
    x: xs[lastStep]!,
    y: ends[i]!,
    labelX: xs[lastStep]! + leader,
    labelY: labelY[k]!,
  }));

  const ticks = niceTicks(xLo, xHi, Math.max(2, Math.round((frame.width - marginLeft - marginRight) / 90)));
  // df only where the path has one: a one-λ path's domain is widened around it, and its df is at its λ.
  const slack = 1e-9 * Math.max(1, Math.abs(drawnLo), Math.abs(drawnHi));
  const dfTicks = !finiteSteps.length ? [] : drawnLo < drawnHi ? ticks.filter((t) => t >= drawnLo - slack && t <= drawnHi + slack) : [drawnLo];
  const dfAt = (x: number) => String(path.df[nearestIndex(xs, x)] ?? "");
  const colorDomain = names.length ? names : ["none"];

  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.25 }),
    Plot.axisX({ anchor: "bottom", ticks, tickFormat: formatTick, label: X_LABELS[xvar], labelAnchor: "center", labelArrow: "none" }),
    Plot.axisX({ anchor: "top", ticks: dfTicks, tickFormat: dfAt, label: "Nonzero coefficients (df)", labelAnchor: "center", labelArrow: "none", labelOffset: 30 }),
    Plot.axisY({ anchor: labelsLeft ? "right" : "left", ...(yAxis.format ? { tickFormat: yAxis.format } : {}), label: options.yLabel ?? "Coefficient", labelAnchor: "center", labelArrow: "none", labelOffset: yAxisRoom - 10 }),
    Plot.line(points, {
      x: "x",
      y: "beta",
      z: "variable",
      stroke: "variable",
      strokeWidth: 1.5,
      title: "variable",
      ariaLabel: "variable",
      className: "coefficient-path",
      ariaDescription: "one line per variable",
    }),
  ];
  if (showLabels) {
    marks.push(
      Plot.link(labels, {
        x1: "x",
        y1: "y",
        x2: "labelX",
        y2: "labelY",
        stroke: "variable",
        strokeOpacity: 0.5,
        strokeWidth: 0.75,
        strokeDasharray: "2 2",
        className: "curve-label-leader",
        ariaHidden: "true",
      }),
      Plot.text(labels, {
        x: "labelX",
        y: "labelY",
        text: "text",
        // a shortened name's full name, as a tooltip
        title: (d: { variable: string; text: string }) => (d.text === d.variable ? null : d.variable),
        fill: "variable",
        textAnchor: labelsLeft ? "end" : "start",
        dx: labelsLeft ? -3 : 3,
        className: "curve-label",
        ariaHidden: "true",
      }),
    );
  }
  let bound = NaN;
  if (marker !== null && offRange !== null) {
    // The end of the x axis where the smallest λ is drawn, on screen; the largest λ is at the other end.
    const smallEnd = (xs[lastStep]! > xs[finiteSteps[0]!]! ? "right" : "left") as "left" | "right";
    const flip = (e: "left" | "right") => (e === "left" ? "right" : "left");
    const smallSide = reverse ? flip(smallEnd) : smallEnd;
    const drawnLambda = finiteSteps.map((k) => path.lambda[k]!);
    bound = offRange === "below" ? Math.min(...drawnLambda) : Math.max(...drawnLambda);
    marks.push(offRangeMark(marker, offRange, bound, offRange === "below" ? smallSide : flip(smallSide), "lambda-marker-outside", { maxWidth: innerWidth - 8 }));
  }
  if (marker !== null && markerX !== null && Number.isFinite(markerX) && markerBeta) {
    const dots = variables.map((j) => ({ variable: path.features[j]!, x: markerX, beta: markerBeta[j]! }));
    marks.push(
      Plot.ruleX([markerX], { stroke: "currentColor", strokeWidth: 1, strokeDasharray: "4 3", className: "lambda-marker", ariaDescription: "the selected λ" }),
      Plot.dot(dots, {
        x: "x",
        y: "beta",
        fill: "variable",
        r: 3,
        title: (d: { variable: string; beta: number }) => `${d.variable}: ${formatNumber(d.beta)}`,
        className: "lambda-marker-coefficients",
      }),
      Plot.text([`λ = ${formatNumber(marker)}`], {
        x: markerX,
        frameAnchor: "top",
        dy: 4,
        lineAnchor: "top",
        className: "lambda-marker-label",
        // After the rule in the direction λ decreases, or before it when the text would leave the plot.
        render: besideX(reverse || xvar !== "lambda" ? "right" : "left"),
      }),
    );
  }
  if (options.tip ?? true) {
    marks.push(
      Plot.tip(
        points,
        Plot.pointer({
          x: "x",
          y: "beta",
          stroke: "variable",
          title: (d: PathPoint) => `${d.variable}\nβ = ${formatNumber(d.beta)}\nλ = ${formatNumber(d.lambda)}`,
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
      x: { domain: [xLo, xHi], reverse, label: null },
      y: { domain: yDomain, label: null },
      color: { type: "categorical", domain: colorDomain },
      marks,
    },
    frame.header.title ?? "Coefficient paths",
    describeModel(options.model, describePath(path, xvar, marker, offRange && { beyond: offRange, bound })),
  );
}

/**
 * Whether a marked λ lies beyond the λs drawn (null: on the chart). A λ above the largest is "above"; one
 * below the smallest, or with no x on the chart (λ = 0 on a log axis), is "below".
 */
function markerOffRange(path: PathInput, xvar: PathXvar, steps: readonly number[], lambda: number, lo: number, hi: number): OffRange | null {
  const drawn = steps.map((k) => path.lambda[k]!);
  const largest = Math.max(...drawn);
  const smallest = Math.min(...drawn);
  const eps = 1e-12;
  if (lambda > largest * (1 + eps)) return "above";
  if (lambda < smallest * (1 - eps)) return "below";
  const x = xvar === "lambda" ? Math.log(lambda) : pathXAtLambda(path, xvar, lambda);
  const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
  return Number.isFinite(x) && x >= lo - slack && x <= hi + slack ? null : "below";
}

/** The text alternative: what is plotted, the order of entry, and the state at the marked λ. */
function describePath(path: PathInput, xvar: PathXvar, marker: number | null, off: { beyond: OffRange; bound: number } | null): string {
  const n = path.lambda.length;
  const first = entrySteps(path);
  const entered = path.features.map((_, j) => j).filter((j) => first[j]! < Infinity);
  entered.sort((a, b) => first[a]! - first[b]! || a - b);
  const parts = [
    `Coefficient paths of ${entered.length} of ${path.features.length} variables against ${X_LABELS[xvar]}, ` +
      (n ? `for λ from ${formatNumber(path.lambda[0]!)} down to ${formatNumber(path.lambda[n - 1]!)}.` : "with no λ."),
  ];
  if (entered.length) parts.push(`Order of entry: ${entered.map((j) => path.features[j]).join(", ")}.`);
  if (marker !== null && off) {
    const end = off.beyond === "below" ? "smallest" : "largest";
    parts.push(`The marked λ = ${formatNumber(marker)} is ${off.beyond} the path's ${end} λ, ${formatNumber(off.bound)}, so it is noted at that end of the chart.`);
  } else if (marker !== null && n) {
    const beta = coefficientsAtLambda(path, marker);
    const nonzero = path.features.filter((_, j) => beta[j] !== 0);
    parts.push(`At the marked λ = ${formatNumber(marker)}, ${nonzero.length} coefficients are nonzero${nonzero.length ? ": " + nonzero.join(", ") : ""}.`);
  }
  return parts.join(" ");
}

/** The coefficient-path chart as an SVG element (the browser's document by default). */
export function coefficientPathChart(path: PathInput, options: CoefficientPathOptions = {}): SVGSVGElement {
  checkArguments("coefficientPathChart", { path, options }, { path: pathInputRule, options: optionsRule(PATH_CHART_OPTIONS) });
  return drawChart(coefficientPathSpec(path, options), options.document);
}

/** The x axis of a path chart (PathXvar). */
const XVAR: Rule = choiceRule(() => ["lambda", "norm", "dev"]);

/** A λ to mark, or null for none. */
const LAMBDA_MARK: Rule = (v, name) => {
  if (v !== null) nonNegativeNumber(v, name);
};

/** The options of the coefficient path chart (CoefficientPathOptions), each with its rule. */
const PATH_CHART_OPTIONS: Schema<CoefficientPathOptions> = {
  ...CHART_OPTIONS, xvar: XVAR, lambda: LAMBDA_MARK, reverse: booleanRule, labels: booleanRule, tip: booleanRule,
  yLabel: stringValue, labelEvery: numberRule({ integer: true, min: 1 }),
};
