/**
 * The "Your data" page's own tabs: the overview (paths, pull versus price, cross-validation, spectrum and
 * the coefficient table, shown together) and the views that each answer one question on the loaded data
 * and need the page to themselves (drop cost, stability, degrees of freedom, the cost along one
 * coefficient, standardize side by side). Each such view is shown alone, at the top of the page: nothing
 * computed later above it can push it (or the question's answer) out of sight.
 */
import type { ViewId } from "../state.js";
import { el } from "../panel.js";
import { setAttr } from "../patch.js";

/** One tab of the data page: the view it opens and its label. */
export interface DataSection {
  readonly view: ViewId;
  readonly label: string;
}

/** The data page's tabs, in order; the first is the overview. */
export const DATA_SECTIONS: readonly DataSection[] = [
  { view: "paths", label: "Overview" },
  { view: "drop", label: "What dropping one costs" },
  { view: "stability", label: "Stability" },
  { view: "df", label: "Degrees of freedom" },
  { view: "cost", label: "Cost along one coefficient" },
  { view: "standardize", label: "Standardize, side by side" },
];

/** The views shown alone on the data page (every other data view is part of the overview). */
export const SOLO_VIEWS: readonly ViewId[] = DATA_SECTIONS.slice(1).map((s) => s.view);

/** The tab a data view belongs to: its own, or the overview's ("paths"). */
export function sectionOf(view: ViewId): ViewId {
  return SOLO_VIEWS.includes(view) ? view : "paths";
}

/** The tab list; `open` is called with the view a tab opens (the overview keeps the overview view shown last). */
export class DataNav {
  readonly root: HTMLElement;
  private readonly buttons = new Map<ViewId, HTMLButtonElement>();
  private overviewView: ViewId = "paths";
  private current: ViewId = "paths";

  constructor(open: (view: ViewId) => void) {
    const list = el("div", { role: "tablist", id: "data-tabs", "aria-label": "Views of your data" });
    for (const section of DATA_SECTIONS) {
      const button = el("button", { type: "button", role: "tab", id: `data-tab-${section.view}`, "data-view": section.view, text: section.label });
      button.addEventListener("click", () => open(section.view === "paths" ? this.overviewView : section.view));
      this.buttons.set(section.view, button);
      list.append(button);
    }
    // Arrow keys move between the tabs, as the ARIA tabs pattern expects.
    list.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      const order = DATA_SECTIONS.map((s) => s.view);
      const at = order.indexOf(this.current);
      const next = order[(at + (event.key === "ArrowRight" ? 1 : order.length - 1)) % order.length]!;
      this.buttons.get(next)!.click();
      this.buttons.get(next)!.focus();
      event.preventDefault();
    });
    this.root = el("nav", { class: "data-tabs", "aria-label": "Views of your data" }, el("span", { class: "data-tabs-label", text: "On your data:" }), list);
  }

  /** Mark the tab of `view` as selected. */
  sync(view: ViewId): void {
    const section = sectionOf(view);
    if (section === "paths") this.overviewView = view;
    this.current = section;
    for (const [id, button] of this.buttons) {
      setAttr(button, "aria-selected", String(id === section));
      setAttr(button, "tabindex", id === section ? "0" : "-1");
    }
  }
}
