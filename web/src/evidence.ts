/**
 * The explanation layer at one λ, for the views: the per-coefficient evidence (pull, price, status,
 * history), its words, and ridge's spectrum. Computed by the library's explain(), describe() and
 * ridgeSpectrum(); this module only caches what depends on the fit alone and packs the results.
 * Runs on the page for data of the bundled size and in the worker for larger files (see main.ts).
 */
import type { ModelMatrix } from "../../src/data/matrix.js";
import { explain, type Explanation } from "../../src/explain/explain.js";
import { ridgeDecomposition, spectrumAt, type RidgeDecomposition, type RidgeSpectrum } from "../../src/explain/spectrum.js";
import { describe } from "../../src/explain/words.js";
import type { Path } from "../../src/solve/types.js";

export interface Evidence {
  readonly lambda: number;
  readonly explanation: Explanation;
  /** One line per coefficient, and the paragraph for the fit. */
  readonly lines: readonly string[];
  readonly paragraph: string;
  /** The spectrum of the fit's ridge part; for α = 1 (no ridge part) that of ridge, α = 0, at the same λ. */
  readonly spectrum: RidgeSpectrum | null;
  readonly spectrumAlpha: number;
}

/** Data above this size (n·p) is explained in the worker, so the page never waits on a refit. */
export const MAIN_THREAD_LIMIT = 200_000;

export class EvidenceMaker {
  private decomposition: RidgeDecomposition | null | undefined;

  constructor(
    private readonly path: Path,
    private readonly data: { readonly x: ModelMatrix; readonly y: Float64Array },
  ) {}

  /** The SVD of the design, once per fit (gaussian only: for GLMs it depends on the solution at λ). */
  private gaussianDecomposition(): RidgeDecomposition | null {
    if (this.decomposition !== undefined) return this.decomposition;
    const s = this.path.settings;
    try {
      this.decomposition =
        s.family === "gaussian"
          ? ridgeDecomposition(this.data.x, this.data.y, { family: s.family, standardize: s.standardize, intercept: s.intercept, penaltyFactor: s.penaltyFactor })
          : null;
    } catch {
      this.decomposition = null;
    }
    return this.decomposition;
  }

  at(lambda: number): Evidence {
    const explanation = explain(this.path, this.data, { lambda });
    const alpha = this.path.alpha;
    const spectrumAlpha = alpha === 1 ? 0 : alpha;
    let spectrum: RidgeSpectrum | null = null;
    try {
      const s = this.path.settings;
      // For GLMs the decomposition is of the working-weighted design at the solution, so it moves with λ.
      const dec =
        s.family === "gaussian"
          ? this.gaussianDecomposition()
          : ridgeDecomposition(
              this.data.x,
              this.data.y,
              { family: s.family, standardize: s.standardize, intercept: s.intercept, penaltyFactor: s.penaltyFactor },
              { intercept: explanation.intercept, beta: explanation.coefficients.map((c) => c.coefficient) },
            );
      if (dec) spectrum = spectrumAt(dec, lambda, spectrumAlpha);
    } catch {
      spectrum = null;
    }
    const words = describe(explanation, alpha < 1 && spectrum ? spectrum : undefined);
    return { lambda, explanation, lines: words.coefficients, paragraph: words.fit, spectrum, spectrumAlpha };
  }
}
