/**
 * Known truth on the loaded data (TEACHING.md §6; issue 15 item 4, questions 4 and 10): the library's
 * simulateOnData, as `shrinkage simulate --from FILE` runs it. It plants a sparse truth on the person's own
 * rows and columns (the relaxed fit at λ_1se), draws new outcomes around it with noise at the fit's residual
 * scale, refits each with cross-validation, and reports how often the planted set is recovered, sign errors,
 * the bias of the survivors and the irrepresentable condition of *their* X. It runs in a worker of its own.
 */
import * as Plot from "@observablehq/plot";
import type { PlantedChoice, PlantedSummary } from "../../../src/index.js";
import type { FitResponse, WorkerMessage, WorkerRequest } from "../protocol.js";
import { createPanel, el, formatValue, type Panel } from "../panel.js";

/** The seed and folds of the planted runs (as the command line's defaults). */
export const PLANT_SEED = 1;
export const PLANT_FOLDS = 10;
/** Data above this size (n·p) are not refitted reps × (folds + 1) times in the lab. */
const PLANT_LIMIT = 200_000;

function percent(f: number): string {
  return `${Math.round(100 * f)} %`;
}

/** The planted truth in words: its variables and values, the noise, and where they come from. */
export function truthWords(s: PlantedSummary): string {
  const t = s.truth;
  const planted = Array.from(t.support, (j) => `${s.features[j]} = ${formatValue(t.beta[j]!)}`);
  const source = t.source === "relaxed-1se" ? `the relaxed fit at λ_1se = ${formatValue(t.lambda1se)} of your data (the variables cross-validation keeps, refitted without penalty)` : "the values given";
  const noise = Number.isNaN(t.sigma) ? "outcomes drawn as Bernoulli with the planted probabilities" : `noise sd σ = ${formatValue(t.sigma)} (the residual sd of that fit)`;
  return `Planted on your ${s.features.length} columns and their rows: ${planted.length ? planted.join(", ") : "no variable"}, from ${source}; ${noise}. ${s.reps} new outcomes, each refitted with ${PLANT_FOLDS}-fold cross-validation (seed ${s.seed}).`;
}

/** Recovery at one choice of λ, in words. */
function choiceWords(name: string, c: PlantedChoice, size: number): string {
  return `at ${name} the fit found every planted variable in ${percent(c.pAllFound)} of the runs and exactly the planted set in ${percent(c.pExact)}, with ${formatValue(c.meanTP, 3)} of ${size} planted and ${formatValue(c.meanFP, 3)} other variables selected on average, and a wrong sign in ${percent(c.pSignError)}`;
}

/** The view's words: the truth, recovery at λ_min and λ_1se, the bias, the irrepresentable condition. */
export function plantedWords(s: PlantedSummary): string {
  const size = s.truth.support.length;
  const shrunk = s.lambda1se.bias.filter((b) => b.selected > 0);
  const bias = shrunk.length
    ? ` At λ_1se the estimates are pulled toward zero (averaged over the runs, a miss counting as 0): ${shrunk.map((b) => `${b.variable} ${formatValue(b.beta)} planted, ${formatValue(b.meanEstimate)} on average`).join("; ")}.`
    : "";
  return `${truthWords(s)} Recovery: ${choiceWords("λ_min", s.lambdaMin, size)}; ${choiceWords("λ_1se", s.lambda1se, size)}.${bias} Irrepresentable condition for your X: ${s.irrepresentable.sentence}`;
}

function frequencyChart(s: PlantedSummary, width: number): SVGSVGElement {
  const planted = new Set(Array.from(s.truth.support));
  const rows = s.features.map((feature, j) => ({ feature, frequency: s.lambda1se.selectionFrequency[j]!, kind: planted.has(j) ? "planted" : "not planted" }));
  const shown = rows.length > 40 ? rows.filter((r) => r.kind === "planted" || r.frequency > 0.05) : rows;
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 50,
    marginBottom: 50,
    x: { domain: shown.map((r) => r.feature), label: null, tickRotate: shown.length > 12 ? -45 : 0 },
    y: { domain: [0, 1], label: "selected at λ_1se", grid: true },
    color: { domain: ["planted", "not planted"], range: ["#4269d0", "#b8b8b8"], legend: false },
    ariaLabel: "How often each of your variables is selected at λ_1se when the planted truth is known",
    ariaDescription: shown.map((r) => `${r.feature} (${r.kind}) ${percent(r.frequency)}`).join(", "),
    marks: [Plot.barY(shown, { x: "feature", y: "frequency", fill: "kind" }), Plot.ruleY([0])],
  }) as unknown as SVGSVGElement;
}

function recoveryTable(s: PlantedSummary): HTMLTableElement {
  const size = s.truth.support.length;
  const head = el("tr", {}, ...["λ", "all planted found", "exact set", "planted selected", "others selected", "a sign wrong"].map((t, i) => el("th", { scope: "col", class: i ? "num" : "", text: t })));
  const row = (name: string, c: PlantedChoice) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", text: name }),
      el("td", { class: "num", text: percent(c.pAllFound) }),
      el("td", { class: "num", text: percent(c.pExact) }),
      el("td", { class: "num", text: `${formatValue(c.meanTP, 3)} of ${size}` }),
      el("td", { class: "num", text: formatValue(c.meanFP, 3) }),
      el("td", { class: "num", text: percent(c.pSignError) }),
    );
  return el("table", { class: "sim", id: "plant-table" }, el("thead", {}, head), el("tbody", {}, row("λ_min", s.lambdaMin), row("λ_1se", s.lambda1se)));
}

export class PlantedPanel {
  readonly panel: Panel = createPanel("panel-planted", "Known truth planted on your data", { wide: true });
  private readonly reps = el("select", { id: "plant-reps" }) as HTMLSelectElement;
  private readonly run = el("button", { type: "button", id: "plant-run", class: "primary", text: "Plant and refit" }) as HTMLButtonElement;
  private readonly progress = el("span", { id: "plant-progress", "aria-live": "polite" });
  private readonly table = el("div", { class: "table-wrap" });
  private worker: Worker | null = null;
  private serial = 0;
  private result: { fit: FitResponse; summary: PlantedSummary } | null = null;
  private width = 600;

  constructor(private readonly data: () => FitResponse | null) {
    for (const r of [10, 20, 50]) this.reps.append(el("option", { value: String(r), text: String(r) }));
    this.reps.value = "20";
    const intro = el(
      "p",
      { class: "note" },
      "Your data's own design, with a truth you know: the variables your cross-validated fit keeps become the truth, new outcomes are drawn around it on your rows, and each is fitted again. How often does the lasso find the planted set on these columns, and does the irrepresentable condition for your X say it should? The bars: how often each variable is selected at λ_1se, blue for the planted ones.",
    );
    this.panel.head.after(intro, el("div", { class: "toy-controls" }, el("label", {}, "repetitions", this.reps), this.run, this.progress));
    this.panel.body.append(this.table);
    this.run.addEventListener("click", () => this.start());
  }

  /** The panel's words once a run has finished (for a question's answer), else null. */
  words(): string | null {
    return this.result ? plantedWords(this.result.summary) : null;
  }

  private start(): void {
    const fit = this.data();
    if (!fit) {
      this.progress.textContent = "Load data first: the truth is planted on the data of the Your data tab.";
      return;
    }
    if (fit.x.n * fit.x.p > PLANT_LIMIT) {
      this.progress.textContent = `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit each repetition with cross-validation; the command line does (shrinkage simulate --from FILE --target COL).`;
      return;
    }
    this.worker?.terminate();
    const id = ++this.serial;
    const worker = new Worker(new URL("../worker.ts", import.meta.url), { type: "module" });
    this.worker = worker;
    const reps = Number(this.reps.value);
    this.run.disabled = true;
    this.progress.textContent = `Planting the truth on ${fit.dataName}…`;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      if (m.id !== id || this.serial !== id) return;
      if (m.type === "progress") this.progress.textContent = `${m.done} of ${m.total} repetitions`;
      else if (m.type === "planted") {
        worker.terminate();
        this.worker = null;
        this.run.disabled = false;
        if (!m.summary) {
          this.progress.textContent = `The truth could not be planted on ${fit.dataName}: ${m.error}`;
          return;
        }
        this.result = { fit, summary: m.summary };
        this.progress.textContent = `done: ${m.summary.reps} repetitions on ${fit.dataName}, seed ${m.summary.seed}`;
        this.draw();
      }
    };
    const s = fit.path.settings;
    const request: WorkerRequest = {
      type: "plant",
      id,
      x: fit.x,
      y: fit.y,
      options: { fit: { family: s.family, alpha: s.alpha, standardize: s.standardize, intercept: s.intercept }, reps, seed: PLANT_SEED, nfolds: PLANT_FOLDS },
    };
    worker.postMessage(request);
  }

  /** The page is shown at this width; a run of other data than the loaded one is withdrawn. */
  update(width: number): void {
    const changed = Math.abs(width - this.width) > 1;
    this.width = width;
    if (this.result && this.result.fit !== this.data()) {
      this.result = null;
      this.panel.setChart(null, "");
      this.table.replaceChildren();
      this.progress.textContent = "The data changed: plant again to see this data's recovery.";
      return;
    }
    if (changed && this.result) this.draw();
  }

  private draw(): void {
    const r = this.result;
    if (!r) return;
    this.panel.setChart(frequencyChart(r.summary, Math.max(300, Math.min(760, this.width - 30))), plantedWords(r.summary));
    this.table.replaceChildren(recoveryTable(r.summary));
  }
}
