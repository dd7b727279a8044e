/**
 * Charts of the multi-response families (multinomial, mgaussian): the coefficient paths as one panel per
 * class (or response) along log λ, and pull versus price at one λ. Grouped and mgaussian: each variable's
 * length of its K pulls against λ·α·v_j; ungrouped: each class's pulls against the price, a panel per class.
 * The CV curve of these fits is the cv chart of ./cv.ts (a MultiCvResult has its fields).
 */
import * as Plot from "@observablehq/plot";
import { chartFrame, describeModel, formatNumber, nameRoom, ROW_HEIGHT, textWidth, type ChartOptions, type ChartSpec, framedSpec } from "./common.js";

/** What the path panels read; a MultiPath has these fields. */
export interface MultiPathInput {
  readonly family: string;
  readonly features: readonly string[];
  /** Classes (multinomial) or responses (mgaussian), one panel each. */
  readonly classes: readonly string[];
  readonly lambda: ArrayLike<number>;
  /** beta[l][k·p + j]: variable j's coefficient for class k at the l-th λ. */
  readonly beta: readonly ArrayLike<number>[];
}

/** One vertex of one class's coefficient curve. */
export interface MultiPathPoint {
  readonly cls: string;
  readonly feature: string;
  readonly x: number;
  readonly lambda: number;
  readonly beta: number;
}

/** Options of the per-class path chart: a λ to mark in every panel. */
export interface MultiPathOptions extends ChartOptions {
  readonly lambda?: number | null;
}

/** The panel's word for what the K columns are. */
function partName(family: string): string {
  return family === "mgaussian" ? "response" : "class";
}

/** The curves drawn: for each class, the variables ever nonzero in it, one vertex per λ > 0. */
export function multiPathPoints(path: MultiPathInput): MultiPathPoint[] {
  const p = path.features.length;
  const points: MultiPathPoint[] = [];
  path.classes.forEach((cls, k) => {
    for (let j = 0; j < p; j++) {
      let ever = false;
      for (const b of path.beta) if (b[k * p + j] !== 0) ever = true;
      if (!ever) continue;
      for (let l = 0; l < path.lambda.length; l++) {
        const lambda = path.lambda[l]!;
        if (lambda > 0) points.push({ cls, feature: path.features[j]!, x: Math.log(lambda), lambda, beta: path.beta[l]![k * p + j]! });
      }
    }
  });
  return points;
}

/**
 * The curves named at their last λ, per class: farthest from zero first, each kept only if it ends at
 * least `gap` (in coefficient units) from every one already kept, so no two names overlap.
 */
export function pathLabels(points: readonly MultiPathPoint[], gap: number): MultiPathPoint[] {
  const last = new Map<string, MultiPathPoint>();
  for (const pt of points) last.set(`${pt.cls}\u0000${pt.feature}`, pt);
  const kept: MultiPathPoint[] = [];
  const ends = [...last.values()].sort((a, b) => Math.abs(b.beta) - Math.abs(a.beta));
  for (const pt of ends) {
    if (kept.every((k) => k.cls !== pt.cls || Math.abs(k.beta - pt.beta) >= gap)) kept.push(pt);
  }
  return kept;
}

/** Panel height per class, px: room for the labels of the curves that end apart. */
const PANEL_HEIGHT = 150;

/** The Plot spec of the coefficient paths, one panel per class (pure: no DOM). */
export function multiPathSpec(path: MultiPathInput, options: MultiPathOptions = {}): ChartSpec {
  const part = partName(path.family);
  const points = multiPathPoints(path);
  const K = path.classes.length;
  const names = [...new Set(points.map((pt) => pt.feature))];
  const frame = chartFrame(options, {
    title: `Coefficient paths per ${part}`,
    subtitle: `coefficients against log λ, one panel per ${part}; ${names.length} of ${path.features.length} variables enter along ${path.lambda.length} values of λ`,
    bodyHeight: K * PANEL_HEIGHT + 60,
    margins: 60,
    minPlotHeight: K * 80,
    minReason: `a panel of at least 80 px for each of the ${K} ${part === "class" ? "classes" : "responses"}`,
  });
  const labelRoom = Math.min(names.reduce((w, s) => Math.max(w, textWidth(s)), 0) + 12, nameRoom(frame.width));
  const marker = options.lambda ?? null;
  // 11 px between names, in coefficient units: the panels share the y range over about their share of the height.
  let yLo = 0;
  let yHi = 0;
  for (const pt of points) {
    yLo = Math.min(yLo, pt.beta);
    yHi = Math.max(yHi, pt.beta);
  }
  const panelPx = Math.max(1, (frame.height - frame.header.height - 60) / K - 20);
  const labelGap = (11 * (yHi - yLo || 1)) / panelPx;
  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: "#999", strokeOpacity: 0.5 }),
    // The panel's name in its top-left corner (the right edge holds the curves' names).
    Plot.text(path.classes, { fy: (c: string) => c, text: (c: string) => `${part} ${c}`, frameAnchor: "top-left", dx: 4, dy: 2, fontSize: 11, fontWeight: "bold", className: "panel-label" }),
    Plot.line(points, { x: "x", y: "beta", z: "feature", fy: "cls", stroke: "feature", strokeWidth: 1.5, className: "coefficient-path" }),
    // Each curve named at its last λ (the right end: large λ on the left, as the single-response chart).
    Plot.text(pathLabels(points, labelGap), { x: "x", y: "beta", fy: "cls", text: "feature", fill: "feature", textAnchor: "start", dx: 4, fontSize: 10, className: "coefficient-label" }),
  ];
  if (marker !== null && marker > 0) marks.push(Plot.ruleX([Math.log(marker)], { stroke: "#333", strokeDasharray: "4,3", className: "lambda-marker" }));
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + 20,
      marginBottom: 40,
      marginLeft: 60,
      marginRight: labelRoom + 10,
      x: { reverse: true, label: "log λ", labelAnchor: "center", labelArrow: "none" },
      y: { label: null, grid: true },
      fy: { label: null, axis: null, domain: [...path.classes] },
      facet: { label: null },
      color: { domain: names, scheme: "tableau10" },
      marks,
    },
    `Coefficient paths per ${part}`,
    describeModel(options.model, `One panel per ${part} (${path.classes.join(", ")}): each variable's coefficient for that ${part} against log λ, large λ on the left.`),
  );
}

/** What the pull chart reads: per variable its K pulls and its price (an explainMulti result has them). */
export interface MultiPullInput {
  readonly family: string;
  readonly grouped: boolean;
  readonly classes: readonly string[];
  readonly lambda: number;
  readonly variables: readonly {
    readonly feature: string;
    readonly pulls: readonly number[];
    /** Its coefficient for each class: a nonzero one is in the model (its pull then meets the price). */
    readonly coefficients: readonly number[];
    readonly price: number;
    /** Per class, the limit holding its coefficient (null: none); an explainMulti result has them. Absent: none held. */
    readonly bounds?: readonly (unknown | null)[];
  }[];
}

/** One bar: a variable's pull (one class's |pull|, or the length of its K pulls) and its price. */
export interface MultiPullRow {
  readonly feature: string;
  /** The class of an ungrouped bar; null for the grouped length. */
  readonly cls: string | null;
  readonly pull: number;
  readonly price: number;
  /** Its coefficient (grouped: any of its K) is nonzero. */
  readonly nonzero: boolean;
  /** Its coefficient (grouped: any of its K) is held at a limit: its pull may pass the price. */
  readonly held: boolean;
}

/** The bars: grouped, ‖(g_j1, …, g_jK)‖₂ per variable; ungrouped, |g_jk| per variable and class. */
export function multiPullRows(input: MultiPullInput): MultiPullRow[] {
  const rows: MultiPullRow[] = [];
  for (const v of input.variables) {
    if (!Number.isFinite(v.price)) continue; // excluded (v_j = ∞): no price to meet
    if (input.grouped) {
      rows.push({ feature: v.feature, cls: null, pull: Math.hypot(...v.pulls), price: v.price, nonzero: v.coefficients.some((b) => b !== 0), held: (v.bounds ?? []).some((b) => b != null) });
    } else {
      v.pulls.forEach((g, k) => rows.push({ feature: v.feature, cls: input.classes[k]!, pull: Math.abs(g), price: v.price, nonzero: v.coefficients[k] !== 0, held: v.bounds?.[k] != null }));
    }
  }
  return rows;
}

export const MULTI_PULL_COLORS = { nonzero: "#4269d0", zero: "#b8b8b8", held: "#efb118", price: "#d62728" } as const;

const barColor = (r: MultiPullRow) => (r.held ? MULTI_PULL_COLORS.held : r.nonzero ? MULTI_PULL_COLORS.nonzero : MULTI_PULL_COLORS.zero);

/** The Plot spec of pull versus price at one λ for a multi-response fit (pure: no DOM). */
export function multiPullSpec(input: MultiPullInput, options: ChartOptions = {}): ChartSpec {
  const part = partName(input.family);
  const rows = multiPullRows(input);
  const features = [...new Set(rows.map((r) => r.feature))];
  const panels = input.grouped ? 1 : input.classes.length;
  const body = panels * ROW_HEIGHT * (features.length + 2) + 20 * (panels - 1);
  const what = input.grouped ? `the length of its ${input.classes.length} pulls` : `its pull for each ${part}`;
  const frame = chartFrame(options, {
    title: input.grouped ? "Pull versus price: length of each variable's pulls" : `Pull versus price per ${part}`,
    subtitle: `at λ = ${formatNumber(input.lambda)}: ${what} as a bar, the price λ·α·v as a red tick`,
    legend: [
      { label: "nonzero (pull = price)", color: MULTI_PULL_COLORS.nonzero },
      { label: "zero (pull ≤ price)", color: MULTI_PULL_COLORS.zero },
      ...(rows.some((r) => r.held) ? [{ label: "held at a limit (pull may pass the price)", color: MULTI_PULL_COLORS.held }] : []),
      { label: "price λ·α·v", color: MULTI_PULL_COLORS.price },
    ],
    bodyHeight: body + 50,
    margins: 50,
    minPlotHeight: body,
    minReason: `a ${ROW_HEIGHT} px row for each variable${panels > 1 ? " in each panel" : ""}`,
  });
  const nameWidth = Math.min(features.reduce((w, s) => Math.max(w, textWidth(s)), 0) + 16, nameRoom(frame.width));
  const facet = input.grouped ? {} : { fy: "cls" };
  const marks: Plot.Markish[] = [
    Plot.barX(rows, { x: "pull", y: "feature", ...facet, fill: barColor, className: "pull-bar" }),
    Plot.tickX(rows, { x: "price", y: "feature", ...facet, stroke: MULTI_PULL_COLORS.price, strokeWidth: 2, className: "price-tick" }),
    Plot.ruleX([0]),
  ];
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + 10,
      marginBottom: 40,
      marginLeft: nameWidth,
      marginRight: input.grouped ? 20 : 90,
      x: { label: input.grouped ? "‖pulls‖ and price (standardized scale)" : "|pull| and price (standardized scale)", labelAnchor: "center", labelArrow: "none", grid: true },
      y: { label: null, domain: features },
      ...(input.grouped ? {} : { fy: { label: null, domain: [...input.classes] }, facet: { label: null } }),
      marks,
    },
    input.grouped ? "Pull versus price: length of each variable's pulls" : `Pull versus price per ${part}`,
    describeModel(undefined, `At λ = ${formatNumber(input.lambda)}, ${what} for each variable as a bar and its price λ·α·v as a tick; a bar that reaches its tick is a variable in the model.`),
  );
}
