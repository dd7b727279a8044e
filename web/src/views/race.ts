/**
 * The optimizer race (TEACHING.md §8) on the geometry's problem: plain subgradient descent, proximal
 * gradient and coordinate descent from the same start with the same step. The solvers are
 * src/explain/race.ts; this file draws their traces step by step.
 */
import * as Plot from "@observablehq/plot";
import {
  errorContour,
  penalizedSolution,
  penaltyBall,
  squaredError,
  type TwoPredictorProblem,
  landing,
  quadraticOfTwoPredictors,
  race,
  type Landing,
  type RaceSolver,
  type RaceTrace,
} from "../../../src/index.js";
import type { LabState } from "../state.js";
import { createPanel, el, formatValue, rangeControl, type Panel } from "../panel.js";
import type { ToyHost } from "./geometry.js";

export const RACE_COLORS: Record<RaceSolver, string> = { subgradient: "#e45756", proximal: "#4269d0", coordinate: "#3ca951" };
const RACE_NAMES: Record<RaceSolver, string> = {
  subgradient: "subgradient descent",
  proximal: "proximal gradient",
  coordinate: "coordinate descent",
};
const STEPS = 80;

function describeLanding(end: Landing, zeroAt: number | null, steps: number): string {
  if (zeroAt === null) return "";
  const from = end.zeroFromStep[zeroAt];
  const name = zeroAt === 0 ? "β₁" : "β₂";
  if (from !== null) return `${name} is exactly 0 from step ${from} on.`;
  return `${name} is never exactly 0: it changed sign ${end.signChanges[zeroAt]} times in the last ${Math.floor(steps / 2)} steps and still swings up to ±${formatValue(end.lateAmplitude[zeroAt]!, 2)}.`;
}

export class RacePage {
  readonly plane: Panel;
  readonly trace: Panel;
  private readonly lambda: HTMLInputElement;
  private readonly lambdaOut: HTMLOutputElement;
  private readonly step: HTMLInputElement;
  private readonly stepOut: HTMLOutputElement;
  private readonly play: HTMLButtonElement;
  private readonly summary: HTMLElement;
  private readonly note: HTMLElement;
  private timer: number | null = null;
  private state: LabState | null = null;
  private width = 600;

  constructor(
    readonly root: HTMLElement,
    private readonly host: ToyHost,
  ) {
    this.plane = createPanel("panel-race", "The optimizer race", { wide: true });
    this.trace = createPanel("panel-race-trace", "The coordinate that should be zero, step by step", { wide: true });
    const intro = el(
      "p",
      { class: "note" },
      "The lasso on the geometry's two-coefficient problem (same ρ and β̂), started at β̂ with the same step size γ = 1/L. Plain subgradient descent, β ← β − γ(∇f + λ·sign(β)), is the update many people are taught; proximal gradient takes the same gradient step and then soft-thresholds by γλ; coordinate descent soft-thresholds one coordinate at a time with the exact step.",
    );
    const lambda = rangeControl("race-lambda", "λ = ", { min: "0", max: "2.5", step: "0.05" });
    const step = rangeControl("race-step", "step ", { min: "0", max: String(STEPS), step: "1", value: String(STEPS) }, ` of ${STEPS}`);
    this.lambda = lambda.input;
    this.lambdaOut = lambda.output;
    this.step = step.input;
    this.stepOut = step.output;
    this.play = el("button", { type: "button", id: "race-play", text: "Play" }) as HTMLButtonElement;
    const controls = el(
      "div",
      { class: "toy-controls" },
      lambda.label,
      step.label,
      this.play,
    );
    this.summary = el("div", { class: "race-summary", id: "race-summary" });
    this.note = el("p", { class: "note" });
    this.plane.head.after(intro, controls, this.note);
    this.plane.body.append(this.summary);
    root.append(el("div", { class: "grid" }, this.plane.root, this.trace.root));

    this.lambda.addEventListener("input", () => host.setToy({ raceLambda: Number(this.lambda.value) }));
    this.step.addEventListener("input", () => this.draw());
    this.play.addEventListener("click", () => this.toggle());
  }

  private toggle(): void {
    if (this.timer !== null) {
      this.stop();
      return;
    }
    if (Number(this.step.value) >= STEPS) this.step.value = "0";
    this.play.textContent = "Pause";
    this.timer = window.setInterval(() => {
      const next = Number(this.step.value) + 1;
      this.step.value = String(next);
      this.draw();
      if (next >= STEPS) this.stop();
    }, 120);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = "Play";
  }

  update(state: LabState, width: number): void {
    this.state = state;
    this.width = width;
    this.lambda.value = String(state.raceLambda);
    this.lambdaOut.value = formatValue(state.raceLambda, 3);
    this.draw();
  }

  private draw(): void {
    const state = this.state;
    if (!state) return;
    const problem: TwoPredictorProblem = { rho: state.rho, betaHat: state.betaHat };
    const lambda = state.raceLambda;
    const upTo = Number(this.step.value);
    this.stepOut.value = String(upTo);
    const traces = race(quadraticOfTwoPredictors(problem), lambda, 1, { steps: STEPS, start: [...state.betaHat] });
    const sol = penalizedSolution(problem, lambda, 1);
    const zeroAt = sol.zeros.length === 1 ? sol.zeros[0]! : null;
    this.note.textContent =
      zeroAt === null
        ? sol.zeros.length === 2
          ? `At λ = ${formatValue(lambda, 3)} the lasso solution is the origin: both coefficients are 0.`
          : `At λ = ${formatValue(lambda, 3)} neither coefficient of the lasso solution is zero, so all three solvers agree; raise λ (or move β̂ in the geometry) until one is, and watch the difference.`
        : `At λ = ${formatValue(lambda, 3)} the lasso solution is (${formatValue(sol.beta[0], 3)}, ${formatValue(sol.beta[1], 3)}): β${zeroAt === 0 ? "₁" : "₂"} is exactly 0.`;
    this.drawPlane(problem, traces, sol.beta, upTo, lambda);
    this.drawTrace(traces, zeroAt ?? 1, upTo);
    this.summary.replaceChildren(
      ...traces.map((t) => {
        const end = landing(t);
        const box = el("div", { "data-solver": t.solver }, el("strong", { text: RACE_NAMES[t.solver] }), el("br"), describeLanding(end, zeroAt, STEPS) || `ends at (${formatValue(end.final[0]!, 3)}, ${formatValue(end.final[1]!, 3)}).`);
        box.style.setProperty("--c", RACE_COLORS[t.solver]);
        return box;
      }),
    );
  }

  private drawPlane(problem: TwoPredictorProblem, traces: RaceTrace[], solution: readonly number[], upTo: number, lambda: number): void {
    const size = Math.max(280, Math.min(520, this.width - 30));
    const f = squaredError(problem, [solution[0]!, solution[1]!]);
    const levels = [0.25, 1, 2.25, 4].map((m) => m * (f > 1e-9 ? f : 0.25));
    const contours = levels.flatMap((level, i) => errorContour(problem, level, 96).map(([x, y]) => ({ x, y, level: i })));
    const budget = Math.abs(solution[0]!) + Math.abs(solution[1]!);
    const ball = penaltyBall(1, budget, 64).map(([x, y]) => ({ x, y }));
    const points = traces.flatMap((t) => t.steps.filter((s) => s.step <= upTo).map((s) => ({ solver: t.solver, step: s.step, x: s.beta[0]!, y: s.beta[1]! })));
    const last = traces.map((t) => {
      const s = t.steps[Math.min(upTo, t.steps.length - 1)]!;
      return { solver: t.solver, x: s.beta[0]!, y: s.beta[1]! };
    });
    const lo = Math.min(-0.5, ...points.map((p) => Math.min(p.x, p.y))) - 0.2;
    const hi = Math.max(0.5, ...points.map((p) => Math.max(p.x, p.y))) + 0.2;
    const svg = Plot.plot({
      width: size,
      height: size,
      marginLeft: 40,
      x: { domain: [lo, hi], label: "β₁" },
      y: { domain: [lo, hi], label: "β₂" },
      color: { domain: Object.keys(RACE_COLORS), range: Object.values(RACE_COLORS) },
      clip: true,
      ariaLabel: "The optimizer race in the plane of the two coefficients",
      ariaDescription: `Three solvers start at β̂ and move toward the lasso solution (${formatValue(solution[0]!, 3)}, ${formatValue(solution[1]!, 3)}) at λ = ${formatValue(lambda, 3)}; shown up to step ${upTo}.`,
      marks: [
        Plot.ruleX([0], { stroke: "#999" }),
        Plot.ruleY([0], { stroke: "#999" }),
        Plot.line(ball, { x: "x", y: "y", stroke: "#4269d0", strokeOpacity: 0.4, fill: "#4269d0", fillOpacity: 0.06 }),
        Plot.line(contours, { x: "x", y: "y", z: "level", stroke: "#c8c8c8" }),
        Plot.line(points, { x: "x", y: "y", z: "solver", stroke: "solver", strokeWidth: 1.5, strokeOpacity: 0.8 }),
        Plot.dot(points, { x: "x", y: "y", fill: "solver", r: 2 }),
        Plot.dot(last, { x: "x", y: "y", fill: "solver", r: 5, stroke: "white" }),
        Plot.dot([{ x: solution[0], y: solution[1] }], { x: "x", y: "y", r: 7, stroke: "#111", strokeWidth: 1.5, symbol: "times" }),
      ],
    }) as unknown as SVGSVGElement;
    this.plane.setChart(svg, `Paths of the three solvers in the plane of β₁ and β₂, from β̂ to the lasso solution marked with a cross. The summary under the chart says where each lands.`);
  }

  private drawTrace(traces: RaceTrace[], j: number, upTo: number): void {
    const rows = traces.flatMap((t) => t.steps.filter((s) => s.step <= upTo).map((s) => ({ solver: t.solver, step: s.step, value: s.beta[j]!, zero: s.beta[j] === 0 })));
    const width = Math.max(280, Math.min(760, this.width - 30));
    const svg = Plot.plot({
      width,
      height: 260,
      marginLeft: 50,
      x: { domain: [0, STEPS], label: "step" },
      y: { label: `β${j === 0 ? "₁" : "₂"}`, grid: true },
      color: { domain: Object.keys(RACE_COLORS), range: Object.values(RACE_COLORS) },
      ariaLabel: "The coordinate that should be zero, step by step",
      ariaDescription: "Subgradient descent jumps across zero again and again; proximal gradient and coordinate descent reach exactly zero and stay there. Filled dots mark steps where the value is exactly 0.",
      marks: [
        Plot.ruleY([0], { stroke: "#555" }),
        Plot.line(rows, { x: "step", y: "value", z: "solver", stroke: "solver", strokeWidth: 1.5 }),
        Plot.dot(rows, { x: "step", y: "value", stroke: "solver", fill: (d: { zero: boolean; solver: string }) => (d.zero ? RACE_COLORS[d.solver as RaceSolver] : "white"), r: 2.5 }),
        ...traces.map((t, i) =>
          Plot.text([RACE_NAMES[t.solver]], { frameAnchor: "top-right", fill: RACE_COLORS[t.solver], dy: 4 + 14 * i, dx: -4, fontWeight: "bold" }),
        ),
      ],
    }) as unknown as SVGSVGElement;
    this.trace.setChart(svg, `β${j === 0 ? "₁" : "₂"} at each step for the three solvers; a filled dot is an exact zero.`);
  }

  charts(): SVGSVGElement[] {
    return [this.plane.svg(), this.trace.svg()].filter((s): s is SVGSVGElement => s !== null);
  }
}
