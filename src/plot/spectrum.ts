/**
 * Ridge's spectrum: for each principal direction of the standardized design, the factor d²/(d² + nλ') by
 * which ridge shrinks the fit along it. Directions are sorted by variance, so the chart shows ridge
 * shrinking the low-variance directions most; the effective degrees of freedom are the sum of the factors.
 */
import * as Plot from "@observablehq/plot";
import { chartFrame, describeModel, drawChart, formatNumber, textWidth, type ChartOptions, type ChartSpec, type LegendItem, framedSpec } from "./common.js";
import { checkArguments, optionsRule, booleanRule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, spectrumInputRule } from "./arguments.js";

/** What the chart reads; d2 and factor are aligned, one entry per principal direction. */
export interface RidgeSpectrumInput {
  /** Squared singular values (or component variances). */
  readonly d2: ArrayLike<number>;
  /** Shrinkage factor d²/(d² + nλ') per direction, in [0, 1]. */
  readonly factor: ArrayLike<number>;
  /** Effective degrees of freedom Σ d²/(d² + nλ'). */
  readonly df: number;
  /** The λ, for the heading only. */
  readonly lambda?: number;
}

/** Options of the ridge spectrum chart: its size. */
export interface RidgeSpectrumOptions extends ChartOptions {
  /** Also show each direction's variance relative to the largest, as dots (default true). */
  readonly showVariance?: boolean;
}

/** One principal direction of the ridge spectrum: its rank by variance, d², shrinkage factor and share of the variance. */
export interface SpectrumRow {
  /** 1 for the largest variance. */
  readonly rank: number;
  readonly d2: number;
  readonly factor: number;
  readonly relativeVariance: number;
}

/** Margins beyond the header band: a little air on top, the direction axis and its label below. */
const SPECTRUM_MARGIN_TOP = 16;
const SPECTRUM_MARGIN_BOTTOM = 40;

const FACTOR_COLOR = "#4269d0";
const VARIANCE_COLOR = "#ff8c2e";

/** Directions sorted by decreasing variance, numbered from 1. */
export function spectrumRows(input: RidgeSpectrumInput): SpectrumRow[] {
  checkArguments("spectrumRows", { input }, { input: spectrumInputRule });
  const k = Math.min(input.d2.length, input.factor.length);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => input.d2[b]! - input.d2[a]! || a - b);
  const largest = k ? input.d2[order[0]!]! : 1;
  return order.map((i, r) => ({
    rank: r + 1,
    d2: input.d2[i]!,
    factor: input.factor[i]!,
    relativeVariance: largest > 0 ? input.d2[i]! / largest : 0,
  }));
}

/** The Plot spec of the ridge-spectrum chart (pure: no DOM). */
export function ridgeSpectrumSpec(input: RidgeSpectrumInput, options: RidgeSpectrumOptions = {}): ChartSpec {
  checkArguments("ridgeSpectrumSpec", { input, options }, { input: spectrumInputRule, options: optionsRule(SPECTRUM_CHART_OPTIONS) });
  const rows = spectrumRows(input);
  const showVariance = options.showVariance ?? true;
  const legend: LegendItem[] = [{ label: "shrinkage factor d²/(d² + nλ')", color: FACTOR_COLOR }];
  if (showVariance) legend.push({ label: "variance d² relative to the largest", color: VARIANCE_COLOR, shape: "dot" });
  const frame = chartFrame(options, {
    title: input.lambda !== undefined ? `Ridge shrinkage by principal direction at λ = ${formatNumber(input.lambda)}` : "Ridge shrinkage by principal direction",
    subtitle: `effective degrees of freedom Σ d²/(d² + nλ') = ${formatNumber(input.df)} of ${rows.length}`,
    legend,
    bodyHeight: 320,
    margins: SPECTRUM_MARGIN_TOP + SPECTRUM_MARGIN_BOTTOM,
  });
  const everyTick = Math.max(1, Math.ceil((rows.length * 16) / Math.max(1, frame.width - 70)));

  const marks: Plot.Markish[] = [
    Plot.gridY({ strokeOpacity: 0.08 }),
    Plot.barY(rows, {
      x: "rank",
      y: "factor",
      fill: FACTOR_COLOR,
      className: "spectrum-bar",
      ariaLabel: (r: SpectrumRow) => `direction ${r.rank}: factor ${formatNumber(r.factor)}`,
      title: (r: SpectrumRow) => `direction ${r.rank}\nd² = ${formatNumber(r.d2)}\nfactor = ${formatNumber(r.factor)}`,
    }),
    Plot.ruleY([0]),
  ];
  if (showVariance) {
    marks.push(
      Plot.dot(rows, {
        x: "rank",
        y: "relativeVariance",
        fill: VARIANCE_COLOR,
        stroke: "white",
        r: 4,
        className: "spectrum-variance",
        title: (r: SpectrumRow) => `direction ${r.rank}: d² / largest d² = ${formatNumber(r.relativeVariance)}`,
      }),
    );
  }

  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + SPECTRUM_MARGIN_TOP,
      marginLeft: 52,
      marginRight: 20,
      marginBottom: SPECTRUM_MARGIN_BOTTOM,
      style: { overflow: "visible" },
      x: {
        type: "band",
        domain: rows.map((r) => r.rank),
        // shorter when the plot is too narrow for the whole label
        label: textWidth("Principal direction (largest variance first)") <= frame.width - 72 ? "Principal direction (largest variance first)" : "Principal direction",
        labelAnchor: "center",
        labelArrow: "none",
        tickFormat: (rank: number) => ((rank - 1) % everyTick === 0 ? String(rank) : ""),
        padding: 0.15,
      },
      y: { domain: [0, 1], label: "Shrinkage factor", labelAnchor: "center", labelArrow: "none", labelOffset: 38 },
      marks,
    },
    frame.header.title ?? "Ridge shrinkage by principal direction",
    describeModel(options.model, describeSpectrum(rows, input.df)),
  );
}

/** The text alternative: how many directions, the df, and the least and most shrunk ones. */
function describeSpectrum(rows: readonly SpectrumRow[], df: number): string {
  if (!rows.length) return "Ridge spectrum: no principal directions.";
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return (
    `Shrinkage factors of ${rows.length} principal directions sorted by variance; effective degrees of freedom ${formatNumber(df)}. ` +
    `The largest-variance direction keeps ${formatNumber(first.factor * 100)}% of its fit; ` +
    `the smallest-variance direction keeps ${formatNumber(last.factor * 100)}%.`
  );
}

/** The ridge-spectrum chart as an SVG element (the browser's document by default). */
export function ridgeSpectrumChart(input: RidgeSpectrumInput, options: RidgeSpectrumOptions = {}): SVGSVGElement {
  checkArguments("ridgeSpectrumChart", { input, options }, { input: spectrumInputRule, options: optionsRule(SPECTRUM_CHART_OPTIONS) });
  return drawChart(ridgeSpectrumSpec(input, options), options.document);
}

/** The options of the ridge spectrum chart (RidgeSpectrumOptions), each with its rule. */
const SPECTRUM_CHART_OPTIONS: Schema<RidgeSpectrumOptions> = { ...CHART_OPTIONS, showVariance: booleanRule };
