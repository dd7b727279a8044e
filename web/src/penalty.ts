/**
 * The penalty picker (lasso / elastic net / MCP / SCAD / adaptive lasso), its γ control, and the price
 * view of MCP and SCAD (issue 18). The state keeps `penalty` and `penaltyGamma`; the elastic net is the lasso
 * with α < 1, so the URL holds no second copy of α. γ is kept as typed: the library's own error
 * (γ must be greater than 1 for MCP, 2 for SCAD) is what the page shows for a γ too small.
 */
import { priceCurveChart, priceReading, priceReadingWords, nearestLambdaIndex } from "../../src/lab.js";
import type { ModelMatrix, Path } from "../../src/index.js";

/** What the price view reads of a fit (protocol.ts's FittedData has it). */
export interface FittedData {
  readonly path: Path;
  readonly x: ModelMatrix;
  readonly y: Float64Array;
}

/** The penalty of the fit: glmnet's elastic net (α from the α slider), ncvreg's MCP or SCAD, or the adaptive lasso. */
export const PENALTIES = ["lasso", "mcp", "scad", "adaptive"] as const;
export type PenaltyName = (typeof PENALTIES)[number];

/** What the picker shows: the elastic net is the lasso penalty with α below 1. */
export type PickerChoice = "lasso" | "enet" | "mcp" | "scad" | "adaptive";

/** ncvreg's defaults: γ = 3 for MCP, 3.7 for SCAD (Zhang 2010; Fan and Li 2001). */
export function defaultGamma(penalty: PenaltyName): number | null {
  return penalty === "mcp" ? 3 : penalty === "scad" ? 3.7 : null;
}

export function isConcave(penalty: PenaltyName): penalty is "mcp" | "scad" {
  return penalty === "mcp" || penalty === "scad";
}

/** Read `pen` and `pgamma` from a query: an unknown penalty is the lasso; any finite γ is kept (the fit judges it). */
export function penaltyFromQuery(q: URLSearchParams): { penalty: PenaltyName; penaltyGamma: number | null } {
  const pen = q.get("pen");
  const penalty = (PENALTIES as readonly string[]).includes(pen ?? "") ? (pen as PenaltyName) : "lasso";
  const g = q.get("pgamma");
  const gamma = isConcave(penalty) && g !== null && g.trim() !== "" && Number.isFinite(Number(g)) ? Number(g) : null;
  return { penalty, penaltyGamma: gamma };
}

/** Write `pen` and `pgamma` (γ only for MCP and SCAD, and only when set: null is ncvreg's default). */
export function penaltyToQuery(q: URLSearchParams, s: { penalty: PenaltyName; penaltyGamma: number | null }): void {
  if (s.penalty !== "lasso") q.set("pen", s.penalty);
  if (isConcave(s.penalty) && s.penaltyGamma !== null) q.set("pgamma", String(s.penaltyGamma));
}

/** The picker's value for a state. */
export function pickerChoice(s: { penalty: PenaltyName; alpha: number }): PickerChoice {
  return s.penalty === "lasso" && s.alpha < 1 ? "enet" : s.penalty;
}

/** The state a picker choice sets: the elastic net starts at α = 0.5, the lasso is α = 1; γ back to its default. */
export function choicePatch(choice: PickerChoice, alpha: number): { penalty: PenaltyName; alpha: number; penaltyGamma: null } {
  if (choice === "enet") return { penalty: "lasso", alpha: alpha < 1 ? alpha : 0.5, penaltyGamma: null };
  if (choice === "lasso") return { penalty: "lasso", alpha: 1, penaltyGamma: null };
  return { penalty: choice, alpha: choice === "adaptive" ? 1 : alpha, penaltyGamma: null };
}

/** The library's fit options of a penalty (fitPath/cvPath: penalty, penaltyGamma, adaptive). */
export function penaltyOptions(s: { penalty: PenaltyName; penaltyGamma: number | null }): { penalty?: "mcp" | "scad"; penaltyGamma?: number; adaptive?: boolean } {
  if (isConcave(s.penalty)) return { penalty: s.penalty, penaltyGamma: s.penaltyGamma ?? defaultGamma(s.penalty)! };
  if (s.penalty === "adaptive") return { adaptive: true };
  return {};
}

/** What the page says about a penalty: how it charges, and what of the lab's settings ncvreg cannot do. */
export function penaltyHelp(penalty: PenaltyName): string {
  if (isConcave(penalty)) {
    return `${penalty.toUpperCase()} (ncvreg): the price falls as a coefficient grows and is 0 beyond γλ. ` +
      "ncvreg always standardizes and fits unweighted rows with an intercept: unchecking standardize is refused, " +
      "α is its ridge mix (α = 0 is refused), and the Cox family is not available; the pull and spectrum views read the elastic net's conditions, so they explain the lasso only.";
  }
  if (penalty === "adaptive") return "Adaptive lasso (Zou 2006): penalty factors 1/|β̂_j| from a first ridge fit chosen by CV, then the lasso path with them.";
  return "The lasso and elastic net (glmnet): every coefficient pays the same price λα however large it is.";
}

/** The picker and the γ input, made once and synced with the state. */
export class PenaltyControls {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly gammaInput: HTMLInputElement;
  private readonly gammaLabel: HTMLLabelElement;
  private readonly help: HTMLElement;

  constructor(onChoice: (choice: PickerChoice) => void, onGamma: (penaltyGamma: number | null) => void) {
    this.root = document.createElement("div");
    this.root.className = "penalty-controls";
    const label = document.createElement("label");
    label.textContent = "Penalty ";
    this.select = document.createElement("select");
    this.select.id = "penalty";
    for (const [value, text] of [["lasso", "lasso"], ["enet", "elastic net"], ["mcp", "MCP"], ["scad", "SCAD"], ["adaptive", "adaptive lasso"]]) {
      const o = document.createElement("option");
      o.value = value!;
      o.textContent = text!;
      this.select.append(o);
    }
    label.append(this.select);
    this.gammaLabel = document.createElement("label");
    this.gammaLabel.textContent = "γ ";
    this.gammaInput = document.createElement("input");
    this.gammaInput.id = "penalty-gamma";
    this.gammaInput.type = "number";
    this.gammaInput.step = "0.1";
    this.gammaLabel.append(this.gammaInput);
    this.help = document.createElement("span");
    this.help.className = "help";
    this.help.id = "penalty-help";
    this.root.append(label, this.gammaLabel, this.help);
    this.select.addEventListener("change", () => onChoice(this.select.value as PickerChoice));
    this.gammaInput.addEventListener("change", () => {
      const text = this.gammaInput.value.trim();
      onGamma(text === "" ? null : Number(text));
    });
  }

  sync(s: { penalty: PenaltyName; alpha: number; penaltyGamma: number | null }): void {
    const choice = pickerChoice(s);
    if (this.select.value !== choice) this.select.value = choice;
    // The form's labels are flex boxes (style.css), which [hidden] alone does not hide.
    const display = isConcave(s.penalty) ? "" : "none";
    if (this.gammaLabel.style.display !== display) this.gammaLabel.style.display = display;
    const g = s.penaltyGamma ?? defaultGamma(s.penalty);
    if (document.activeElement !== this.gammaInput && g !== null && this.gammaInput.value !== String(g)) this.gammaInput.value = String(g);
    const help = penaltyHelp(s.penalty);
    if (this.help.textContent !== help) this.help.textContent = help;
  }
}

/**
 * The price view: the chosen penalty's price against |β̃| at the current λ, each coefficient marked
 * (src/plot's price chart), and explain's words under it. Hidden unless the fit is MCP or SCAD.
 */
export class PriceView {
  readonly root: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly words: HTMLElement;
  private shown: { fit: FittedData; index: number; width: number } | null = null;

  constructor() {
    this.root = document.createElement("section");
    this.root.id = "price-view";
    this.root.className = "panel price-view";
    this.root.setAttribute("aria-label", "The price each coefficient pays");
    this.chart = document.createElement("div");
    this.words = document.createElement("div");
    this.words.className = "price-words";
    this.root.append(this.chart, this.words);
    this.root.hidden = true;
  }

  update(fit: FittedData | null, lambda: number | null, width: number): void {
    const penalty = fit?.path.penalty;
    if (!fit || lambda === null || (penalty !== "mcp" && penalty !== "scad")) {
      this.root.hidden = true;
      this.shown = null;
      return;
    }
    this.root.hidden = false;
    const index = nearestLambdaIndex(fit.path, lambda);
    if (this.shown && this.shown.fit === fit && this.shown.index === index && this.shown.width === width) return;
    this.shown = { fit, index, width };
    const reading = priceReading(fit.path, fit.x, fit.y, index);
    this.root.dataset.lambda = String(reading.lambda);
    this.root.dataset.beyond = String(reading.points.filter((q) => q.beyond).length);
    this.chart.replaceChildren(priceCurveChart(reading, { width: Math.max(320, width) }));
    this.words.replaceChildren(...priceReadingWords(reading).map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }));
  }
}
