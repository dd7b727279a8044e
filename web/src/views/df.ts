/**
 * Degrees of freedom on the user's design (TEACHING.md §4, §14; question 8): the library's dfEstimate,
 * Efron's Σ Cov(ŷ_i, y_i)/σ² by Monte Carlo (outcomes simulated around the fit at λ, refitted at λ), run in
 * a worker of its own once λ rests, beside the count of nonzero coefficients at λ. Gaussian fits only.
 */
import type { DfEstimate } from "../../../src/index.js";
import type { FitResponse, WorkerMessage, WorkerRequest } from "../protocol.js";
import { createPanel, formatValue, type Panel } from "../panel.js";
import { FitView } from "./fit-view.js";

/** Simulated outcomes per λ: few enough to be ready in a second or two. */
export const DF_REPS = 50;
/** Data above this size (n·p) are not refitted DF_REPS times per λ in the lab. */
const DF_LIMIT = 200_000;
/** How long λ must rest before the simulations run, ms. */
const REST_MS = 200;

/** The view's words: the Monte Carlo df with its standard error beside the count of nonzeros. */
export function dfWords(e: DfEstimate): string {
  const lo = e.df - 2 * e.se;
  const hi = e.df + 2 * e.se;
  const agree = e.nonzero >= lo && e.nonzero <= hi;
  return (
    `At λ = ${formatValue(e.lambda)}: ${e.nonzero} nonzero coefficients; Monte Carlo degrees of freedom ${formatValue(e.df, 3)} ± ${formatValue(e.se, 2)} ` +
    `(Efron's Σ Cov(ŷ_i, y_i)/σ², ${e.reps} outcomes simulated on your rows around the fit at λ with noise sd σ = ${formatValue(e.sigma, 3)}, each refitted at λ; the intercept's 1 left out). ` +
    `The simulated fits kept ${formatValue(e.meanNonzero, 3)} nonzeros on average. ` +
    (agree
      ? "The count of nonzeros lies within two standard errors of the estimate: for the lasso the number of nonzeros is an unbiased estimate of its degrees of freedom (Zou, Hastie and Tibshirani 2007), although the survivors are shrunk: shrinking them takes away what choosing them adds."
      : "The count of nonzeros is more than two standard errors from the estimate: with a ridge part (α < 1) the df falls below the count, as the ridge part shrinks without selecting; for the pure lasso more simulations narrow the gap.")
  );
}

export class DfPanel extends FitView {
  readonly panel: Panel = createPanel("panel-df", "Degrees of freedom", { downloads: false });
  private worker: Worker | null = null;
  private readonly cache = new Map<number, DfEstimate>();
  private pending: number | null = null;
  private timer: number | null = null;
  private serial = 0;

  constructor(private readonly redraw: () => void) {
    super();
  }

  protected cleared(): void {
    this.cache.clear();
    this.pending = null;
    this.serial++;
    this.worker?.terminate();
    this.worker = null;
  }

  private ask(fit: FitResponse, lambda: number): void {
    if (!this.worker) {
      this.worker = new Worker(new URL("../worker.ts", import.meta.url), { type: "module" });
      this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
        const m = event.data;
        if (m.type !== "df" || m.id !== this.serial) return;
        this.pending = null;
        if (m.estimate) this.cache.set(m.lambda, m.estimate);
        else this.panel.setChart(null, `The degrees of freedom could not be estimated at this λ: ${m.error}`);
        this.redraw();
      };
    }
    this.pending = lambda;
    const request: WorkerRequest = { type: "df", id: this.serial, path: fit.path, x: fit.x, y: fit.y, lambda, reps: DF_REPS };
    this.worker.postMessage(request);
  }

  update(lambda: number): void {
    const fit = this.fit;
    if (!fit || !this.focused) return;
    if (fit.family !== "gaussian") {
      this.panel.setChart(null, "The Monte Carlo degrees of freedom are estimated for gaussian fits; for other families the count of nonzeros is the usual approximation.");
      return;
    }
    if (fit.x.n * fit.x.p > DF_LIMIT) {
      this.panel.setChart(null, `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit ${DF_REPS} simulated outcomes per λ; the command line's explain prints the estimate.`);
      return;
    }
    const estimate = this.cache.get(lambda);
    this.shownWords = estimate ? dfWords(estimate) : null;
    if (estimate) {
      this.panel.root.classList.remove("stale");
      this.panel.setChart(null, this.shownWords!);
      return;
    }
    this.panel.root.classList.add("stale");
    if (!this.panel.alt.textContent) this.panel.setChart(null, "Simulating outcomes on your rows at this λ…");
    if (this.pending === lambda) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      if (this.fit === fit && !this.cache.has(lambda)) this.ask(fit, lambda);
    }, REST_MS);
  }
}
