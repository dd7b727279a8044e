/**
 * The data page for a multinomial or mgaussian fit: the coefficient paths per class (all classes as
 * facets, or the class picked), pull versus price at λ (ungrouped: each (variable, class) pull against
 * its own price; grouped and mgaussian: the length of a variable's K pulls against λ·α·v, the per-class
 * parts in the table), the CV curve with λ_min and λ_1se, and the coefficients per class with
 * explainMulti's words. Every view follows λ; the charts with a λ axis are drawn once per fit and
 * class, and λ moves their marker.
 */
import * as Plot from "@observablehq/plot";
import { cvCurveChart, drawChart, multiFamilyOf, type MultiMeasure } from "../../../src/index.js";
import { explainMulti, multiPathSpec, multiPullSpec, type MultiExplanation, type MultiPathInput, type MultiPullInput } from "../../../src/lab.js";
import { attachMarker, type LambdaMarker } from "../marker.js";
import { createPanel, el, formatValue, svgPoint, type Panel } from "../panel.js";
import type { MultiDropMessage, MultiExplainedMessage, MultiFitResponse } from "../protocol.js";
import { multiFamilyWords } from "../multi.js";
import { plural } from "../words.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** The CV chart labels λ_min and λ_1se in two rows: the current λ's label goes in a third (as on the single-response page). */
const CV_MARKER_TOP = 29;
/** Explanations kept per fit (one per λ visited). */
const KEPT = 400;

export type MultiPanelId = "paths" | "cv" | "pull" | "table" | "drop";
/** How long λ must rest before the drop costs (refits in the worker) are asked for. */
const DROP_DELAY_MS = 250;

export interface MultiHost {
  setLambda(lambda: number): void;
  /** Something only this page shows changed (the class picked): draw again. */
  redraw(): void;
  /** The cross-validation's measure chosen (cv --type-measure): the fit is cross-validated again with it. */
  setMeasure(measure: MultiMeasure): void;
  /** Ask the worker for the explanation at λ with the coefficients refitted there (answered through showExact). */
  askExplain(lambda: number): void;
  /** Ask the worker what dropping each kept variable would cost at λ (answered through showDrop). */
  askDrop(lambda: number): void;
}

/** An explanation on show: exact (at a λ of the path, or refitted at λ), or interpolated while the refit runs (or if it failed). */
interface Shown {
  readonly e: MultiExplanation;
  readonly exact: boolean;
  readonly error: string | null;
}

/** One class's curves of a multi-response path (multiPathSpec then draws one panel). */
export function classPath(path: MultiPathInput, k: number): MultiPathInput {
  const p = path.features.length;
  return { ...path, classes: [path.classes[k]!], beta: path.beta.map((b) => Array.prototype.slice.call(b, k * p, (k + 1) * p) as number[]) };
}

/** The pull chart's input for the classes shown: all of them, or one (ungrouped: that class's pulls only). */
export function pullInput(e: MultiExplanation, shown: number | null): MultiPullInput {
  const base = { family: e.family, grouped: e.grouped, lambda: e.lambda };
  if (shown === null || e.grouped) return { ...base, classes: e.classes, variables: e.variables };
  return {
    ...base,
    classes: [e.classes[shown]!],
    variables: e.variables.map((v) => ({ feature: v.feature, price: v.price, pulls: [v.pulls[shown]!], coefficients: [v.coefficients[shown]!] })),
  };
}

/** A dashed rule at one log λ across every facet of a chart drawn by Plot (its x scale places it). */
function attachRule(svg: SVGSVGElement, top: number, bottom: number): ((x: number, label: string) => void) | null {
  const xOptions = (svg as unknown as { scale?: (name: string) => Plot.ScaleOptions | undefined }).scale?.("x");
  if (!xOptions) return null;
  const x = Plot.scale({ x: xOptions });
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", "lab-lambda-marker");
  group.setAttribute("pointer-events", "none");
  group.setAttribute("aria-hidden", "true");
  const rule = document.createElementNS(SVG_NS, "line");
  for (const [k, v] of Object.entries({ y1: top, y2: bottom, stroke: "currentColor", "stroke-dasharray": "4 3", "stroke-width": 1.2 })) rule.setAttribute(k, String(v));
  const text = document.createElementNS(SVG_NS, "text");
  for (const [k, v] of Object.entries({ y: top - 4, "font-size": 10, "font-weight": "bold", "text-anchor": "middle" })) text.setAttribute(k, String(v));
  group.append(rule, text);
  svg.append(group);
  return (value, label) => {
    const px = x.apply(value) as number;
    group.setAttribute("display", Number.isFinite(px) ? "inline" : "none");
    if (!Number.isFinite(px)) return;
    rule.setAttribute("x1", String(px));
    rule.setAttribute("x2", String(px));
    text.setAttribute("x", String(px));
    text.textContent = label;
  };
}

/** A number for the table: exactly zero as "0", else four significant digits. */
function cell(value: number): HTMLTableCellElement {
  return el("td", { class: "num", "data-value": String(value), text: value === 0 ? "0" : formatValue(value) });
}

export class MultiPage {
  readonly root: HTMLElement;
  readonly panels: Record<MultiPanelId, Panel>;
  private readonly classSelect: HTMLSelectElement;
  /** The CV measure: the family's measures, the fit's selected. */
  private readonly measureSelect: HTMLSelectElement;
  private readonly classLabel: HTMLElement;
  private readonly words: HTMLElement;
  private readonly tableHead: HTMLTableSectionElement;
  private readonly tableBody: HTMLTableSectionElement;
  private fit: MultiFitResponse | null = null;
  /** Explanations at the λs visited: exact (a λ of the path, or refitted there by the worker) or interpolated while the refit runs. */
  private explained = new Map<number, Shown>();
  /** The λ whose refit the worker is working on (one at a time: a moving slider asks for where it rests). */
  private exactAsked: number | null = null;
  private pathsDrawn: { key: string; move: ((x: number, label: string) => void) | null } | null = null;
  private cvDrawn: { key: string; marker: LambdaMarker | null } | null = null;
  private pullDrawn = "";
  private tableDrawn = "";
  private readonly dropBody: HTMLTableSectionElement;
  /** The drop table's held-out column head: it names the fit's CV measure. */
  private readonly dropCvHead: HTMLTableCellElement;
  /** The λ whose drop costs are shown or asked for, and the timer that asks once λ rests. */
  private dropLambda: number | null = null;
  private dropTimer: number | null = null;

  constructor(private readonly host: MultiHost) {
    this.panels = {
      paths: createPanel("panel-multi-paths", "Coefficient paths per class"),
      pull: createPanel("panel-multi-pull", "Pull versus price per class"),
      cv: createPanel("panel-multi-cv", "Cross-validation"),
      table: createPanel("panel-multi-table", "Coefficients per class at this λ", { wide: true, downloads: false }),
      drop: createPanel("panel-multi-drop", "What dropping each would cost", { wide: true, downloads: false }),
    };
    this.dropBody = el("tbody", { id: "multi-drop-body" });
    this.dropCvHead = el("th", { scope: "col", class: "num", id: "multi-drop-cv-head", text: "Held-out rise" });
    const dropHead = el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col", text: "Variable" }),
        el("th", { scope: "col", class: "num", text: "Deviance rise" }),
        el("th", { scope: "col", class: "num", text: "Share of null" }),
        this.dropCvHead,
        el("th", { scope: "col", class: "num", text: "Pull at zero / price" }),
        el("th", { scope: "col", text: "Why" }),
      ),
    );
    this.panels.drop.chart.replaceWith(el("div", { class: "table-wrap" }, el("table", { class: "coef", id: "multi-drop-table" }, dropHead, this.dropBody)));
    this.classSelect = el("select", { id: "multi-class", "aria-label": "class shown" });
    this.classSelect.addEventListener("change", () => {
      this.pathsDrawn = null;
      this.pullDrawn = "";
      this.tableDrawn = "";
      this.host.redraw();
    });
    this.measureSelect = el("select", { id: "multi-measure", "aria-label": "cross-validation measure" });
    this.measureSelect.addEventListener("change", () => this.host.setMeasure(this.measureSelect.value as MultiMeasure));
    this.panels.cv.root.insertBefore(el("label", { class: "inline" }, "measure: ", this.measureSelect), this.panels.cv.root.children[1] ?? null);
    this.classLabel = el("span", { text: "Class " });
    const picker = el("div", { class: "multi-picker" }, el("label", { class: "inline" }, this.classLabel, this.classSelect));
    this.words = el("p", { class: "note", id: "multi-words" });
    this.tableHead = el("thead", {});
    this.tableBody = el("tbody", { id: "multi-coef-body" });
    this.panels.table.chart.replaceWith(el("div", { class: "table-wrap" }, el("table", { class: "coef", id: "multi-coef-table" }, this.tableHead, this.tableBody)));
    this.panels.table.body.prepend(this.words);
    this.panels.paths.chart.classList.add("clickable");
    this.panels.cv.chart.classList.add("clickable");
    this.panels.paths.chart.addEventListener("click", (event) => this.clickToLambda(event, this.panels.paths));
    this.panels.cv.chart.addEventListener("click", (event) => this.clickToLambda(event, this.panels.cv));
    const grid = el("div", { class: "grid multi-grid" }, this.panels.paths.root, this.panels.pull.root, this.panels.cv.root, this.panels.table.root, this.panels.drop.root);
    this.root = el("div", { class: "multi-page", id: "multi-page", hidden: "" }, picker, grid);
  }

  /** The fit's cross-validation arrived (from the fold workers): the CV curve and the measure; drop costs asked again, with folds. */
  setCv(fit: MultiFitResponse): void {
    if (!this.fit || fit.id !== this.fit.id) return;
    this.fit = fit;
    this.cvDrawn = null;
    this.dropLambda = null;
    this.measureSelect.value = fit.cv?.measure ?? multiFamilyOf(fit.family).defaultMeasure;
    this.measureSelect.disabled = !fit.cv;
  }

  /** The class picked (its index), or null for all classes. */
  shownClass(): number | null {
    const v = this.classSelect.value;
    return v === "" ? null : Number(v);
  }

  setFit(fit: MultiFitResponse | null): void {
    this.fit = fit;
    this.explained = new Map();
    this.exactAsked = null;
    this.pathsDrawn = null;
    this.cvDrawn = null;
    this.pullDrawn = "";
    this.tableDrawn = "";
    this.dropLambda = null;
    this.dropBody.replaceChildren();
    this.root.hidden = !fit;
    if (!fit) return;
    const part = fit.family === "mgaussian" ? "response" : "class";
    const previous = this.classSelect.selectedOptions[0]?.textContent ?? "";
    this.classLabel.textContent = fit.family === "mgaussian" ? "Response " : "Class ";
    this.classSelect.replaceChildren(
      el("option", { value: "", text: fit.family === "mgaussian" ? "all responses" : "all classes" }),
      ...fit.path.classes.map((c, k) => el("option", { value: String(k), text: c })),
    );
    // The same class stays picked across refits of the same data (α, grouped).
    const again = fit.path.classes.indexOf(previous);
    this.classSelect.value = again >= 0 ? String(again) : "";
    const family = multiFamilyOf(fit.family);
    this.measureSelect.replaceChildren(...family.measures.map((m) => el("option", { value: m, text: m === family.defaultMeasure ? `${m} (default)` : m })));
    this.measureSelect.value = fit.cv?.measure ?? family.defaultMeasure;
    this.measureSelect.disabled = !fit.cv;
    this.panels.paths.head.querySelector("h2")!.textContent = `Coefficient paths per ${part}`;
    this.panels.pull.head.querySelector("h2")!.textContent = fit.path.grouped ? "Pull versus price: length of each variable's pulls" : `Pull versus price per ${part}`;
    this.panels.table.head.querySelector("h2")!.textContent = `Coefficients per ${part} at this λ`;
  }

  /**
   * The explanation at λ: exact at the path's λs (explainMulti, on the page) and, between them, once the
   * worker has refitted at λ (explainMultiAt); until then the coefficients interpolated between the
   * neighbouring λs, marked as such, and the refit asked for.
   */
  explanation(lambda: number): Shown | null {
    const fit = this.fit;
    if (!fit) return null;
    const known = this.explained.get(lambda);
    if (known?.exact || (known && this.exactAsked === lambda) || known?.error) return known;
    const onPath = fit.path.lambda.includes(lambda);
    const shown: Shown = known ?? { e: explainMulti(fit.path, { x: fit.x, y: fit.y }, lambda), exact: onPath, error: null };
    if (this.explained.size >= KEPT) this.explained.clear();
    this.explained.set(lambda, shown);
    if (!onPath && this.exactAsked === null) {
      this.exactAsked = lambda;
      this.host.askExplain(lambda);
    }
    return shown;
  }

  /** The worker's explanation refitted at λ: kept, and drawn if λ is on show (the next render reads it). */
  showExact(message: MultiExplainedMessage): void {
    if (!this.fit || message.fitId !== this.fit.id) return;
    if (this.exactAsked === message.lambda) this.exactAsked = null;
    const before = this.explained.get(message.lambda);
    if (message.explanation) this.explained.set(message.lambda, { e: message.explanation, exact: true, error: null });
    else if (before) this.explained.set(message.lambda, { ...before, error: message.error });
    this.host.redraw();
  }

  /** Draw every view at λ; returns the number of variables nonzero for some class (the λ bar's count). */
  update(lambda: number, width: number): number | null {
    const fit = this.fit;
    if (!fit) return null;
    const w = Math.max(280, Math.min(760, Math.floor(width)));
    const { e, exact, error } = this.explanation(lambda)!;
    const shown = this.shownClass();
    for (const panel of [this.panels.pull, this.panels.table]) {
      panel.root.classList.toggle("stale", !exact);
      panel.root.dataset.exact = String(exact);
    }
    this.drawPaths(fit, lambda, w, shown);
    this.drawCv(fit, lambda, w);
    this.drawPull(e, w, shown, exact);
    this.drawTable(fit, e, shown, { exact, error });
    // With the folds still running the drop costs wait: then they are asked once, held-out costs and all.
    if (fit.folds) {
      this.panels.drop.root.classList.add("stale");
      this.panels.drop.alt.textContent = "The drop costs wait for the cross-validation's folds, to give the held-out cost beside the training one.";
    } else this.askDropSoon(lambda);
    return e.variables.filter((v) => v.coefficients.some((b) => b !== 0)).length;
  }

  /** The drop costs at λ, asked of the worker once λ rests (each is a refit without one variable). */
  private askDropSoon(lambda: number): void {
    if (this.dropLambda === lambda) return;
    this.dropLambda = lambda;
    this.panels.drop.root.classList.add("stale");
    this.panels.drop.alt.textContent = `Refitting without each kept variable at λ = ${formatValue(lambda)}…`;
    if (this.dropTimer !== null) clearTimeout(this.dropTimer);
    this.dropTimer = window.setTimeout(() => {
      this.dropTimer = null;
      if (this.dropLambda === lambda) this.host.askDrop(lambda);
    }, DROP_DELAY_MS);
  }

  /** The worker's drop costs: shown if they are for the λ on show. */
  showDrop(message: MultiDropMessage): void {
    if (!this.fit || message.fitId !== this.fit.id || message.lambda !== this.dropLambda) return;
    this.panels.drop.root.classList.remove("stale");
    this.panels.drop.root.dataset.lambda = String(message.lambda);
    this.dropBody.replaceChildren(
      ...message.rows.map((r) =>
        el(
          "tr",
          { "data-variable": r.feature },
          el("th", { scope: "row", text: r.feature }),
          cell(r.deviance),
          el("td", { class: "num", text: `${formatValue(100 * r.share, 3)} %` }),
          r.cv === null ? el("td", { class: "num cv", text: "–" }) : Object.assign(cell(r.cv), { className: "num cv" }),
          el("td", { class: "num", text: r.pullRatio === null ? "–" : formatValue(r.pullRatio, 3) }),
          el("td", { class: "why", text: r.words }),
        ),
      ),
    );
    const part = this.fit.family === "mgaussian" ? "residual sum of squares" : "training deviance";
    this.dropCvHead.textContent = message.measure ? `Held-out rise (${message.measure})` : "Held-out rise";
    const heldOut = message.measure
      ? ` The held-out rise is the same refit cross-validated on the fit's folds: how much worse its ${message.measure} on rows it did not see (above 0: the variable helps prediction, not only the fit).`
      : this.fit.cv
        ? " The held-out cost is left out at this size: each variable's would be a cross-validation of its own (the command line's explain computes it)."
        : "";
    this.panels.drop.alt.textContent = message.error
      ? `The drop costs at λ = ${formatValue(message.lambda)} could not be computed: ${message.error}`
      : message.rows.length === 0
        ? `No variable is in the model at λ = ${formatValue(message.lambda)}: nothing to drop.`
        : `Each kept variable left out (all its ${this.fit.path.classes.length} coefficients) and the model refitted at λ = ${formatValue(message.lambda)}: the rise in the ${part} is what it buys; a pull at zero above its price means zero is no solution.${heldOut}`;
  }

  focus(view: string): void {
    for (const [key, panel] of Object.entries(this.panels)) panel.root.classList.toggle("focused", key === view);
  }

  private drawPaths(fit: MultiFitResponse, lambda: number, width: number, shown: number | null): void {
    const key = `${fit.id}|${width}|${shown}`;
    if (this.pathsDrawn?.key !== key) {
      const input = shown === null ? fit.path : classPath(fit.path, shown);
      const spec = multiPathSpec(input, { width, title: null, subtitle: null });
      const svg = drawChart(spec);
      svg.dataset.classes = input.classes.join(",");
      this.panels.paths.setChart(svg, "");
      const plot = spec.plot as { height: number; marginTop: number; marginBottom: number };
      this.pathsDrawn = { key, move: attachRule(svg, plot.marginTop, plot.height - plot.marginBottom) };
    }
    this.pathsDrawn.move?.(Math.log(lambda), `λ = ${formatValue(lambda, 3)}`);
    this.panels.paths.root.dataset.lambda = String(lambda);
    const part = fit.family === "mgaussian" ? "response" : "class";
    const which = shown === null ? `one panel per ${part} (${fit.path.classes.join(", ")})` : `${part} ${fit.path.classes[shown]} only`;
    this.panels.paths.alt.textContent = `Coefficient paths of ${plural(fit.path.features.length, "variable")} against log λ, ${which}; the dashed line marks λ = ${formatValue(lambda)}. Click the chart to move λ.`;
  }

  private drawCv(fit: MultiFitResponse, lambda: number, width: number): void {
    const cv = fit.cv;
    if (!cv) {
      const key = `${fit.id}|${fit.folds ? "running" : "none"}`;
      if (this.cvDrawn?.key !== key) this.panels.cv.setChart(null, fit.folds ? "Cross-validating: the folds are fitted in workers of their own; the curve follows." : fit.cvError ?? "No cross-validation.");
      this.cvDrawn = { key, marker: null };
      return;
    }
    const key = `${fit.id}|${width}`;
    if (this.cvDrawn?.key !== key) {
      const svg = cvCurveChart({ ...cv, path: { family: fit.family } }, { lambda: null, width, title: null, subtitle: null });
      this.panels.cv.setChart(svg, "");
      this.cvDrawn = { key, marker: attachMarker(svg, { labelTop: CV_MARKER_TOP }) };
    }
    this.cvDrawn.marker?.update(Math.log(lambda), [], `λ = ${formatValue(lambda, 3)}`);
    this.panels.cv.alt.textContent = `Cross-validated ${cv.measure} with ±1 standard error along log λ. Smallest at λ_min = ${formatValue(cv.lambdaMin)} (${cv.nzero[cv.indexMin]} variables in); the largest λ within one standard error of it is λ_1se = ${formatValue(cv.lambda1se)} (${cv.nzero[cv.index1se]} in). The dashed line marks the current λ = ${formatValue(lambda)}.`;
  }

  private drawPull(e: MultiExplanation, width: number, shown: number | null, exact: boolean): void {
    const key = `${this.fit!.id}|${e.lambda}|${width}|${shown}|${exact}`;
    if (key === this.pullDrawn) return;
    this.pullDrawn = key;
    const input = pullInput(e, shown);
    const svg = drawChart(multiPullSpec(input, { width, title: null, subtitle: null }));
    svg.dataset.classes = input.classes.join(",");
    this.panels.pull.setChart(svg, svg.querySelector("desc")?.textContent ?? "");
    this.panels.pull.root.dataset.lambda = String(e.lambda);
  }

  /** The table: the intercepts, then per variable its status, price, pull size and each class's β and pull, and the words. */
  private drawTable(fit: MultiFitResponse, e: MultiExplanation, shown: number | null, how: { exact: boolean; error: string | null }): void {
    const key = `${fit.id}|${e.lambda}|${shown}|${how.exact}|${how.error}`;
    if (key === this.tableDrawn) return;
    this.tableDrawn = key;
    const ks = shown === null ? e.classes.map((_, k) => k) : [shown];
    const size = e.grouped ? "‖pulls‖" : "max |pull|";
    this.tableHead.replaceChildren(
      el(
        "tr",
        {},
        el("th", { scope: "col", text: "Variable" }),
        el("th", { scope: "col", text: "Status" }),
        el("th", { scope: "col", class: "num", text: size }),
        el("th", { scope: "col", class: "num", text: "Price λ·α·v" }),
        ...ks.flatMap((k) => [el("th", { scope: "col", class: "num", text: `β ${e.classes[k]}` }), el("th", { scope: "col", class: "num", text: `pull ${e.classes[k]}` })]),
        el("th", { scope: "col", class: "num", text: "Entered" }),
      ),
    );
    const columns = 5 + 2 * ks.length;
    const order = new Map(e.entryOrder.map((f, i) => [f, i + 1]));
    const intercept = el(
      "tr",
      { class: "intercept", "data-variable": "(Intercept)" },
      el("th", { scope: "row", text: "(Intercept)" }),
      el("td", { text: "unpenalized" }),
      el("td", {}),
      el("td", {}),
      ...ks.flatMap((k) => [cell(e.intercept[k]!), el("td", {})]),
      el("td", {}),
    );
    for (const [i, k] of ks.entries()) (intercept.children[4 + 2 * i] as HTMLElement).dataset.class = e.classes[k]!;
    const rows = e.variables.flatMap((v) => {
      const betas = ks.flatMap((k) => {
        const b = cell(v.coefficients[k]!);
        b.dataset.class = e.classes[k]!;
        b.classList.add("beta");
        const g = cell(v.pulls[k]!);
        g.dataset.class = e.classes[k]!;
        g.classList.add("pull");
        return [b, g];
      });
      const entered = order.get(v.feature);
      // The words under the numbers, the row's full width: why this variable is in or out, for which classes.
      const why = el("tr", { class: "why-row", "data-why": v.feature }, el("td", { class: "why", colspan: String(columns), text: v.words }));
      const numbers = el(
        "tr",
        { "data-variable": v.feature, "data-status": v.status },
        el("th", { scope: "row", text: v.feature }),
        el("td", {}, el("span", { class: "status-pill", text: v.status === "kept" ? (e.grouped ? "in" : `in: ${v.classes.join(", ")}`) : v.status })),
        cell(v.pullSize),
        cell(v.price),
        ...betas,
        el("td", { class: "num", text: entered === undefined ? "never" : `${entered} · λ = ${formatValue(v.entryLambda!, 3)}` }),
      );
      return [numbers, why];
    });
    this.tableBody.replaceChildren(intercept, ...rows);
    this.panels.table.root.dataset.lambda = String(e.lambda);
    const between = how.exact
      ? ""
      : how.error
        ? ` (Between the path's λs the coefficients are interpolated: the refit at this λ failed: ${how.error})`
        : " (Between the path's λs: the coefficients are interpolated until the fit at this λ is refitted.)";
    this.words.textContent = `${multiFamilyWords(fit.path)}. ${e.words.join(" ")}${between}`;
  }

  /** A click on a chart with a log λ axis sets λ there. */
  private clickToLambda(event: MouseEvent, panel: Panel): void {
    const svg = panel.svg();
    const xOptions = (svg as unknown as { scale?: (name: string) => Plot.ScaleOptions | undefined } | null)?.scale?.("x");
    if (!svg || !xOptions) return;
    const point = svgPoint(svg, event);
    const x = Plot.scale({ x: xOptions });
    const value = point && x.invert ? (x.invert(point.x) as number) : NaN;
    if (Number.isFinite(value)) this.host.setLambda(Math.exp(value));
  }
}
