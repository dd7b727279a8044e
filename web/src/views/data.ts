/**
 * "Your data": the views of the current fit, all driven by the one λ. The path (and the cross-validation)
 * are fitted once per setting in the worker; here λ only selects (the explanation layer's solution at λ,
 * or the path interpolated until it is at hand) and the shared chart modules of src/plot draw.
 */
import * as Plot from "@observablehq/plot";
import {
  entryHistories,
  coef,
  coefficientPathChart,
  lambdaAtPathX,
  pathXAtLambda,
  cvCurveChart,
  commonPrice,
  hasRidgePart,
  pullPriceChart,
  STATUS_COLORS,
  type PullPriceInput,
  type PullPriceOptions,
  ridgeSpectrumChart,
  featureScales,
  standardizedPath,
  type PathInput,
  type RidgeSpectrumInput,
  type RidgeSpectrumOptions,
} from "../../../src/index.js";
import { noEntry } from "../../../src/lab.js";
import type { Evidence } from "../evidence.js";
import type { FitResponse } from "../protocol.js";
import { RELAX_GAMMAS, type LabState, type PathScale, type ViewId, type Xvar } from "../state.js";
import { relaxNote, relaxedValue } from "../relax.js";
import { DropPanel } from "./drop.js";
import { StabilityPanel } from "./stability.js";
import { DfPanel } from "./df.js";
import { CostPanel } from "./cost.js";
import { StandardizePanel } from "./standardize.js";
import { DataNav, SOLO_VIEWS } from "./data-nav.js";
import { createPanel, el, formatValue, svgPoint, type Panel } from "../panel.js";
import { attachMarker, type LambdaMarker } from "../marker.js";
import { coefficientsCsv, coefficientsJson, download, type CoefficientExport } from "../export.js";
import { modelledAs } from "../reading.js";
import { plural } from "../words.js";
import { pullPatcher, setAttr, setText, spectrumPatcher, type PullPatcher, type SpectrumPatcher } from "../patch.js";

export interface DataHost {
  setLambda(lambda: number): void;
  setXvar(xvar: Xvar): void;
  setScale(scale: PathScale): void;
  setGamma(gamma: number): void;
  /** Open another view of the data (the page's own tabs). */
  setView(view: ViewId): void;
  /** Draw again (work done later, e.g. the drop costs once λ rests, is ready). */
  redraw(): void;
}

/** Everything the views show at one λ, computed once per λ change. */
export interface AtLambda {
  readonly lambda: number;
  readonly intercept: number;
  readonly beta: Float64Array;
  /** Status per feature. */
  readonly status: readonly string[];
  /** One plain-language line per feature. */
  readonly lines: readonly string[];
}

/**
 * Entry of each variable along the path, as the explanation layer states it: between the last fitted λ
 * where it is zero (`upper`, null when it is nonzero from the first λ) and the first where it is not
 * (`lambda`), with its rank among those that enter. Unpenalized variables, and every variable of a ridge
 * path, are nonzero at every λ: they have no entry (`free`) and no rank.
 */
export interface Entry {
  readonly step: number | null;
  readonly lambda: number | null;
  readonly upper: number | null;
  readonly order: number | null;
  readonly free: "unpenalized" | "ridge" | null;
}

export function entries(fit: FitResponse): Entry[] {
  const { path } = fit;
  const free = (j: number) => noEntry(path.settings.alpha, path.settings.penaltyFactor[j]!);
  return entryHistories(path, (j) => free(j) === null).map((h, j) => ({
    step: h.firstStep,
    lambda: h.firstLambda,
    upper: h.lastZeroLambda,
    order: h.entryOrder,
    free: h.firstStep === null ? null : free(j),
  }));
}

/** When a variable entered, in words: "between λ = 12.3 and 11.2", "every λ (unpenalized)", "never". */
export function entryWords(e: Entry, digits?: number): string {
  if (e.free !== null) return `every λ (${e.free})`;
  if (e.lambda === null) return "never";
  return e.upper === null ? `λ ≥ ${formatValue(e.lambda, digits)}` : `λ ${formatValue(e.upper, digits)}–${formatValue(e.lambda, digits)}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}

/**
 * The values at λ. When the explanation layer's evidence for this λ is at hand, everything comes from
 * it: its coefficients are the exact solution at λ (a refit between fitted λs), the same numbers its
 * sentences and pulls are made from, so the table, the chart markers, the readout and the exports agree
 * with the words. Until it arrives, the library's coef() (the path interpolated, as glmnet's coef), with
 * status and words from the path alone (nonzero or not, and when it entered).
 */
export function atLambda(fit: FitResponse, lambda: number, entry: readonly Entry[], evidence: Evidence | null): AtLambda {
  if (evidence && evidence.lambda === lambda) {
    const e = evidence.explanation;
    return { lambda, intercept: e.intercept, beta: Float64Array.from(e.coefficients, (c) => c.coefficient), status: e.coefficients.map((c) => c.status), lines: evidence.lines };
  }
  const c = coef(fit.path, lambda);
  const status = Array.from(c.beta, (b) => (b !== 0 ? "active" : "zero"));
  const lines = fit.path.features.map((name, j) => {
    const e = entry[j]!;
    if (e.lambda === null) return `${name} never enters the model on this path.`;
    if (e.free !== null) return `${name} is in the model at every λ (${e.free === "ridge" ? "ridge keeps every coefficient" : "it is unpenalized"}).`;
    const when = `entered ${ordinal(e.order!)}, ${e.upper === null ? `at λ ≥ ${formatValue(e.lambda)}` : `between λ = ${formatValue(e.upper)} and ${formatValue(e.lambda)}`}`;
    if (c.beta[j] !== 0) return `${name} is in the model (${when}).`;
    return e.lambda < lambda ? `${name} is zero here; it ${when}, below the current λ.` : `${name} is zero here although it ${when}: it left the model again.`;
  });
  return { lambda, intercept: c.intercept, beta: c.beta, status, lines };
}

/**
 * The end of the pull axis: the largest bar or price rounded up to 1, 2 or 5 × 10^k, so the scale stays
 * put while λ moves a little (a bar visibly grows to the line) and changes only in steps.
 */
export function steppedMax(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter(Number.isFinite)) * 1.08;
  if (!(max > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  const step = [1, 2, 5, 10].find((m) => m * power >= max)!;
  return step * power;
}

/**
 * The most bars the pull chart draws (every bundled dataset fits): with more variables it shows those
 * pulling hardest, the ones in the model and the nearest to entering, and says how many it leaves out,
 * rather than a chart thousands of pixels tall that pushes every other view off the page.
 */
export const PULL_BARS = 30;

/** The variables the pull chart shows, in their own order: all, or the PULL_BARS largest pulls. */
export function pullBars(absPull: readonly number[], max = PULL_BARS): number[] {
  const all = absPull.map((_, j) => j);
  if (all.length <= max) return all;
  const size = (j: number) => (Number.isFinite(absPull[j]!) ? absPull[j]! : -Infinity);
  return all.sort((a, b) => size(b) - size(a) || a - b).slice(0, max).sort((a, b) => a - b);
}

/** Up to this many curves, the paths chart is drawn tall enough for each to have a label of its own. */
export const PATH_LABEL_EVERY = 60;

/** The CV chart's marker label: below the chart's λ_min (4 px) and λ_1se (16 px) label rows. */
export const CV_MARKER_TOP = 29;

/** One variable's row of the coefficient table and the cells λ changes. */
interface TableRow {
  readonly tr: HTMLTableRowElement;
  readonly value: HTMLTableCellElement;
  /** The relaxed coefficient at the chosen γ (blank for the intercept, and until the evidence is at hand). */
  readonly relaxed: HTMLTableCellElement | null;
  readonly pill: HTMLSpanElement | null;
  readonly pullPrice: HTMLTableCellElement | null;
  readonly why: HTMLTableCellElement | null;
}

type Explained = Evidence["explanation"];
type Explained1 = Explained["coefficients"][number];

/**
 * The pull chart's sentence: the price, and for α < 1 its two parts (the lasso part λ·α·v, paid to leave
 * zero, and the ridge part, which grows with |β̃|), with the numbers of the largest coefficient; for ridge
 * why nothing reaches zero.
 */
export function pullWords(e: Explained, active: readonly Explained1[], zeros: readonly Explained1[]): string {
  const lassoPart = e.lambda * e.alpha;
  const closest = zeros[0];
  const names = active.length ? ` (${active.map((c) => c.feature).join(", ")})` : "";
  const held = `${zeros.length} ${zeros.length === 1 ? "falls short and stays" : "fall short and stay"} at zero${closest ? `, the closest being ${closest.feature}, short by ${formatValue(closest.margin ?? 0)}` : ""}`;
  const kkt = `Largest KKT violation ${formatValue(e.kkt.maxViolation, 2)}.`;
  if (e.alpha === 1) {
    return `At λ = ${formatValue(e.lambda)} the price of a coefficient is λ·α = ${formatValue(lassoPart)} (times its penalty factor). ${active.length === 1 ? "1 variable's pull reaches it and it is" : `${active.length} variables' pull reaches it and they are`} in the model${names}; ${held}. ${kkt}`;
  }
  const big = [...active].sort((a, b) => Math.abs(b.ridge) - Math.abs(a.ridge))[0];
  const example = big ? ` For ${big.feature}: pull ${formatValue(big.absPull)} = lasso part ${formatValue(big.price)} + ridge part ${formatValue(Math.abs(big.ridge))}.` : "";
  const ridgeScale = e.family === "gaussian" ? " (divided by sd(y), as glmnet scales y)" : "";
  if (e.alpha === 0) {
    return `Ridge (α = 0): the lasso part of the price, λ·α·v, is 0, so leaving zero costs nothing and any pull at all moves a coefficient off zero; that is why no coefficient is exactly zero. What holds each one back is the ridge part λ·v·|β̃|${ridgeScale}, which grows with the coefficient: it stops where the ridge part equals the pull.${example} ${kkt}`;
  }
  return `At λ = ${formatValue(e.lambda)} a coefficient meets a price in two parts: the lasso part λ·α·v = ${formatValue(lassoPart)} (red), the cost of leaving zero, and the ridge part λ·(1−α)·v·|β̃|${ridgeScale} (purple), which grows with the coefficient. ${active.length === 1 ? "1 variable's pull" : `${active.length} variables' pulls`} exceed the lasso part and ${active.length === 1 ? "is" : "are"} in the model${names}, each pull equal to the sum of the two parts.${example} ${held}: a zero coefficient has no ridge part, so the lasso part alone decides. ${kkt}`;
}

/** What the pull chart leaves out, in words: "" when it shows every variable. */
function pullMoreText(p: number, bars: readonly number[], status: readonly string[]): string {
  const left = p - bars.length;
  if (left === 0) return "";
  const shown = new Set(bars);
  const active = status.filter((s, j) => !shown.has(j) && s === "active").length;
  const rest = active === 0 ? "pull less and stay at zero" : `pull no harder (${active} of them in the model)`;
  return `The ${bars.length} largest pulls of ${plural(p, "variable")}; the other ${left} ${rest}. The table lists them all.`;
}

function statusColor(status: string): string {
  const color = STATUS_COLORS[status as keyof typeof STATUS_COLORS];
  // The chart's grey for "zero" is too light for text on white.
  return `color: ${color === "#b8b8b8" ? "#6b6b6b" : (color ?? "inherit")}`;
}

export class DataPage {
  readonly panels: Record<"paths" | "cv" | "pull" | "table" | "spectrum", Panel>;
  private fit: FitResponse | null = null;
  private entry: Entry[] = [];
  private at: AtLambda | null = null;
  private state: LabState | null = null;
  private readonly xvarSelect: HTMLSelectElement;
  private readonly scaleSelect: HTMLSelectElement;
  /** The paths as drawn (original units, or per SD of each feature), and the features' SDs. */
  private shownPath: PathInput | null = null;
  private scales: Float64Array | null = null;
  private readonly tableBody: HTMLTableSectionElement;
  private readonly tableCaption: HTMLElement;
  private readonly paragraph: HTMLElement;
  private readonly gammaSelect: HTMLSelectElement;
  /** What dropping each kept variable would cost (question 11). */
  readonly drop: DropPanel;
  /** Selection frequencies over half-samples (questions 4 and 10). */
  readonly stability: StabilityPanel;
  /** Monte Carlo degrees of freedom beside the count of nonzeros (question 8). */
  readonly df: DfPanel;
  /** The cost along one chosen coefficient (question 2). */
  readonly cost: CostPanel;
  /** The fit with and without standardizing (question 5). */
  readonly standardizePanel = new StandardizePanel();
  /** The page's own tabs: the overview, and the views shown alone. */
  readonly nav: DataNav;
  /** The page's width, for the views shown alone (they span it). */
  private rootWidth = 0;
  private readonly relaxedHead: HTMLTableCellElement;
  private readonly relaxParagraph: HTMLElement;
  /** The table's CSV and JSON downloads: disabled while there is no fit to export. */
  private readonly exportButtons: HTMLButtonElement[];
  /** Under the pull chart's heading: how many variables it leaves out, when it cannot show them all. */
  private readonly pullMore: HTMLElement;
  private evidence: Evidence | null = null;
  /** Charts drawn once per fit, x variable and width; λ only moves their markers. */
  private pathsDrawn: { key: string; marker: LambdaMarker | null } | null = null;
  private cvDrawn: { key: string; marker: LambdaMarker | null } | null = null;
  /** Bar charts drawn once per frame-fixing key (fit, width, axis end, statuses); λ patches their bars. */
  private pullDrawn: { key: string; patcher: PullPatcher | null } | null = null;
  /**
   * The pull charts drawn for this fit, by key: the axis end moves in steps as λ moves, and a jump back
   * to a step drawn before swaps that chart in and patches it rather than drawing it again.
   */
  private pullCharts = new Map<string, { svg: SVGSVGElement; patcher: PullPatcher }>();
  private spectrumDrawn: { key: string; patcher: SpectrumPatcher | null } | null = null;
  /** The last λ's inputs of the patched charts, and whether their titles and labels wait for λ to rest. */
  private undescribed: { pull: [PullPriceInput, PullPriceOptions] | null; spectrum: [RidgeSpectrumInput, RidgeSpectrumOptions] | null } = { pull: null, spectrum: null };
  /** Whether λ is moving (the slider): titles and labels of the bars then wait for settle(). */
  private moving = false;
  /** The table's rows, made once per fit; λ only changes their texts. */
  private rows: TableRow[] = [];
  private fitSerial = 0;

  constructor(
    readonly root: HTMLElement,
    private readonly host: DataHost,
  ) {
    this.panels = {
      paths: createPanel("panel-paths", "Coefficient paths"),
      cv: createPanel("panel-cv", "Cross-validation"),
      pull: createPanel("panel-pull", "Pull versus price"),
      spectrum: createPanel("panel-spectrum", "Ridge spectrum"),
      table: createPanel("panel-table", "Coefficients at this λ", { wide: true, downloads: false }),
    };
    const grid = el("div", { class: "grid" });
    this.drop = new DropPanel(() => host.redraw());
    for (const key of ["paths", "pull", "cv", "spectrum"] as const) grid.append(this.panels[key].root);
    // The drop costs after the table (the table stays where a person and the tests look for it).
    grid.append(this.panels.table.root, this.drop.panel.root);
    this.stability = new StabilityPanel(() => host.redraw());
    grid.append(this.stability.panel.root);
    this.df = new DfPanel(() => host.redraw());
    grid.append(this.df.panel.root);
    this.cost = new CostPanel(() => host.redraw());
    grid.append(this.cost.panel.root, this.standardizePanel.panel.root);
    // The views shown alone span the page, and are laid out at once (style.css: .panel.solo).
    for (const panel of this.soloPanels().values()) panel.root.classList.add("wide", "solo");
    this.nav = new DataNav((view) => host.setView(view));
    root.append(this.nav.root, grid);
    new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      if (width > 0 && width !== this.rootWidth) {
        this.rootWidth = width;
        host.redraw();
      }
    }).observe(root);

    // Paths: the x variable, as glmnet's xvar.
    this.xvarSelect = el("select", { id: "xvar", "aria-label": "x axis of the paths chart" }) as HTMLSelectElement;
    for (const [value, label] of [["lambda", "log λ"], ["norm", "L1 norm"], ["dev", "deviance explained"]] as const) {
      this.xvarSelect.append(el("option", { value, text: label }));
    }
    this.xvarSelect.addEventListener("change", () => host.setXvar(this.xvarSelect.value as Xvar));
    this.panels.paths.tools.prepend(el("label", { class: "inline" }, "x: ", this.xvarSelect));
    // Units of the paths: the data's own, or per standard deviation of each feature (comparable curves).
    this.scaleSelect = el("select", { id: "path-scale", "aria-label": "units of the paths chart" }) as HTMLSelectElement;
    for (const [value, label] of [["original", "original units"], ["standardized", "per SD of feature"]] as const) this.scaleSelect.append(el("option", { value, text: label }));
    this.scaleSelect.addEventListener("change", () => host.setScale(this.scaleSelect.value as PathScale));
    this.panels.paths.tools.prepend(el("label", { class: "inline" }, "y: ", this.scaleSelect));
    this.pullMore = el("p", { class: "note", id: "pull-more" });
    this.panels.pull.body.prepend(this.pullMore);

    // Clicking a chart with a λ axis sets λ.
    this.panels.paths.chart.classList.add("clickable");
    this.panels.cv.chart.classList.add("clickable");
    this.panels.paths.chart.addEventListener("click", (e) => this.clickToLambda(e, "paths"));
    this.panels.cv.chart.addEventListener("click", (e) => this.clickToLambda(e, "cv"));

    // Table with CSV and JSON export.
    const csvButton = el("button", { type: "button", id: "export-csv", text: "CSV", disabled: "" });
    const jsonButton = el("button", { type: "button", id: "export-json", text: "JSON", disabled: "" });
    this.exportButtons = [csvButton, jsonButton];
    csvButton.addEventListener("click", () => this.exportCoefficients("csv"));
    jsonButton.addEventListener("click", () => this.exportCoefficients("json"));
    this.panels.table.tools.append(csvButton, jsonButton);
    // glmnet's relax γ: the relaxed column blends the penalized fit with the unpenalized refit.
    this.gammaSelect = el("select", { id: "relax-gamma", "aria-label": "relax γ of the relaxed column" }) as HTMLSelectElement;
    for (const g of RELAX_GAMMAS) this.gammaSelect.append(el("option", { value: String(g), text: g === 0 ? "0 (refit)" : g === 1 ? "1 (lasso)" : String(g) }));
    this.gammaSelect.addEventListener("change", () => host.setGamma(Number(this.gammaSelect.value)));
    this.panels.table.tools.prepend(el("label", { class: "inline" }, "relax γ: ", this.gammaSelect));
    this.relaxedHead = el("th", { scope: "col", class: "num", text: "Relaxed" }) as HTMLTableCellElement;
    this.relaxParagraph = el("p", { class: "note", id: "relax-note" });
    this.tableCaption = el("caption", {});
    const head = el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col", text: "Variable" }),
        el("th", { scope: "col", class: "num", text: "Coefficient" }),
        this.relaxedHead,
        el("th", { scope: "col", text: "Status" }),
        el("th", { scope: "col", class: "num", text: "Pull / price" }),
        el("th", { scope: "col", class: "num", text: "Entered" }),
        el("th", { scope: "col", text: "Why" }),
      ),
    );
    this.tableBody = el("tbody", { id: "coef-body" });
    const table = el("table", { class: "coef", id: "coef-table" }, this.tableCaption, head, this.tableBody);
    this.paragraph = el("p", { class: "note", id: "fit-words" });
    this.panels.table.chart.replaceWith(el("div", { class: "table-wrap" }, table));
    this.panels.table.body.prepend(this.paragraph);
    this.paragraph.after(this.relaxParagraph);
  }

  /** A new fit: recompute what depends only on the path. */
  setFit(fit: FitResponse | null): void {
    this.fit = fit;
    this.fitSerial++;
    this.pathsDrawn = null;
    this.cvDrawn = null;
    this.pullDrawn = null;
    this.pullCharts.clear();
    this.spectrumDrawn = null;
    this.entry = fit ? entries(fit) : [];
    this.drop.setFit(fit);
    this.stability.setFit(fit);
    this.df.setFit(fit);
    this.cost.setFit(fit);
    this.standardizePanel.setFit(fit);
    this.scales = fit ? featureScales(fit.x) : null;
    this.shownPath = null;
    this.rows = fit ? this.makeRows(fit) : [];
    this.tableBody.replaceChildren(...this.rows.map((r) => r.tr));
    for (const button of this.exportButtons) button.disabled = !fit;
    if (!fit) {
      for (const key of ["paths", "cv", "pull", "spectrum"] as const) this.panels[key].setChart(null, "");
      this.tableCaption.textContent = "";
      this.paragraph.textContent = "";
      this.pullMore.textContent = "";
    }
  }

  /** The table's rows for a fit: the intercept, then one per variable with its entry on the path. */
  private makeRows(fit: FitResponse): TableRow[] {
    const value = () => el("td", { class: "num", "data-value": "", text: "" });
    const interceptValue = value();
    const rows: TableRow[] = [
      {
        tr: el(
          "tr",
          // A model without an intercept (cox) has no such row to show.
          { class: "intercept", "data-variable": "(Intercept)", ...(fit.path.settings.intercept ? {} : { hidden: "" }) },
          el("th", { scope: "row", text: "(Intercept)" }),
          interceptValue,
          el("td", { class: "num relaxed", text: "" }),
          el("td", {}, el("span", { class: "status-pill", text: "unpenalized" })),
          el("td", { class: "num", text: "" }),
          el("td", { class: "num", text: "" }),
          el("td", { text: "The intercept is never penalized." }),
        ),
        value: interceptValue,
        relaxed: null,
        pill: null,
        pullPrice: null,
        why: null,
      },
    ];
    fit.path.features.forEach((name, j) => {
      const e = this.entry[j]!;
      const cells = { value: value(), relaxed: el("td", { class: "num relaxed", "data-label": "relaxed", text: "" }) as HTMLTableCellElement, pill: el("span", { class: "status-pill" }), pullPrice: el("td", { class: "num", "data-label": "pull / price", text: "" }), why: el("td", {}) };
      const tr = el(
        "tr",
        { "data-variable": name },
        el("th", { scope: "row", text: name }),
        cells.value,
        cells.relaxed,
        el("td", {}, cells.pill),
        cells.pullPrice,
        el("td", { class: "num entered", "data-label": "entered", text: e.order === null ? entryWords(e, 3) : `${ordinal(e.order)} · ${entryWords(e, 3)}` }),
        cells.why,
      );
      rows.push({ tr, ...cells });
    });
    return rows;
  }

  /**
   * λ, xvar or the fit changed: redraw the λ-dependent parts. `moving`: λ comes from a slider in motion,
   * so the bars' tooltips and accessible names wait for settle() (the visible texts do not wait).
   */
  update(state: LabState, lambda: number, width: number, evidence: Evidence | null, options: { moving?: boolean } = {}): AtLambda | null {
    this.state = state;
    this.moving = options.moving ?? false;
    // Before the views update: a view shown alone computes only once it knows it is on show.
    this.focus(state.view);
    const fit = this.fit;
    if (!fit) return null;
    this.xvarSelect.value = state.xvar;
    this.scaleSelect.value = state.scale;
    this.evidence = evidence && evidence.lambda === lambda ? evidence : null;
    const at = atLambda(fit, lambda, this.entry, this.evidence);
    this.at = at;
    this.drawPaths(fit, state, lambda, width);
    this.drawCv(fit, lambda, width);
    this.drawPull(fit, lambda, width, evidence);
    this.drawSpectrum(lambda, width, evidence);
    // The views shown alone are as wide as the page.
    const solo = this.rootWidth > 0 ? this.rootWidth : width;
    if (!this.moving) this.drop.update(lambda, solo, this.evidence);
    if (!this.moving) this.stability.update(lambda, solo);
    if (!this.moving) this.df.update(lambda);
    if (!this.moving) this.cost.update(lambda, solo);
    if (!this.moving) this.standardizePanel.update(lambda);
    this.gammaSelect.value = String(state.gamma);
    this.drawTable(fit, at, state.gamma);
    return at;
  }

  /** λ has come to rest: write the titles and labels the bars left out while it moved. */
  settle(): void {
    const { pull, spectrum } = this.undescribed;
    if (pull && this.pullDrawn?.patcher) this.pullDrawn.patcher.update(pull[0], pull[1], true);
    if (spectrum && this.spectrumDrawn?.patcher) this.spectrumDrawn.patcher.update(spectrum[0], spectrum[1], true);
    this.undescribed = { pull: null, spectrum: null };
  }

  /** The width a chart panel offers now (the grid has one or two columns depending on the screen). */
  panelWidth(): number {
    return Math.max(280, this.panels.paths.chart.clientWidth || this.root.clientWidth / 2);
  }

  /** The words a view shown alone has computed at the current λ (for a question's answer); null until ready. */
  viewWords(view: ViewId): string | null {
    if (view === "stability") return this.stability.words();
    if (view === "df") return this.df.words();
    if (view === "cost") return this.cost.words();
    if (view === "standardize") return this.standardizePanel.words();
    if (view === "drop") return this.state ? this.drop.wordsAt(this.state.lambda) : null;
    return null;
  }

  /** The panels of the views shown alone, by view. */
  private soloPanels(): Map<ViewId, Panel> {
    return new Map<ViewId, Panel>([
      ["drop", this.drop.panel],
      ["stability", this.stability.panel],
      ["df", this.df.panel],
      ["cost", this.cost.panel],
      ["standardize", this.standardizePanel.panel],
    ]);
  }

  focus(view: ViewId): void {
    this.nav.sync(view);
    // A view shown alone hides the overview's panels; the overview hides every view shown alone.
    const solo = SOLO_VIEWS.includes(view);
    for (const panel of Object.values(this.panels)) if (panel.root.hidden !== solo) panel.root.hidden = solo;
    for (const [key, panel] of this.soloPanels()) if (panel.root.hidden !== (key !== view)) panel.root.hidden = key !== view;
    for (const [key, panel] of Object.entries(this.panels)) panel.root.classList.toggle("focused", key === view);
    this.drop.panel.root.classList.toggle("focused", view === "drop");
    this.stability.panel.root.classList.toggle("focused", view === "stability");
    this.stability.setFocused(view === "stability");
    this.df.panel.root.classList.toggle("focused", view === "df");
    this.df.setFocused(view === "df");
    this.cost.panel.root.classList.toggle("focused", view === "cost");
    this.standardizePanel.panel.root.classList.toggle("focused", view === "standardize");
    this.standardizePanel.setFocused(view === "standardize");
  }

  private chartWidth(width: number): number {
    return Math.max(280, Math.min(760, Math.floor(width)));
  }

  private drawPaths(fit: FitResponse, state: LabState, lambda: number, width: number): void {
    const { xvar, scale } = state;
    const w = this.chartWidth(width);
    const key = `${this.fitSerial}|${xvar}|${scale}|${w}`;
    const standardized = scale === "standardized" && this.scales !== null;
    if (this.pathsDrawn?.key !== key) {
      this.shownPath = standardized ? standardizedPath(fit.path, this.scales!) : fit.path;
      const yLabel = standardized ? "Coefficient per SD of its feature" : "Coefficient";
      const svg = coefficientPathChart(this.shownPath, { xvar, lambda: null, width: w, title: null, subtitle: null, yLabel, labelEvery: PATH_LABEL_EVERY });
      this.panels.paths.setChart(svg, "");
      this.pathsDrawn = { key, marker: attachMarker(svg) };
    }
    const raw = this.at?.beta ?? coef(fit.path, lambda).beta;
    const beta = standardized ? raw.map((b, j) => b * this.scales![j]!) : raw;
    const marker = this.pathsDrawn.marker;
    if (marker) {
      const points = fit.path.features.flatMap((name, j) => (beta[j] !== 0 ? [{ y: beta[j]!, color: marker.color(name), title: `${name}: ${formatValue(beta[j]!)}` }] : []));
      marker.update(pathXAtLambda(this.shownPath ?? fit.path, xvar, lambda), points, `λ = ${formatValue(lambda, 3)}`);
    }
    const nonzero = beta.reduce((n, b) => n + (b !== 0 ? 1 : 0), 0);
    const xname = xvar === "lambda" ? "log λ" : xvar === "norm" ? `the L1 norm of the coefficients${standardized ? " (per SD)" : ""}` : "the fraction of deviance explained";
    const units = standardized
      ? " Coefficients per standard deviation of their feature (β·sd(x)): features measured on different scales compare directly, and these are the units the penalty charges when standardize is on."
      : "";
    setText(this.panels.paths.alt, `Coefficient paths of ${plural(fit.path.features.length, "variable")} against ${xname}; at the marked λ = ${formatValue(lambda)} ${nonzero} ${nonzero === 1 ? "is" : "are"} nonzero.${units} The table below lists every value. Click the chart to move λ.`);
  }

  private drawCv(fit: FitResponse, lambda: number, width: number): void {
    const cv = fit.cv;
    if (!cv) {
      if (this.cvDrawn?.key !== `${this.fitSerial}|none`) this.panels.cv.setChart(null, fit.cvError ?? "No cross-validation.");
      this.cvDrawn = { key: `${this.fitSerial}|none`, marker: null };
      return;
    }
    const w = this.chartWidth(width);
    const key = `${this.fitSerial}|${w}`;
    if (this.cvDrawn?.key !== key) {
      const svg = cvCurveChart(cv, { lambda: null, width: w, title: null, subtitle: null });
      this.panels.cv.setChart(svg, "");
      this.cvDrawn = { key, marker: attachMarker(svg, { labelTop: CV_MARKER_TOP }) };
    }
    this.cvDrawn.marker?.update(Math.log(lambda), [], `λ = ${formatValue(lambda, 3)}`);
    setText(this.panels.cv.alt, `Cross-validated ${cv.measure} (${this.state?.nfolds ?? ""} folds) with ±1 standard error along log λ. Smallest error at λ_min = ${formatValue(cv.lambdaMin)} (${cv.nzero[cv.indexMin]} nonzero); the largest λ within one standard error of it is λ_1se = ${formatValue(cv.lambda1se)} (${cv.nzero[cv.index1se]} nonzero). The dashed line marks the current λ = ${formatValue(lambda)}. Click the chart to move λ.`);
  }

  private drawPull(fit: FitResponse, lambda: number, width: number, evidence: Evidence | null): void {
    const panel = this.panels.pull;
    panel.root.classList.toggle("stale", !!evidence && evidence.lambda !== lambda);
    if (!evidence) {
      this.pullDrawn = null;
      panel.setChart(null, "Working out the pull and the price at this λ…");
      return;
    }
    const e = evidence.explanation;
    const bars = pullBars(e.coefficients.map((c) => c.absPull));
    const shown = bars.map((j) => e.coefficients[j]!);
    // For α < 1 the price a nonzero coefficient meets has a ridge part as well: drawn as a second segment.
    const ridged = e.alpha < 1;
    const input: PullPriceInput = {
      features: shown.map((c) => c.feature),
      pull: shown.map((c) => c.absPull),
      price: shown.map((c) => c.price),
      ...(ridged ? { ridge: shown.map((c) => Math.abs(c.ridge)) } : {}),
      status: shown.map((c) => c.status),
      lambda: e.lambda,
    };
    setText(this.pullMore, pullMoreText(e.coefficients.length, bars, e.coefficients.map((c) => c.status)));
    const w = this.chartWidth(width);
    const options: PullPriceOptions = { width: w, xMax: steppedMax(e.coefficients.map((c) => Math.max(c.absPull, Number.isFinite(c.price) ? c.price + Math.abs(c.ridge) : 0))), title: null, subtitle: null };
    // What fixes the drawn frame: the axis end, the legend (the statuses present) and which bars are
    // shown when not all are; λ moves the rest.
    const which = bars.length < e.coefficients.length ? `|${bars.join(",")}` : "";
    const key = `${this.fitSerial}|${w}|${options.xMax}|${[...new Set(input.status)].sort().join(",")}|${commonPrice(input) === null ? "ticks" : "line"}|${hasRidgePart(input)}${which}`;
    const drawn = this.pullCharts.get(key);
    const describe = !this.moving;
    this.undescribed.pull = describe ? null : [input, options];
    if (this.pullDrawn?.key === key && this.pullDrawn.patcher && panel.svg()) {
      this.pullDrawn.patcher.update(input, options, describe);
    } else if (drawn) {
      panel.setChart(drawn.svg, "");
      drawn.patcher.update(input, options, describe);
      this.pullDrawn = { key, patcher: drawn.patcher };
    } else {
      const svg = pullPriceChart(input, options);
      panel.setChart(svg, "");
      const patcher = pullPatcher(svg, input);
      // Kept for jumps back, within bounds: with many variables each set of bars shown is a chart of its own.
      if (this.pullCharts.size >= 64) this.pullCharts.clear();
      if (patcher) this.pullCharts.set(key, { svg, patcher });
      this.pullDrawn = { key, patcher };
    }
    const active = e.coefficients.filter((c) => c.status === "active");
    const zeros = e.coefficients.filter((c) => c.status === "zero").sort((a, b) => (a.margin ?? 0) - (b.margin ?? 0));
    setText(panel.alt, pullWords(e, active, zeros));
    void fit;
  }

  private drawSpectrum(lambda: number, width: number, evidence: Evidence | null): void {
    const panel = this.panels.spectrum;
    const spectrum = evidence?.spectrum;
    if (!evidence || !spectrum) {
      if (evidence?.spectrumPending && panel.svg()) {
        panel.root.classList.add("stale"); // the last spectrum stays until this λ's arrives
        return;
      }
      this.spectrumDrawn = null;
      panel.setChart(null, evidence && !evidence.spectrumPending ? "No spectrum for this fit." : "Working out the spectrum at this λ…");
      return;
    }
    panel.root.classList.remove("stale");
    const input: RidgeSpectrumInput = { d2: spectrum.d2, factor: spectrum.factor, df: spectrum.df, lambda };
    const w = this.chartWidth(width);
    const options: RidgeSpectrumOptions = { width: w, title: null, subtitle: null };
    // The y axis is [0, 1] whatever λ: the frame depends on the fit, the width and the number of directions.
    const key = `${this.fitSerial}|${w}|${spectrum.d2.length}|${evidence.spectrumAlpha}`;
    const describe = !this.moving;
    this.undescribed.spectrum = describe ? null : [input, options];
    if (this.spectrumDrawn?.key === key && this.spectrumDrawn.patcher && panel.svg()) {
      this.spectrumDrawn.patcher.update(input, options, describe);
    } else {
      const svg = ridgeSpectrumChart(input, options);
      panel.setChart(svg, "");
      this.spectrumDrawn = { key, patcher: spectrumPatcher(svg, input) };
    }
    const worst = spectrum.mostShrunk[0];
    const which = evidence.spectrumAlpha === this.fit?.path.alpha ? `the ridge part of this fit (α = ${formatValue(evidence.spectrumAlpha, 2)})` : `ridge (α = 0) at the same λ, for comparison: the lasso (α = 1) has no ridge part`;
    setText(
      panel.alt,
      `Shrinkage factor d²/(d² + nλ′) of each of the ${spectrum.d2.length} principal directions of the standardized data, for ${which}. Effective degrees of freedom ${formatValue(spectrum.df, 3)}.${worst ? ` The most shrunk direction keeps ${Math.round(100 * worst.factor)} % of the fit along it and is mostly ${worst.top.map((t) => t.feature).join(", ")}.` : ""}`,
    );
  }

  private clickToLambda(event: MouseEvent, which: "paths" | "cv"): void {
    const fit = this.fit;
    const panel = this.panels[which];
    const svg = panel.svg();
    if (!fit || !svg || !this.state) return;
    const point = svgPoint(svg, event);
    const descriptor = (svg as unknown as { scale?: (name: string) => Plot.ScaleOptions | undefined }).scale?.("x");
    if (!point || !descriptor) return;
    const x = Plot.scale({ x: descriptor }).invert?.(point.x) as number | undefined;
    if (x === undefined) return;
    if (!Number.isFinite(x)) return;
    const lambda = which === "cv" ? Math.exp(x) : lambdaAtPathX(this.shownPath ?? fit.path, this.state.xvar, x);
    const lambdas = fit.path.lambda;
    const clamped = Math.min(lambdas[0]!, Math.max(lambdas[lambdas.length - 1]!, lambda));
    if (Number.isFinite(clamped)) this.host.setLambda(clamped);
  }

  private drawTable(fit: FitResponse, at: AtLambda, gamma: number): void {
    const features = fit.path.features;
    const nonzero = at.status.filter((s) => s === "active").length;
    // What a coefficient measures: for binomial, which class is modelled as 1 decides what its sign means.
    const quantity = modelledAs(fit.family, fit.target, fit.positiveClass);
    setText(this.tableCaption, `${nonzero} of ${features.length} coefficients nonzero at λ = ${formatValue(at.lambda)}. Each is the change in ${quantity} per unit of its variable (original scale of the data; intercept ${formatValue(at.intercept)}).`);
    const [intercept, ...rows] = this.rows;
    if (intercept) {
      setAttr(intercept.value, "data-value", String(at.intercept));
      setText(intercept.value, formatValue(at.intercept));
    }
    rows.forEach((row, j) => {
      const status = at.status[j]!;
      const ev = this.evidence?.explanation.coefficients[j];
      setAttr(row.tr, "class", status);
      setAttr(row.value, "data-value", String(at.beta[j]));
      setText(row.value, formatValue(at.beta[j]!));
      setText(row.pill!, status);
      setAttr(row.pill!, "style", statusColor(status));
      setText(row.pullPrice!, ev ? `${formatValue(ev.absPull, 3)} / ${Number.isFinite(ev.price) ? formatValue(ev.price, 3) : "∞"}` : "");
      setText(row.why!, at.lines[j]!);
      const relaxed = ev && ev.relaxed !== null && at.beta[j] !== 0 ? relaxedValue(at.beta[j]!, ev.relaxed, gamma) : null;
      setAttr(row.relaxed!, "data-value", relaxed === null ? "" : String(relaxed));
      setText(row.relaxed!, relaxed === null ? (at.beta[j] === 0 ? "0" : "") : formatValue(relaxed));
    });
    setText(this.paragraph, this.evidence ? this.evidence.paragraph : "");
    setText(this.relaxedHead, `Relaxed, γ = ${formatValue(gamma, 2)}`);
    setText(this.relaxParagraph, this.evidence ? relaxNote(this.evidence.explanation.coefficients, gamma) : "");
  }

  private exportCoefficients(kind: "csv" | "json"): void {
    const fit = this.fit;
    const at = this.at;
    const state = this.state;
    if (!fit || !at || !state) return;
    const data: CoefficientExport = {
      dataset: fit.dataName,
      target: fit.target,
      family: fit.family,
      positiveClass: fit.positiveClass,
      alpha: fit.path.alpha,
      lambda: at.lambda,
      intercept: at.intercept,
      features: fit.path.features,
      coefficients: at.beta,
      status: at.status,
    };
    const base = `coefficients-${fit.dataName}-lambda-${at.lambda.toPrecision(4)}`;
    if (kind === "csv") download(`${base}.csv`, new Blob([coefficientsCsv(data)], { type: "text/csv" }));
    else download(`${base}.json`, new Blob([coefficientsJson(data)], { type: "application/json" }));
  }
}
