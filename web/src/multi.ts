/**
 * The lab's multi-response controls and words (glmnet's multinomial and mgaussian): the grouped toggle
 * beside Family (type.multinomial = "grouped"), the More targets list beside Target (several numeric
 * targets fitted together: mgaussian), and the status line's "3 classes: multinomial".
 */
import type { MultiPath } from "../../src/index.js";
import { el, formatValue } from "./panel.js";
import type { MultiFitResponse } from "./protocol.js";
import type { LabState } from "./state.js";
import { plural, sentence } from "./words.js";
import { labMessage } from "./reading.js";

/** The lab's words for what was fitted: "3 classes: multinomial (a, b, c)", "2 numeric targets: mgaussian (y1, y2)". */
export function multiFamilyWords(path: Pick<MultiPath, "family" | "grouped" | "classes">): string {
  const K = path.classes.length;
  if (path.family === "mgaussian") return `${K} numeric target${K === 1 ? "" : "s"}: mgaussian (${path.classes.join(", ")})`;
  return `${K} classes: multinomial${path.grouped ? ", grouped" : ""} (${path.classes.join(", ")})`;
}

/** The status line after a multi-response fit (`cv`: its folds running in the fold workers, or done there). */
export function multiStatus(fit: MultiFitResponse, nfolds: number, cv?: { done: number; ms: number | null }): string {
  const target = fit.targets.length > 1 ? `targets ${fit.targets.join(", ")}` : `target ${fit.target}`;
  const path = `Path of ${fit.path.lambda.length} λs fitted in ${Math.round(fit.fitMs)} ms`;
  const done = fit.folds
    ? `${path}; cross-validating in workers: ${cv?.done ?? 0} of ${nfolds} folds done…`
    : fit.cv
      ? cv?.ms != null
        ? `${path}, its ${nfolds}-fold cross-validation in ${Math.round(cv.ms)} ms more.`
        : `Path of ${fit.path.lambda.length} λs and its ${nfolds}-fold cross-validation fitted in ${Math.round(fit.fitMs)} ms.`
      : `${path}. ${fit.cvError ?? ""}`;
  const notes = fit.notes.length ? ` Note: ${fit.notes.map((note) => sentence(labMessage(note))).join(" ")}` : "";
  return `${fit.dataName}: ${plural(fit.x.n, "row")}, ${plural(fit.x.p, "variable")}, ${target} (${multiFamilyWords(fit.path)}). ${done}${notes}`;
}

/** The grouped toggle (multinomial) and the More targets list (mgaussian). */
export class MultiControls {
  private readonly groupedBox: HTMLLabelElement;
  private readonly grouped: HTMLInputElement;
  private readonly moreBox: HTMLLabelElement;
  private readonly more: HTMLSelectElement;
  private shownColumns = "";
  private readonly autoOption: HTMLOptionElement;

  constructor(targetLabel: HTMLElement, familySelect: HTMLSelectElement, onChange: (patch: Partial<Pick<LabState, "grouped" | "moreTargets">>) => void) {
    this.grouped = el("input", { type: "checkbox", id: "grouped" });
    this.grouped.addEventListener("change", () => onChange({ grouped: this.grouped.checked }));
    this.groupedBox = el("label", { class: "check", title: "glmnet's type.multinomial = \"grouped\": one penalty per variable over its classes" }, this.grouped, " grouped (a variable in or out for every class)");
    this.more = el("select", { id: "more-targets", multiple: "", size: "3", "aria-describedby": "more-targets-help" });
    this.more.addEventListener("change", () => onChange({ moreTargets: [...this.more.selectedOptions].map((o) => o.value) }));
    this.moreBox = el("label", {}, "More targets", this.more, el("span", { class: "help", id: "more-targets-help", text: "several numeric targets: mgaussian" }));
    targetLabel.after(this.moreBox);
    familySelect.closest("label")!.after(this.groupedBox);
    this.autoOption = familySelect.querySelector('option[value="auto"]') as HTMLOptionElement;
  }

  /**
   * Show the grouped toggle for multinomial (chosen, or the automatic family's choice), the More targets
   * list for the automatic family and mgaussian, offering every column but the target.
   */
  sync(columns: readonly string[], state: LabState, target: string | null, fitted: MultiFitResponse | null): void {
    const fittedFamily = fitted?.family ?? null;
    const multinomial = state.family === "multinomial" || (state.family === null && fittedFamily === "multinomial");
    // The automatic family says what it chose for classes or several targets ("3 classes: multinomial").
    const auto = state.family === null && fitted ? `automatic: ${multiFamilyWords(fitted.path).replace(/ \(.*\)$/, "")}` : "automatic";
    if (this.autoOption.textContent !== auto) this.autoOption.textContent = auto;
    this.groupedBox.hidden = !multinomial;
    if (this.grouped.checked !== state.grouped) this.grouped.checked = state.grouped;
    // Classes as the target (multinomial) take no more targets: the list is for numbers.
    this.moreBox.hidden = columns.length === 0 || !(state.family === "mgaussian" || (state.family === null && fittedFamily !== "multinomial"));
    const offered = columns.filter((c) => c !== target);
    const key = offered.join("\u0000");
    if (key !== this.shownColumns) {
      this.shownColumns = key;
      this.more.replaceChildren(...offered.map((c) => el("option", { value: c, text: c })));
    }
    for (const option of this.more.options) {
      const selected = state.moreTargets.includes(option.value);
      if (option.selected !== selected) option.selected = selected;
    }
  }
}
