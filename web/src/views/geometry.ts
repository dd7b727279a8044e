/**
 * The geometry of two coefficients (TEACHING.md §9) and, beside it, the one-variable formulas (§2).
 * Three pictures of the same least-squares problem: the L1 diamond, the elastic-net ball for the
 * current α and the L2 disk, each with the same budget. The person drags β̂ (or types it) and moves the
 * correlation, and sees when the smallest ellipse touches the ball at a corner (a zero) and when not.
 * The maths is src/explain/geometry.ts; this file only draws.
 */
import * as Plot from "@observablehq/plot";
import {
  constrainedSolution,
  cornerFraction,
  elasticNetOneVariable,
  errorContour,
  penaltyBall,
  ridgeShrink,
  softThreshold,
  squaredError,
  type Solution2,
  type TwoPredictorProblem,
  type Vec2,
} from "../../../src/index.js";
import type { LabState } from "../state.js";
import { createPanel, el, formatValue, rangeControl, svgPoint, type Panel } from "../panel.js";
import { downloadPng, downloadSvg } from "../export.js";
import type { FitResponse } from "../protocol.js";
import { GeometryFromData } from "./geometry-data.js";

export interface ToyHost {
  setToy(patch: Partial<Pick<LabState, "rho" | "betaHat" | "budget" | "raceLambda">>): void;
  /** The loaded data's fit, to start the geometry from two of its variables (null while there is none). */
  data?(): FitResponse | null;
}

const RANGE = 3;
const MARGIN = 34;
export const SHAPE_COLORS = { lasso: "#4269d0", enet: "#9c6b4e", ridge: "#3ca951" } as const;

/** α for the middle picture: the lab's α when it is strictly between 0 and 1, else 0.5. */
export function middleAlpha(alpha: number): number {
  return alpha > 0 && alpha < 1 ? alpha : 0.5;
}

interface Facet {
  readonly key: "lasso" | "enet" | "ridge";
  readonly alpha: number;
  readonly title: string;
}

function facets(alpha: number): Facet[] {
  const mid = middleAlpha(alpha);
  return [
    { key: "lasso", alpha: 1, title: "Lasso: L1 diamond (α = 1)" },
    { key: "enet", alpha: mid, title: `Elastic net (α = ${formatValue(mid, 2)})` },
    { key: "ridge", alpha: 0, title: "Ridge: L2 disk (α = 0)" },
  ];
}

function xy(points: readonly Vec2[], extra: Record<string, unknown> = {}) {
  return points.map(([x, y]) => ({ x, y, ...extra }));
}

export function verdict(problem: TwoPredictorProblem, sol: Solution2): string {
  if (sol.lambda === 0) return "β̂ fits inside the ball: the constraint does not bind, nothing is shrunk.";
  if (sol.zeros.length === 2) return "The solution is the origin: both coefficients are exactly 0.";
  if (sol.onCorner) {
    const j = sol.zeros[0]!;
    return `Lands on a corner: β${j === 0 ? "₁" : "₂"} = 0 exactly (λ = ${formatValue(sol.lambda, 3)}).`;
  }
  void problem;
  return `Touches ${sol.budget > 0 ? "the boundary away from the axes" : "the ball"}: both coefficients nonzero (λ = ${formatValue(sol.lambda, 3)}).`;
}

/** One picture: error ellipses around β̂, the ball of the budget, β̂ and the constrained solution. */
export function geometryChart(problem: TwoPredictorProblem, facet: Facet, budget: number, size: number): { svg: SVGSVGElement; sol: Solution2 } {
  const sol = constrainedSolution(problem, facet.alpha, budget);
  const color = SHAPE_COLORS[facet.key];
  const touching = squaredError(problem, sol.beta);
  const base = touching > 1e-9 ? touching : 0.25;
  const levels = [0.25, 1, 2.25, 4, 6.25].map((m) => m * base);
  const contours = levels.flatMap((level, i) => xy(errorContour(problem, level, 96), { level: i, touching: touching > 1e-9 && i === 1 }));
  const ball = xy(penaltyBall(facet.alpha, budget, 160));
  const svg = Plot.plot({
    width: size,
    height: size,
    margin: MARGIN,
    marginTop: 22,
    marginRight: 12,
    x: { domain: [-RANGE, RANGE], label: "β₁", ticks: 5 },
    y: { domain: [-RANGE, RANGE], label: "β₂", ticks: 5 },
    clip: true,
    ariaLabel: facet.title,
    ariaDescription: `Squared-error ellipses around the unpenalized estimate (${formatValue(problem.betaHat[0], 3)}, ${formatValue(problem.betaHat[1], 3)}) and the ${facet.title} of size ${formatValue(budget, 3)}; the constrained solution is (${formatValue(sol.beta[0], 3)}, ${formatValue(sol.beta[1], 3)}).`,
    marks: [
      Plot.ruleX([0], { stroke: "#999" }),
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.line(ball, { x: "x", y: "y", fill: color, fillOpacity: 0.16, stroke: color, strokeWidth: 1.5 }),
      Plot.line(contours, {
        x: "x",
        y: "y",
        z: "level",
        stroke: (d: { touching: boolean }) => (d.touching ? "#d6401f" : "#b0b0b0"),
        strokeWidth: (d: { touching: boolean }) => (d.touching ? 2 : 1),
      }),
      Plot.dot([{ x: problem.betaHat[0], y: problem.betaHat[1] }], { x: "x", y: "y", r: 5, fill: "#222", stroke: "white" }),
      Plot.text([{ x: problem.betaHat[0], y: problem.betaHat[1] }], { x: "x", y: "y", text: () => "β̂", dx: 9, dy: -8, fontSize: 13, fontWeight: "bold" }),
      Plot.dot([{ x: sol.beta[0], y: sol.beta[1] }], { x: "x", y: "y", r: 5.5, fill: color, stroke: "white", strokeWidth: 1.5 }),
      Plot.text([{ x: sol.beta[0], y: sol.beta[1] }], { x: "x", y: "y", text: () => (sol.onCorner ? "β (corner)" : "β"), dx: 8, dy: 12, fill: color, fontSize: 12, fontWeight: "bold", textAnchor: "start" }),
    ],
  }) as unknown as SVGSVGElement;
  return { svg, sol };
}

/** The one-variable formulas as curves: estimate against β̂ for the lasso, ridge and least squares. */
export function oneVariableChart(lambda: number, alpha: number, betaHat: number, width: number): SVGSVGElement {
  const xs = Array.from({ length: 241 }, (_, i) => -3 + (6 * i) / 240);
  const identity = xs.map((x) => ({ x, y: x, rule: "least squares β̂" }));
  const rows = [
    ...xs.map((x) => ({ x, y: softThreshold(x, lambda), rule: "lasso: soft threshold" })),
    ...xs.map((x) => ({ x, y: ridgeShrink(x, lambda), rule: "ridge: β̂/(1+λ)" })),
    ...(alpha > 0 && alpha < 1 ? xs.map((x) => ({ x, y: elasticNetOneVariable(x, lambda, alpha), rule: `elastic net α = ${formatValue(alpha, 2)}` })) : []),
  ];
  const colors: Record<string, string> = { "least squares β̂": "#999", "lasso: soft threshold": SHAPE_COLORS.lasso, "ridge: β̂/(1+λ)": SHAPE_COLORS.ridge };
  if (alpha > 0 && alpha < 1) colors[`elastic net α = ${formatValue(alpha, 2)}`] = SHAPE_COLORS.enet;
  const here = [
    { x: betaHat, y: softThreshold(betaHat, lambda), rule: "lasso: soft threshold" },
    { x: betaHat, y: ridgeShrink(betaHat, lambda), rule: "ridge: β̂/(1+λ)" },
  ];
  return Plot.plot({
    width,
    height: Math.round(width * 0.62),
    marginLeft: 40,
    x: { domain: [-3, 3], label: "least-squares estimate β̂" },
    y: { domain: [-3, 3], label: "penalized estimate" },
    color: { domain: Object.keys(colors), range: Object.values(colors), legend: false },
    ariaLabel: "One variable: lasso, ridge and least squares",
    ariaDescription: `With one standardized variable and λ = ${formatValue(lambda, 3)}, the lasso shifts β̂ toward zero by λ and stops at exactly zero for |β̂| ≤ λ; ridge divides β̂ by 1 + λ and is zero only when β̂ is.`,
    marks: [
      Plot.ruleX([0], { stroke: "#ccc" }),
      Plot.ruleY([0], { stroke: "#ccc" }),
      Plot.rectY([{ x1: -lambda, x2: lambda }], { x1: "x1", x2: "x2", y1: -3, y2: 3, fill: SHAPE_COLORS.lasso, fillOpacity: 0.07 }),
      Plot.line(identity, { x: "x", y: "y", stroke: "rule", strokeWidth: 1.5, strokeDasharray: "4,3" }),
      Plot.line(rows, { x: "x", y: "y", z: "rule", stroke: "rule", strokeWidth: 2 }),
      Plot.dot(here, { x: "x", y: "y", fill: "rule", r: 4 }),
      Plot.text([{ x: 0, y: 2.7 }], { x: "x", y: "y", text: () => `|β̂| ≤ λ: lasso gives 0`, fill: SHAPE_COLORS.lasso, fontSize: 11 }),
      ...Object.entries(colors).map(([label, color], i) =>
        Plot.text([label], { frameAnchor: "bottom-right", fill: color, dy: -4 - 14 * i, dx: -4, fontWeight: "bold" }),
      ),
    ],
  }) as unknown as SVGSVGElement;
}

export class GeometryPage {
  readonly panel: Panel;
  readonly formulas: Panel;
  private readonly facetBoxes: { key: string; box: HTMLElement; chart: HTMLElement; verdict: HTMLElement; svg: SVGSVGElement | null }[] = [];
  private readonly rho: HTMLInputElement;
  private readonly rhoOut: HTMLOutputElement;
  private readonly budget: HTMLInputElement;
  private readonly budgetOut: HTMLOutputElement;
  private readonly b1: HTMLInputElement;
  private readonly b2: HTMLInputElement;
  private readonly lambda1: HTMLInputElement;
  private readonly lambda1Out: HTMLOutputElement;
  private readonly fraction: HTMLElement;
  private readonly formulaText: HTMLElement;
  private state: LabState | null = null;
  private dragging = false;
  /** Two of the loaded data's variables as the pictures' ρ and β̂. */
  private readonly fromData: GeometryFromData;

  constructor(
    readonly root: HTMLElement,
    private readonly host: ToyHost,
  ) {
    this.panel = createPanel("panel-geometry", "The geometry of two coefficients", { wide: true, downloads: false });
    this.formulas = createPanel("panel-formulas", "One variable: soft threshold versus proportional shrink", { wide: true });
    const intro = el(
      "p",
      { class: "note" },
      "Two standardized predictors with correlation ρ. The grey ellipses are levels of the squared error around the least-squares estimate β̂; the shaded shape holds every β whose penalty is within the budget. The solution is where the smallest ellipse touches the shape. Drag β̂ (or type it) and change ρ: the diamond's corners sit on the axes, so the touching point is often a corner, where one coefficient is exactly zero; the disk has no corners.",
    );
    const rho = rangeControl("geo-rho", "correlation ρ = ", { min: "-0.95", max: "0.95", step: "0.05" });
    const budget = rangeControl("geo-budget", "budget t = ", { min: "0.1", max: "3", step: "0.05" });
    this.rho = rho.input;
    this.rhoOut = rho.output;
    this.budget = budget.input;
    this.budgetOut = budget.output;
    this.b1 = el("input", { type: "number", id: "geo-b1", min: "-2.9", max: "2.9", step: "0.1" }) as HTMLInputElement;
    this.b2 = el("input", { type: "number", id: "geo-b2", min: "-2.9", max: "2.9", step: "0.1" }) as HTMLInputElement;
    const controls = el(
      "div",
      { class: "toy-controls" },
      rho.label,
      budget.label,
      el("label", {}, "β̂₁", this.b1),
      el("label", {}, "β̂₂", this.b2),
    );
    const grid = el("div", { class: "facets" });
    for (const key of ["lasso", "enet", "ridge"]) {
      const chart = el("div", { class: "chart clickable", "data-facet": key });
      const verdictEl = el("p", { class: "verdict" });
      const heading = el("h3", {});
      const svgButton = el("button", { type: "button", "data-download": "svg", "aria-label": `Download the ${key} picture as SVG`, text: "SVG" });
      const pngButton = el("button", { type: "button", "data-download": "png", "aria-label": `Download the ${key} picture as PNG`, text: "PNG" });
      const entry = { key, box: el("div"), chart, verdict: verdictEl, svg: null as SVGSVGElement | null };
      svgButton.addEventListener("click", () => entry.svg && downloadSvg(entry.svg, `shrinkage-geometry-${key}`));
      pngButton.addEventListener("click", () => entry.svg && void downloadPng(entry.svg, `shrinkage-geometry-${key}`));
      const box = el("div", { class: "facet" }, el("div", { class: "panel-head" }, heading, el("div", { class: "tools" }, svgButton, pngButton)), chart, verdictEl);
      entry.box = box;
      grid.append(box);
      this.facetBoxes.push(entry);
      this.bindDrag(chart);
    }
    this.fraction = el("p", { class: "note", id: "geo-fraction" });
    this.fromData = new GeometryFromData(() => host.data?.() ?? null, (patch) => host.setToy(patch));
    this.panel.chart.replaceWith(el("div", {}, intro, controls, this.fromData.root, this.fromData.note, grid, this.fraction));

    const lambda1 = rangeControl("geo-lambda1", "λ = ", { min: "0", max: "2.5", step: "0.05" });
    this.lambda1 = lambda1.input;
    this.lambda1Out = lambda1.output;
    this.formulaText = el("div", { class: "note" });
    this.formulas.head.after(el("div", { class: "toy-controls" }, lambda1.label), this.formulaText);

    root.append(el("div", { class: "grid" }, this.panel.root, this.formulas.root));

    this.rho.addEventListener("input", () => host.setToy({ rho: Number(this.rho.value) }));
    this.budget.addEventListener("input", () => host.setToy({ budget: Number(this.budget.value) }));
    const setB = () => {
      const clamp = (v: number) => Math.max(-2.9, Math.min(2.9, Number.isFinite(v) ? v : 0));
      host.setToy({ betaHat: [clamp(Number(this.b1.value)), clamp(Number(this.b2.value))] });
    };
    this.b1.addEventListener("change", setB);
    this.b2.addEventListener("change", setB);
    this.lambda1.addEventListener("input", () => host.setToy({ raceLambda: Number(this.lambda1.value) }));
  }

  /** Dragging anywhere in a picture moves β̂ there (all three pictures share it). */
  private bindDrag(chart: HTMLElement): void {
    const move = (event: PointerEvent) => {
      const svg = chart.querySelector("svg");
      if (!svg) return;
      const point = svgPoint(svg as SVGSVGElement, event);
      if (!point) return;
      const size = Number(svg.getAttribute("width"));
      const inner = (px: number, lo: number, hi: number) => (px - lo) / (hi - lo);
      const fx = inner(point.x, MARGIN, size - 12);
      const fy = inner(point.y, 22, size - MARGIN);
      const clamp = (v: number) => Math.max(-2.9, Math.min(2.9, Math.round(v * 100) / 100));
      this.host.setToy({ betaHat: [clamp(-RANGE + 2 * RANGE * fx), clamp(RANGE - 2 * RANGE * fy)] });
    };
    chart.addEventListener("pointerdown", (event) => {
      this.dragging = true;
      chart.setPointerCapture(event.pointerId);
      move(event);
    });
    chart.addEventListener("pointermove", (event) => this.dragging && move(event));
    const stop = () => {
      if (!this.dragging) return;
      this.dragging = false;
      if (this.state) this.drawFraction(this.state);
    };
    chart.addEventListener("pointerup", stop);
    chart.addEventListener("pointercancel", stop);
  }

  update(state: LabState, width: number): void {
    this.state = state;
    this.fromData.update(state);
    const problem: TwoPredictorProblem = { rho: state.rho, betaHat: state.betaHat };
    this.rho.value = String(state.rho);
    this.rhoOut.value = formatValue(state.rho, 2);
    this.budget.value = String(state.budget);
    this.budgetOut.value = formatValue(state.budget, 3);
    if (document.activeElement !== this.b1) this.b1.value = String(state.betaHat[0]);
    if (document.activeElement !== this.b2) this.b2.value = String(state.betaHat[1]);
    const columns = width >= 860 ? 3 : width >= 560 ? 2 : 1;
    const size = Math.max(240, Math.min(340, Math.floor((width - 24 * columns) / columns)));
    facets(state.alpha).forEach((facet, i) => {
      const box = this.facetBoxes[i]!;
      const { svg, sol } = geometryChart(problem, facet, state.budget, size);
      box.svg = svg;
      box.chart.replaceChildren(svg);
      (box.box.querySelector("h3") as HTMLElement).textContent = facet.title;
      box.verdict.textContent = verdict(problem, sol);
      box.verdict.classList.toggle("corner", sol.onCorner);
      box.box.dataset.corner = String(sol.onCorner);
    });
    if (!this.dragging) this.drawFraction(state);
    this.drawFormulas(state, width);
  }

  private drawFraction(state: LabState): void {
    const radius = Math.hypot(state.betaHat[0], state.betaHat[1]);
    if (radius < 1e-9) {
      this.fraction.textContent = "";
      return;
    }
    const parts = facets(state.alpha).map((f) => `${f.key === "enet" ? `the elastic net (α = ${formatValue(f.alpha, 2)})` : f.key} ${Math.round(100 * cornerFraction(state.rho, f.alpha, state.budget, radius, 120))} %`);
    this.fraction.textContent = `Turn β̂ all the way around the origin at this distance (${formatValue(radius, 3)}) with this ρ and budget: the solution has an exact zero in ${parts.join(", ")} of the directions.`;
  }

  private drawFormulas(state: LabState, width: number): void {
    const lambda = state.raceLambda;
    this.lambda1.value = String(lambda);
    this.lambda1Out.value = formatValue(lambda, 3);
    const b = state.betaHat[0];
    const alpha = middleAlpha(state.alpha);
    this.formulaText.replaceChildren(
      el("p", {}, el("span", { class: "formula", text: "lasso: β = sign(β̂)·(|β̂| − λ)₊" }), " shifts every estimate toward zero by λ and stops at zero: exactly 0 whenever |β̂| ≤ λ."),
      el("p", {}, el("span", { class: "formula", text: "ridge: β = β̂ / (1 + λ)" }), " divides every estimate by the same factor: smaller, never zero."),
      el(
        "p",
        {},
        `With β̂ = ${formatValue(b, 3)} and λ = ${formatValue(lambda, 3)}: lasso ${formatValue(softThreshold(b, lambda), 3)}, ridge ${formatValue(ridgeShrink(b, lambda), 3)}, elastic net (α = ${formatValue(alpha, 2)}) ${formatValue(elasticNetOneVariable(b, lambda, alpha), 3)}. This holds for one standardized variable, or for uncorrelated ones (ρ = 0).`,
      ),
    );
    const svg = oneVariableChart(lambda, alpha, b, Math.max(280, Math.min(560, width - 30)));
    this.formulas.setChart(svg, `Penalized estimate against the least-squares estimate at λ = ${formatValue(lambda, 3)}: the lasso line is flat at 0 between −λ and λ, the ridge line passes through the origin with slope 1/(1 + λ).`);
  }

  /** The pictures, for download and screenshots. */
  charts(): SVGSVGElement[] {
    return this.facetBoxes.map((b) => b.svg).filter((s): s is SVGSVGElement => s !== null);
  }
}
