/**
 * Support recovery along λ, from a known-truth simulation (src/simulate): for each method, the fraction
 * of repetitions whose selected set is exactly the true one, against λ/λ_max (each repetition's λ is
 * a fraction of its own λ_max, so the curves average like with like). The mean fraction chosen by
 * cross-validation is marked on each curve: a filled dot for λ_min, an open one for λ_1se.
 */
import * as Plot from "@observablehq/plot";
import {
  chartFrame,
  describeModel,
  drawChart,
  formatNumber,
  formatTick,
  nearestIndex,
  niceTicks,
  type ChartOptions,
  type ChartSpec,
  type LegendItem,
  framedSpec,
} from "./common.js";
import { checkArguments, optionsRule, booleanRule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, recoveryInputRule } from "./arguments.js";

/** What the chart reads; a SimulationSummary (src/simulate/experiment.ts) has all these fields. */
export interface RecoveryInput {
  /** The common grid λ/λ_max, decreasing from 1. */
  readonly fractions: ArrayLike<number>;
  readonly methods: readonly {
    readonly method: string;
    readonly alongLambda: { readonly pExact: ArrayLike<number> };
    readonly lambdaMin: { readonly meanFraction: number };
    readonly lambda1se: { readonly meanFraction: number };
  }[];
  readonly settings: { readonly reps: number };
}

/** Options of the recovery chart (simulation results): its size, λ's direction and the pointer tip. */
export interface RecoveryOptions extends ChartOptions {
  /** Large λ on the left, as in the path chart (default true). */
  readonly reverse?: boolean;
  /** Add a pointer tip with the values at the nearest λ (default true; interactive in the browser). */
  readonly tip?: boolean;
}

/** One method at one λ of a simulation: the fraction of true variables it found, and how often it found exactly them. */
export interface RecoveryPoint {
  readonly method: string;
  readonly fraction: number;
  /** log10(λ/λ_max). */
  readonly x: number;
  readonly pExact: number;
}

/** Margins beyond the header band: a little air on top, the λ axis and its label below. */
const RECOVERY_MARGIN_TOP = 12;
const RECOVERY_MARGIN_BOTTOM = 40;

/** Colours per method, so the same method looks the same in every chart. */
export const METHOD_COLORS: Readonly<Record<string, string>> = {
  lasso: "#4269d0",
  enet: "#efb118",
  ridge: "#ff725c",
  relaxed: "#3ca951",
};

const METHOD_LABELS: Readonly<Record<string, string>> = {
  lasso: "lasso",
  enet: "elastic net (α = 0.5)",
  ridge: "ridge",
  relaxed: "relaxed lasso",
};

/** One point per method and grid fraction. */
export function recoveryPoints(input: RecoveryInput): RecoveryPoint[] {
  checkArguments("recoveryPoints", { input }, { input: recoveryInputRule });
  const points: RecoveryPoint[] = [];
  for (const m of input.methods) {
    for (let k = 0; k < input.fractions.length; k++) {
      const fraction = input.fractions[k]!;
      if (!(fraction > 0)) continue;
      points.push({ method: m.method, fraction, x: Math.log10(fraction), pExact: m.alongLambda.pExact[k]! });
    }
  }
  return points;
}

/** The Plot spec of the recovery chart (pure: no DOM). */
export function recoverySpec(input: RecoveryInput, options: RecoveryOptions = {}): ChartSpec {
  checkArguments("recoverySpec", { input, options }, { input: recoveryInputRule, options: optionsRule(RECOVERY_CHART_OPTIONS) });
  const reverse = options.reverse ?? true;
  const points = recoveryPoints(input);
  const names = input.methods.map((m) => m.method);
  const color = (name: string) => METHOD_COLORS[name] ?? "#888888";
  const legend: LegendItem[] = names.map((name) => ({ label: METHOD_LABELS[name] ?? name, color: color(name) }));
  const frame = chartFrame(options, {
    title: "How often the exact true set is selected",
    subtitle: `fraction of ${input.settings.reps} repetitions, along λ; ● mean λ_min, ○ mean λ_1se chosen by cross-validation`,
    legend,
    bodyHeight: 340,
    margins: RECOVERY_MARGIN_TOP + RECOVERY_MARGIN_BOTTOM,
  });
  const xs = points.map((p) => p.x);
  let xLo = xs.length ? Math.min(...xs) : -4;
  let xHi = xs.length ? Math.max(...xs) : 0;
  if (!(xLo < xHi)) {
    xLo -= 1;
    xHi += 1;
  }
  const marginLeft = 56;
  const marginRight = 20;
  const innerWidth = Math.max(1, frame.width - marginLeft - marginRight);
  const ticks = niceTicks(xLo, xHi, Math.max(2, Math.round(innerWidth / 90)));
  const chosen = (at: "lambdaMin" | "lambda1se") =>
    input.methods.flatMap((m) => {
      const f = m[at].meanFraction;
      if (!(f > 0)) return [];
      const k = nearestIndex(input.fractions, f);
      return [{ method: m.method, x: Math.log10(f), pExact: m.alongLambda.pExact[k]!, fraction: f }];
    });
  const label = (p: { method: string; fraction: number; pExact: number }) =>
    `${METHOD_LABELS[p.method] ?? p.method}\nλ/λ_max = ${formatNumber(p.fraction)}\nP(exact support) = ${formatNumber(p.pExact)}`;

  const marks: Plot.Markish[] = [
    Plot.gridY({ strokeOpacity: 0.08 }),
    Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.25 }),
    // The relaxed lasso keeps the lasso's variables, so its curve lies on the lasso's: dashed, drawn on top.
    ...names.map((name) =>
      Plot.line(points.filter((p) => p.method === name), {
        x: "x", y: "pExact", stroke: "method", strokeWidth: 1.8, className: "recovery-line",
        ...(name === "relaxed" ? { strokeDasharray: "5 4" } : {}),
      }),
    ),
    Plot.dot(chosen("lambdaMin"), { x: "x", y: "pExact", fill: "method", stroke: "white", r: 4.5, className: "recovery-lambda-min", title: label }),
    Plot.dot(chosen("lambda1se"), { x: "x", y: "pExact", stroke: "method", fill: "white", strokeWidth: 1.8, r: 4.5, className: "recovery-lambda-1se", title: label }),
  ];
  if (options.tip ?? true) {
    marks.push(Plot.tip(points, Plot.pointer({ x: "x", y: "pExact", title: label })));
  }
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + RECOVERY_MARGIN_TOP,
      marginLeft,
      marginRight,
      marginBottom: RECOVERY_MARGIN_BOTTOM,
      style: { overflow: "visible" },
      x: { domain: [xLo, xHi], reverse, ticks, tickFormat: formatTick, label: "log₁₀(λ / λ_max)", labelAnchor: "center", labelArrow: "none" },
      y: { domain: [0, 1], label: "P(selected set = true set)", labelAnchor: "center", labelArrow: "none", labelOffset: 42 },
      color: { type: "categorical", domain: names.length ? names : ["none"], range: (names.length ? names : ["none"]).map(color) },
      marks,
    },
    frame.header.title ?? "How often the exact true set is selected",
    describeModel(options.model, describeRecovery(input)),
  );
}

/** The text alternative: each method's best recovery rate along λ and its rate at the chosen λs. */
function describeRecovery(input: RecoveryInput): string {
  const parts = input.methods.map((m) => {
    let best = 0;
    let at = 0;
    for (let k = 0; k < input.fractions.length; k++) {
      if (m.alongLambda.pExact[k]! > best) {
        best = m.alongLambda.pExact[k]!;
        at = input.fractions[k]!;
      }
    }
    const rate = (f: number) => formatNumber(m.alongLambda.pExact[nearestIndex(input.fractions, f)]!);
    const peak = best > 0 ? `at best ${formatNumber(best)} (λ/λ_max ≈ ${formatNumber(at)})` : "never";
    return `${METHOD_LABELS[m.method] ?? m.method}: ${peak}; ${rate(m.lambdaMin.meanFraction)} near the mean λ_min, ${rate(m.lambda1se.meanFraction)} near the mean λ_1se`;
  });
  return `Fraction of ${input.settings.reps} simulated repetitions in which each method selects exactly the true variables, along λ/λ_max. ${parts.join(". ")}.`;
}

/** The recovery chart as an SVG element (the browser's document by default). */
export function recoveryChart(input: RecoveryInput, options: RecoveryOptions = {}): SVGSVGElement {
  checkArguments("recoveryChart", { input, options }, { input: recoveryInputRule, options: optionsRule(RECOVERY_CHART_OPTIONS) });
  return drawChart(recoverySpec(input, options), options.document);
}

/** The options of the recovery chart (RecoveryOptions), each with its rule. */
const RECOVERY_CHART_OPTIONS: Schema<RecoveryOptions> = { ...CHART_OPTIONS, reverse: booleanRule, tip: booleanRule };
