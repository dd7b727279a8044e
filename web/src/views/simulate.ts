/**
 * The simulation view: a known sparse truth, many repetitions, and how often each method finds it.
 * The experiment (src/simulate) runs in the worker; progress comes back as messages.
 */
import * as Plot from "@observablehq/plot";
import { SCENARIOS, recoveryChart, type SimulationSummary } from "../../../src/index.js";
import type { LabState } from "../state.js";
import { createPanel, el, formatValue, type Panel } from "../panel.js";
import type { FitResponse } from "../protocol.js";
import { PlantedPanel } from "./planted.js";

export interface SimulateHost {
  runSimulation(scenario: string, reps: number, seed: number): void;
  setScenario(name: string): void;
  /** The loaded data's fit, for a truth planted on it (null while there is none). */
  data?(): FitResponse | null;
}


export class SimulatePage {
  readonly recovery: Panel;
  readonly selection: Panel;
  private readonly scenarioSelect: HTMLSelectElement;
  private readonly description: HTMLElement;
  private readonly reps: HTMLSelectElement;
  private readonly run: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressText: HTMLElement;
  private readonly irrepresentable: HTMLElement;
  private readonly table: HTMLElement;
  private result: SimulationSummary | null = null;
  private resultScenario: string | null = null;
  private width = 600;
  /** Known truth planted on the loaded data. */
  readonly planted: PlantedPanel;

  constructor(
    readonly root: HTMLElement,
    private readonly host: SimulateHost,
  ) {
    this.recovery = createPanel("panel-simulate", "Known truth: how often is the true set found?", { wide: true });
    this.selection = createPanel("panel-selection", "How often each variable is selected (at λ_1se)", { wide: true });
    this.scenarioSelect = el("select", { id: "scenario" }) as HTMLSelectElement;
    for (const s of SCENARIOS) this.scenarioSelect.append(el("option", { value: s.name, text: s.name }));
    this.reps = el("select", { id: "sim-reps" }) as HTMLSelectElement;
    for (const r of [20, 50, 100, 200]) this.reps.append(el("option", { value: String(r), text: String(r) }));
    this.reps.value = "20";
    this.run = el("button", { type: "button", id: "sim-run", class: "primary", text: "Run" }) as HTMLButtonElement;
    this.progress = el("progress", { id: "sim-progress", max: "1", value: "0" }) as HTMLProgressElement;
    this.progressText = el("span", { id: "sim-progress-text", "aria-live": "polite" });
    this.description = el("p", { class: "note", id: "scenario-description" });
    this.irrepresentable = el("p", { class: "note", id: "sim-irrepresentable" });
    this.table = el("div", { class: "table-wrap" });
    const controls = el(
      "div",
      { class: "toy-controls" },
      el("label", {}, "scenario", this.scenarioSelect),
      el("label", {}, "repetitions", this.reps),
      this.run,
    );
    this.recovery.head.after(controls, this.description, el("div", {}, this.progress, " ", this.progressText), this.irrepresentable);
    this.recovery.body.append(this.table);
    this.planted = new PlantedPanel(() => host.data?.() ?? null);
    root.append(el("div", { class: "grid" }, this.planted.panel.root, this.recovery.root, this.selection.root));

    this.scenarioSelect.addEventListener("change", () => host.setScenario(this.scenarioSelect.value));
    this.run.addEventListener("click", () => host.runSimulation(this.scenarioSelect.value, Number(this.reps.value), 1));
    this.recovery.setChart(null, "Run a scenario to see how often each method recovers the true set of variables along λ.");
  }

  /** The number of repetitions chosen. */
  repetitions(): number {
    return Number(this.reps.value);
  }

  /** Whether the results on show are for this scenario. */
  shows(scenario: string): boolean {
    return this.result !== null && this.resultScenario === scenario;
  }

  update(state: LabState, width: number): void {
    this.width = width;
    this.planted.update(width);
    const name = state.scenario ?? SCENARIOS[0]!.name;
    this.scenarioSelect.value = name;
    this.description.textContent = SCENARIOS.find((s) => s.name === name)?.description ?? "";
    if (this.result && this.resultScenario !== name) {
      this.result = null;
      this.recovery.setChart(null, "Run this scenario to see its results.");
      this.selection.setChart(null, "");
      this.table.replaceChildren();
      this.irrepresentable.textContent = "";
    }
  }

  running(total: number): void {
    this.run.disabled = true;
    this.progress.max = total;
    this.progress.value = 0;
    this.progressText.textContent = `0 of ${total} repetitions`;
  }

  progressed(done: number, total: number): void {
    this.progress.max = total;
    this.progress.value = done;
    this.progressText.textContent = `${done} of ${total} repetitions`;
  }

  failed(message: string): void {
    this.run.disabled = false;
    this.progressText.textContent = message;
  }

  show(scenario: string, result: SimulationSummary): void {
    this.run.disabled = false;
    this.result = result;
    this.resultScenario = scenario;
    this.progressText.textContent = `done: ${result.settings.reps} repetitions, seed ${result.settings.seed}`;
    const d = result.design;
    this.irrepresentable.textContent = `True variables: ${d.support.join(", ") || "none"} (n = ${d.n}, p = ${d.p}, ${d.correlation}). Irrepresentable condition: ${
      result.irrepresentable.value === null ? "not defined here" : `${formatValue(result.irrepresentable.value, 3)}${result.irrepresentable.variable ? ` (attained by ${result.irrepresentable.variable})` : ""}, ${result.irrepresentable.holds ? "below 1" : "not below 1"}`
    }. ${result.irrepresentable.sentence}`;
    this.drawRecovery(result);
    this.drawSelection(result);
    this.drawTable(result);
  }

  private drawRecovery(result: SimulationSummary): void {
    // The same chart as `shrinkage simulate --plot`.
    const width = Math.max(300, Math.min(760, this.width - 30));
    const svg = recoveryChart(result, { width, title: null, subtitle: null });
    this.recovery.setChart(
      svg,
      `Fraction of ${result.settings.reps} repetitions in which each method selects exactly the true variables, at each λ relative to λ_max. ` +
        result.methods.map((m) => `${m.method}: exact at some λ in ${Math.round(100 * m.pExactAtSomeLambda)} %, at λ_min in ${Math.round(100 * m.lambdaMin.pExact)} %, at λ_1se in ${Math.round(100 * m.lambda1se.pExact)} %`).join("; ") +
        ".",
    );
  }

  private drawSelection(result: SimulationSummary): void {
    const lasso = result.methods.find((m) => m.method === "lasso") ?? result.methods[0];
    if (!lasso) return;
    const truth = new Set(result.design.support);
    const p = result.design.p;
    const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
    const rows = lasso.lambda1se.selectionFrequency.map((f, j) => ({ variable: names[j]!, frequency: f, truth: truth.has(names[j]!) ? "true variable" : "noise" }));
    const shown = p > 30 ? rows.filter((r) => r.truth === "true variable" || r.frequency > 0.05) : rows;
    const width = Math.max(300, Math.min(760, this.width - 30));
    const svg = Plot.plot({
      width,
      height: 240,
      marginLeft: 50,
      x: { domain: shown.map((r) => r.variable), label: null, tickRotate: shown.length > 20 ? -45 : 0 },
      y: { domain: [0, 1], label: `selected at λ_1se (${lasso.method})`, grid: true },
      color: { domain: ["true variable", "noise"], range: ["#4269d0", "#b8b8b8"] },
      ariaLabel: "How often each variable is selected at λ_1se",
      ariaDescription: shown.map((r) => `${r.variable} (${r.truth}) ${Math.round(100 * r.frequency)} %`).join(", "),
      marks: [Plot.barY(shown, { x: "variable", y: "frequency", fill: "truth" }), Plot.ruleY([0])],
    }) as unknown as SVGSVGElement;
    this.selection.setChart(
      svg,
      `Per variable, the fraction of repetitions in which the ${lasso.method} at λ_1se selects it; blue bars are true variables${p > 30 ? " (noise variables selected in under 5 % of repetitions left out)" : ""}.`,
    );
  }

  private drawTable(result: SimulationSummary): void {
    const pct = (x: number) => `${Math.round(100 * x)} %`;
    const head = el(
      "tr",
      {},
      ...["method", "exact set, λ_min", "exact set, λ_1se", "false positives, λ_1se", "‖β̂ − β‖, λ_1se", "prediction error, λ_min", "bias toward 0, λ_1se"].map((t, i) =>
        el("th", { scope: "col", class: i ? "num" : "", text: t }),
      ),
    );
    const body = result.methods.map((m) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", text: m.method }),
        el("td", { class: "num", text: pct(m.lambdaMin.pExact) }),
        el("td", { class: "num", text: pct(m.lambda1se.pExact) }),
        el("td", { class: "num", text: formatValue(m.lambda1se.meanFP, 3) }),
        el("td", { class: "num", text: formatValue(m.lambda1se.meanL2Error, 3) }),
        el("td", { class: "num", text: formatValue(m.lambdaMin.meanPredictionError, 3) }),
        el("td", { class: "num", text: formatValue(m.lambda1se.meanBiasTowardZero, 3) }),
      ),
    );
    this.table.replaceChildren(el("table", { class: "sim", id: "sim-table" }, el("thead", {}, head), el("tbody", {}, ...body)));
  }
}
