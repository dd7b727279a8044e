/**
 * The charts `plot` draws, from what each needs (a path, a CV curve, an explanation, drop costs, a ridge
 * spectrum) rather than from the rows: the same for data in memory (commands/plot.ts) and a source's
 * statistics (source-plot.ts).
 */
import { OptionError } from "../errors.js";
import type { DropCosts } from "../explain/drop.js";
import type { Explanation, LambdaChoice } from "../explain/explain.js";
import type { RidgeSpectrum } from "../explain/spectrum.js";
import { coefficientPathSpec, cvCurveSpec, dropCostSpec, pullPriceSpec, ridgeSpectrumSpec, standardizedPath, type ChartSpec, type CvCurveInput, type ModelDescription, type PathXvar } from "../plot/index.js";
import type { Path } from "../solve/types.js";

export const KINDS = ["path", "cv", "pull", "spectrum", "drop", "price", "survival"] as const;
export type PlotKind = (typeof KINDS)[number];

/** Every curve named up to this many curves (a 13 px label row each, the chart growing to fit). */
export const LABEL_EVERY = 60;

/** The size and the model every chart names in its header. */
export type ChartDims = { width?: number; height?: number; model: ModelDescription };

/** Coefficients along λ, on the data's scale, or times each feature's sd (`scales`) when given. */
export function pathChart(path: Path, dims: ChartDims, xvar: PathXvar, lambda: number | null, scales: Float64Array | null): ChartSpec {
  const marker = { ...dims, xvar, lambda, labelEvery: LABEL_EVERY };
  if (scales === null) return coefficientPathSpec(path, marker);
  return coefficientPathSpec(standardizedPath(path, scales), { ...marker, title: "Coefficient paths, standardized", yLabel: "Coefficient × sd of its feature" });
}

/** The CV curve: λ_min and λ_1se are always marked; a numeric --lambda adds its own marker. */
export function cvChart(cv: CvCurveInput, dims: ChartDims, choice: LambdaChoice | null): ChartSpec {
  return cvCurveSpec(cv, { ...dims, lambda: typeof choice === "number" ? choice : null });
}

/** Each variable's pull as a bar, the price λ·α·v as a line (and the ridge part when α < 1). */
export function pullChart(e: Explanation, dims: ChartDims): ChartSpec {
  return pullPriceSpec({
    features: e.features,
    pull: e.coefficients.map((c) => c.absPull),
    price: e.coefficients.map((c) => c.price),
    status: e.coefficients.map((c) => c.status),
    lambda: e.lambda,
    ...(e.alpha < 1 ? { ridge: e.coefficients.map((c) => c.ridge) } : {}),
  }, dims);
}

/** What dropping each kept variable (or forcing in each zero one) would change at the explained λ. */
export function dropChart(costs: DropCosts, e: Explanation, dims: ChartDims): ChartSpec {
  const c = costs.costs;
  return dropCostSpec({
    features: c.map((d) => d.feature),
    kind: c.map((d) => d.kind),
    devianceShare: c.map((d) => d.devianceShare),
    pullRatio: c.map((d) => d.pullRatio),
    lambda: e.lambda,
  }, dims);
}

/** Ridge's shrinkage by principal direction at the explained λ (ridge's, α = 0, for a lasso); its notes to `notes`. */
export function spectrumChart(spectrum: RidgeSpectrum | null, e: Explanation, dims: ChartDims, notes: string[]): ChartSpec {
  if (spectrum === null) throw new OptionError("the design is too large for the ridge spectrum's SVD here; use fewer rows or features", "kind");
  if (e.alpha === 1) notes.push("α = 1 (lasso) has no ridge part: the chart shows ridge's (α = 0) shrinkage at the same λ");
  if (spectrum.approximate) notes.push("for a GLM the spectrum is that of the quadratic approximation at the solution (working weights)");
  const unseen = spectrum.columns - spectrum.rank;
  if (unseen > 0) notes.push(`the centred design has rank ${spectrum.rank} of ${spectrum.columns} penalized columns: the ${unseen} null direction${unseen > 1 ? "s" : ""} (no variance, unseen by the data) ${unseen > 1 ? "are" : "is"} not drawn`);
  return ridgeSpectrumSpec({ d2: spectrum.d2, factor: spectrum.factor, df: spectrum.df, lambda: e.lambda }, dims);
}

