/**
 * The geometry started from two of the person's own variables (issue 15, item 8; TEACHING.md §9): with both
 * columns and the outcome standardized, the least-squares cost of the two-variable fit is, up to a constant,
 * ½(β − β̂)ᵀC(β − β̂) with C = [[1, ρ], [ρ, 1]] the columns' correlation matrix and β̂ the least-squares
 * estimates, exactly the toy's ellipses. So the pictures draw the lasso, elastic net and ridge of those two
 * variables: their correlation ρ and their β̂ (scaled so the larger is 2; the shape does not depend on the
 * scale, only the budget's size relative to β̂ does).
 */
import { DataError, type ModelMatrix } from "../../../src/index.js";
import type { FitResponse } from "../protocol.js";
import type { LabState } from "../state.js";
import { el, formatValue } from "../panel.js";

/** Two standardized columns and the standardized outcome: their correlation and least-squares estimates. */
export interface TwoVariables {
  readonly names: readonly [string, string];
  /** Correlation of the two columns (1/n moments). */
  readonly rho: number;
  /** Least-squares estimates with both in the model, per SD of each column, in SDs of the outcome. */
  readonly betaHat: readonly [number, number];
}

/** Mean-0, 1/n-variance copy of v (null when v is constant). */
function standardized(v: ArrayLike<number>): Float64Array | null {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i]! - m) ** 2;
  const sd = Math.sqrt(s / n);
  return sd > 0 ? Float64Array.from(v, (t) => (t - m) / sd) : null;
}

function mean(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s / a.length;
}

/** ρ and β̂ = C⁻¹c of columns j and k (c_j = z_jᵀỹ/n), the normal equations of the standardized fit. */
export function twoVariables(x: ModelMatrix, y: ArrayLike<number>, j: number, k: number): TwoVariables {
  const column = (c: number) => standardized(x.data.subarray(c * x.n, (c + 1) * x.n));
  const zj = column(j);
  const zk = column(k);
  const zy = standardized(y);
  if (!zj || !zk) throw new DataError(`${x.names[zj ? k : j]} is constant: it has no direction to draw`, x.names[zj ? k : j]);
  if (!zy) throw new DataError("the outcome is constant");
  const rho = mean(zj, zk);
  if (!(Math.abs(rho) < 0.999)) throw new DataError(`${x.names[j]} and ${x.names[k]} are (almost) collinear (r = ${formatValue(rho, 3)}): least squares has no single estimate`);
  const cj = mean(zj, zy);
  const ck = mean(zk, zy);
  const det = 1 - rho * rho;
  return { names: [x.names[j]!, x.names[k]!], rho, betaHat: [(cj - rho * ck) / det, (ck - rho * cj) / det] };
}

/** What the toy draws for two variables: ρ within its slider, β̂ scaled so the larger is 2, the budget half its L1 norm. */
export function toyPatch(t: TwoVariables): { patch: Pick<LabState, "rho" | "betaHat" | "budget">; scale: number } {
  const largest = Math.max(Math.abs(t.betaHat[0]), Math.abs(t.betaHat[1]));
  const scale = largest > 0 ? 2 / largest : 1;
  const b: [number, number] = [Math.round(t.betaHat[0] * scale * 100) / 100, Math.round(t.betaHat[1] * scale * 100) / 100];
  const rho = Math.max(-0.95, Math.min(0.95, Math.round(t.rho * 1000) / 1000));
  const budget = Math.max(0.1, Math.round(((Math.abs(b[0]) + Math.abs(b[1])) / 2) * 100) / 100);
  return { patch: { rho, betaHat: b, budget }, scale };
}

/** The words beside the pictures once they show two of the person's variables. */
export function twoVariableWords(t: TwoVariables, scale: number, target: string): string {
  const clamped = Math.abs(t.rho) > 0.95 ? ` (drawn at ${formatValue(Math.sign(t.rho) * 0.95, 2)}, the toy's limit)` : "";
  return (
    `From your data: ${t.names[0]} and ${t.names[1]}, correlation ρ = ${formatValue(t.rho, 3)}${clamped}; their least-squares estimates with both in the model, per SD of each and in SDs of ${target}, ` +
    `β̂ = (${formatValue(t.betaHat[0], 3)}, ${formatValue(t.betaHat[1], 3)}), drawn ×${formatValue(scale, 3)} so the larger is 2 (the shape does not depend on the scale). ` +
    `The budget starts at half their L1 norm: shrink it and watch which of the two reaches zero first.`
  );
}

/** The row of controls that starts the geometry from two of the loaded data's variables. */
export class GeometryFromData {
  readonly root: HTMLElement;
  private readonly first = el("select", { id: "geo-x1", "aria-label": "first variable" }) as HTMLSelectElement;
  private readonly second = el("select", { id: "geo-x2", "aria-label": "second variable" }) as HTMLSelectElement;
  private readonly use = el("button", { type: "button", id: "geo-from-data", text: "Draw these two" }) as HTMLButtonElement;
  private readonly words = el("p", { class: "note", id: "geo-data-words" });
  private fit: FitResponse | null = null;
  /** What was drawn from the data, while the pictures still show it. */
  private shown: { fit: FitResponse; patch: Pick<LabState, "rho" | "betaHat" | "budget">; text: string } | null = null;

  constructor(
    private readonly data: () => FitResponse | null,
    setToy: (patch: Partial<Pick<LabState, "rho" | "betaHat" | "budget">>) => void,
  ) {
    this.root = el("div", { class: "toy-controls", id: "geo-data" }, el("span", { text: "From your data:" }), this.first, this.second, this.use);
    this.use.addEventListener("click", () => {
      const fit = this.fit;
      if (!fit) return;
      const j = fit.x.names.indexOf(this.first.value);
      const k = fit.x.names.indexOf(this.second.value);
      if (j === k) {
        this.words.textContent = "Choose two different variables.";
        return;
      }
      try {
        const t = twoVariables(fit.x, fit.y, j, k);
        const { patch, scale } = toyPatch(t);
        this.shown = { fit, patch, text: twoVariableWords(t, scale, fit.target) };
        setToy(patch);
      } catch (error) {
        this.shown = null;
        this.words.textContent = `Cannot draw ${this.first.value} and ${this.second.value}: ${(error as Error).message}.`;
      }
    });
  }

  /** The words go under the pictures. */
  get note(): HTMLElement {
    return this.words;
  }

  update(state: LabState): void {
    const fit = this.data();
    if (fit !== this.fit) {
      this.fit = fit;
      const names = fit?.x.names ?? [];
      for (const select of [this.first, this.second]) select.replaceChildren(...names.map((n) => el("option", { value: n, text: n })));
      // The first two to enter the path: the pair the lasso weighs first.
      const order = fit ? enteringOrder(fit) : [];
      if (order.length >= 2) {
        this.first.value = names[order[0]!]!;
        this.second.value = names[order[1]!]!;
      }
      this.root.hidden = !fit || names.length < 2;
    }
    const s = this.shown;
    const still = s && s.fit === fit && state.rho === s.patch.rho && state.betaHat[0] === s.patch.betaHat[0] && state.betaHat[1] === s.patch.betaHat[1];
    if (!still && s) this.shown = null;
    const text = still ? s.text : this.words.textContent?.startsWith("Cannot") || this.words.textContent === "Choose two different variables." ? this.words.textContent : "";
    if (this.words.textContent !== text) this.words.textContent = text;
  }
}

/** Variables in the order they enter the path (those that never enter last, in column order). */
function enteringOrder(fit: FitResponse): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  for (const step of fit.path.beta) {
    for (let t = 0; t < step.index.length; t++) {
      const j = step.index[t]!;
      if (step.value[t] !== 0 && !seen.has(j)) {
        seen.add(j);
        order.push(j);
      }
    }
  }
  for (let j = 0; j < fit.x.p; j++) if (!seen.has(j)) order.push(j);
  return order;
}
