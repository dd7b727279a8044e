/**
 * Stability on the user's own data (TEACHING.md §6, §13; questions 4 and 10): the library's stability()
 * over complementary pairs of half-samples (Shah & Samworth 2013), run in a worker of its own once the
 * view is opened, gives each variable's selection frequency along λ. The chart draws those paths with
 * the current λ marked; the words give the frequencies at the current λ, the stable set with its bound
 * on expected false selections (Meinshausen & Bühlmann 2010, q²/((2π − 1)·p)), and the correlated pairs
 * that swap between complementary halves.
 */
import * as Plot from "@observablehq/plot";
import type { StabilityResult } from "../../../src/index.js";
import type { FitResponse, WorkerMessage, WorkerRequest } from "../protocol.js";
import { createPanel, formatValue, type Panel } from "../panel.js";

/** Complementary pairs of half-samples: a modest number, so the view is ready in seconds. */
export const STABILITY_PAIRS = 20;
/** The seed of the half-samples. */
export const STABILITY_SEED = 1;
/** π: the selection frequency that makes a variable stable. */
export const STABILITY_THRESHOLD = 0.75;
/** Data above this size (n·p) are not refitted 2·pairs times in the lab. */
const STABILITY_LIMIT = 400_000;

function percent(f: number): string {
  return `${Math.round(100 * f)} %`;
}

/** The index of the λ of `grid` nearest to `lambda` on the log scale. */
export function nearestIndex(grid: ArrayLike<number>, lambda: number): number {
  let best = 0;
  const at = Math.log(lambda);
  for (let l = 1; l < grid.length; l++) if (Math.abs(Math.log(grid[l]!) - at) < Math.abs(Math.log(grid[best]!) - at)) best = l;
  return best;
}

/** The frequencies at (the grid's nearest λ to) λ: the variables selected almost always and those only sometimes. */
export function selectionWords(r: StabilityResult, lambda: number): string {
  const l = nearestIndex(r.lambda, lambda);
  const freq = r.frequency[l]!;
  const order = r.features.map((_, j) => j).sort((a, b) => freq[b]! - freq[a]! || a - b);
  const listed = (js: number[]) => js.map((j) => `${r.features[j]} ${percent(freq[j]!)}`).join(", ");
  const always = order.filter((j) => freq[j]! >= 0.9);
  const sometimes = order.filter((j) => freq[j]! > 0.1 && freq[j]! < 0.9);
  const at = `At λ = ${formatValue(r.lambda[l]!)}, over ${r.halves} half-samples of the rows (${r.pairs} complementary pairs, seed ${r.seed}), `;
  return (
    at +
    `${always.length ? `selected almost every time: ${listed(always)}` : "no variable is selected in 90 % of them"}` +
    `${sometimes.length ? `; selected only sometimes (the set changes with the sample): ${listed(sometimes)}` : "; no variable is in doubt here"}.`
  );
}

/** The stable set at the threshold and Meinshausen and Bühlmann's bound on its expected false selections. */
export function stableSetWords(r: StabilityResult): string {
  return (
    `Stable set (selected in at least ${percent(r.threshold)} of the half-samples at some λ ≥ ${formatValue(r.lambdaStop)}): ${r.stable.length ? r.stable.join(", ") : "none"}. ` +
    `On average a half-sample selects q = ${formatValue(r.q[r.stopIndex]!, 3)} variables there, so the stable set holds at most ${formatValue(r.expectedFalse, 3)} false selections in expectation (Meinshausen and Bühlmann's bound q²/((2π − 1)·p), p = ${r.candidates}).`
  );
}

/** The correlated pairs (up to `most`) and how the half-samples choose between them; "" when none swaps. */
export function swapWords(r: StabilityResult, most = 3): string {
  const swaps = r.swaps.filter((s) => s.swapped > 0 || s.aOnly + s.bOnly > 0).slice(0, most);
  return swaps.length
    ? `Correlated pairs at λ = ${formatValue(r.lambdaAt)}: ` +
        swaps
          .map((s) => `${s.a} and ${s.b} (r = ${formatValue(s.correlation, 2)}): both ${percent(s.both)}, ${s.a} alone ${percent(s.aOnly)}, ${s.b} alone ${percent(s.bOnly)}; one half keeps one and its complement the other in ${percent(s.swapped)} of the pairs`)
          .join("; ") +
        ". The lasso keeps whichever of two correlated variables fits this sample a little better, so which one can change when the rows change."
    : "";
}

/** The words of the view at λ: frequencies there, the stable set and its bound, the swapping pairs. */
export function stabilityWords(r: StabilityResult, lambda: number): string {
  const swaps = swapWords(r);
  return `${selectionWords(r, lambda)} ${stableSetWords(r)}${swaps ? ` ${swaps}` : ""}`;
}

/** The frequency paths: one line per variable over log λ, the stable ones in colour, the current λ and π marked. */
function stabilityChart(r: StabilityResult, lambda: number, width: number): SVGSVGElement {
  const stable = new Set(r.stable);
  const rows: { lambda: number; frequency: number; feature: string; stable: boolean }[] = [];
  r.frequency.forEach((f, l) => r.features.forEach((feature, j) => rows.push({ lambda: r.lambda[l]!, frequency: f[j]!, feature, stable: stable.has(feature) })));
  const ends = r.features.map((feature, j) => ({ feature, lambda: r.lambda[r.lambda.length - 1]!, frequency: r.frequency[r.frequency.length - 1]![j]!, stable: stable.has(feature) }));
  return Plot.plot({
    width,
    height: 300,
    marginRight: 90,
    x: { type: "log", reverse: true, label: "λ" },
    y: { domain: [0, 1], label: "selection frequency", grid: true },
    color: { legend: false },
    marks: [
      Plot.line(rows.filter((d) => !d.stable), { x: "lambda", y: "frequency", z: "feature", stroke: "#bbb", strokeWidth: 1 }),
      Plot.line(rows.filter((d) => d.stable), { x: "lambda", y: "frequency", z: "feature", stroke: "feature", strokeWidth: 2 }),
      Plot.text(ends.filter((d) => d.stable), { x: "lambda", y: "frequency", text: "feature", dx: 4, textAnchor: "start", fill: "feature" }),
      Plot.ruleY([r.threshold], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.ruleX([r.lambdaStop], { stroke: "#999", strokeDasharray: "2,3" }),
      Plot.ruleX([lambda], { stroke: "#d62728", strokeWidth: 1.5 }),
    ],
  }) as SVGSVGElement;
}

export class StabilityPanel {
  readonly panel: Panel = createPanel("panel-stability", "Stability over half-samples");
  private fit: FitResponse | null = null;
  private worker: Worker | null = null;
  private result: StabilityResult | null = null;
  private running = false;
  private serial = 0;
  private drawn: string | null = null;
  private focused = false;

  constructor(private readonly redraw: () => void) {}

  setFit(fit: FitResponse | null): void {
    this.fit = fit;
    this.result = null;
    this.drawn = null;
    this.running = false;
    this.serial++;
    this.worker?.terminate();
    this.worker = null;
    this.panel.setChart(null, "");
  }

  /** The view is shown: the half-samples are fitted only once someone looks. */
  setFocused(focused: boolean): void {
    if (focused && !this.focused && !this.result) queueMicrotask(() => this.redraw());
    this.focused = focused;
  }

  /** The panel's words at the current λ once the half-samples are fitted (for a question's answer), else null. */
  words(): string | null {
    return this.result ? this.panel.alt.textContent || null : null;
  }

  /** The half-samples' result once fitted (for a question's answer), else null. */
  current(): StabilityResult | null {
    return this.result;
  }

  /** Fit the half-samples; the correlated pairs' swaps are reported at `lambda`, the λ on show when the view opens. */
  private start(fit: FitResponse, lambda: number): void {
    const id = ++this.serial;
    this.running = true;
    const worker = new Worker(new URL("../worker.ts", import.meta.url), { type: "module" });
    this.worker = worker;
    const s = fit.path.settings;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      if (m.id !== id || this.serial !== id) return;
      if (m.type === "progress") {
        this.panel.setChart(null, `Fitting the path on half-samples of the rows: pair ${m.done} of ${m.total}…`);
      } else if (m.type === "stabilized") {
        this.running = false;
        worker.terminate();
        this.worker = null;
        if (m.result) this.result = m.result;
        else this.panel.setChart(null, `Stability could not be computed: ${m.error}`);
        this.redraw();
      }
    };
    const request: WorkerRequest = {
      type: "stability",
      id,
      x: fit.x,
      y: fit.y,
      options: { family: s.family, alpha: s.alpha, standardize: s.standardize, intercept: s.intercept, pairs: STABILITY_PAIRS, seed: STABILITY_SEED, threshold: STABILITY_THRESHOLD, lambdaAt: lambda },
    };
    worker.postMessage(request);
    this.panel.setChart(null, "Fitting the path on half-samples of the rows…");
  }

  update(lambda: number, width: number): void {
    const fit = this.fit;
    if (!fit) return;
    if (fit.family === "cox") {
      this.panel.setChart(null, "Stability over half-samples is not offered for Cox fits in the lab; the command line's stability command is.");
      return;
    }
    if (fit.x.n * fit.x.p > STABILITY_LIMIT) {
      this.panel.setChart(null, `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit ${2 * STABILITY_PAIRS} half-samples; the command line does (shrinkage stability FILE --target COL).`);
      return;
    }
    if (!this.result) {
      if (this.focused && !this.running) this.start(fit, lambda);
      return;
    }
    const w = Math.max(280, Math.min(760, Math.floor(width)));
    const key = `${lambda}|${w}`;
    if (this.drawn === key) return;
    this.drawn = key;
    this.panel.setChart(stabilityChart(this.result, lambda, w), stabilityWords(this.result, lambda));
  }
}
