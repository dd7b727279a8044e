/**
 * The lab's survival parts (family cox): the Status, Start and Strata column choosers beside Target,
 * and the survival view, Kaplan–Meier curves of the low- and high-risk halves of the rows by their
 * linear predictor at the chosen λ (src/plot's survival chart), redrawn as λ moves.
 */
import { predict, survivalChart } from "../../src/index.js";
import type { FitResponse } from "./protocol.js";
import type { LabState } from "./state.js";
import { createPanel, el, type Panel } from "./panel.js";

type Role = "status" | "start" | "strata";
const ROLES: readonly { role: Role; label: string; optional: boolean }[] = [
  { role: "status", label: "Status (1 = event)", optional: false },
  { role: "start", label: "Start time", optional: true },
  { role: "strata", label: "Strata", optional: true },
];

/** The three column choosers, shown only while the family is cox. */
export class SurvivalControls {
  private readonly box: HTMLElement;
  private readonly selects = new Map<Role, HTMLSelectElement>();
  private shownColumns = "";

  constructor(after: HTMLElement, onChange: (patch: Partial<Pick<LabState, Role>>) => void) {
    this.box = el("div", { class: "survival-columns", id: "survival-columns" });
    for (const { role, label } of ROLES) {
      const select = el("select", { id: `survival-${role}` });
      select.addEventListener("change", () => onChange({ [role]: select.value === "" ? null : select.value }));
      this.selects.set(role, select);
      this.box.append(el("label", {}, label, select));
    }
    this.box.hidden = true;
    after.after(this.box);
  }

  /** Offer the file's columns (the target left out) and show the state's choices. */
  sync(columns: readonly string[], state: LabState, target: string | null): void {
    this.box.hidden = state.family !== "cox";
    const offered = columns.filter((c) => c !== target);
    const key = offered.join("\u0000");
    if (key !== this.shownColumns) {
      this.shownColumns = key;
      for (const { role, optional } of ROLES) {
        const none = el("option", { value: "", text: optional ? "none" : "choose a column" });
        this.selects.get(role)!.replaceChildren(none, ...offered.map((c) => el("option", { value: c, text: c })));
      }
    }
    for (const { role } of ROLES) {
      const select = this.selects.get(role)!;
      const value = state[role] ?? "";
      if (select.value !== value) select.value = value;
    }
  }
}

/** The survival panel: drawn for a cox fit at the current λ, hidden otherwise. */
export class SurvivalView {
  readonly panel: Panel;
  private drawn = "";

  constructor(container: HTMLElement) {
    this.panel = createPanel("panel-survival", "Survival of the lower- and higher-risk halves", { wide: true });
    this.panel.root.hidden = true;
    container.append(this.panel.root);
  }

  update(fit: FitResponse | null, lambda: number | null, width: number): void {
    const survival = fit?.family === "cox" ? fit.survival : undefined;
    this.panel.root.hidden = !survival;
    if (!fit || !survival || lambda === null) return;
    const key = `${fit.id}|${lambda}|${Math.round(width)}`;
    if (key === this.drawn) return;
    this.drawn = key;
    // η = xβ at λ (no intercept for cox): the risk score that orders the rows.
    const eta = predict(fit.path, fit.x, lambda, { type: "link" });
    const svg = survivalChart({ time: fit.y, status: survival.status, ...(survival.start ? { start: survival.start } : {}), eta, lambda }, { width, title: null, subtitle: null });
    this.panel.setChart(svg, svg.querySelector("desc")?.textContent ?? "");
    this.panel.root.dataset.lambda = String(lambda);
  }
}
