/**
 * The explanation layer at one λ, for the views: the per-coefficient evidence (pull, price, status,
 * history), its words, and ridge's spectrum. Computed by the library's explain(), describe() and
 * ridgeSpectrum(); this module only caches what depends on the fit alone and packs the results.
 * Runs on the page for data of the bundled size and in the worker for larger files (see main.ts).
 */
import {
  type ModelMatrix,
  explain,
  type Explanation,
  ridgeDecomposition,
  spectrumAt,
  type RidgeDecomposition,
  type RidgeSpectrum,
  describe,
  type Path,
  familyOf,
  type ExplainData,
} from "../../src/index.js";

export interface Evidence {
  readonly lambda: number;
  readonly explanation: Explanation;
  /** One line per coefficient, and the paragraph for the fit. */
  readonly lines: readonly string[];
  readonly paragraph: string;
  /** The spectrum of the fit's ridge part; for α = 1 (no ridge part) that of ridge, α = 0, at the same λ. */
  readonly spectrum: RidgeSpectrum | null;
  readonly spectrumAlpha: number;
  /** The spectrum was left out for speed and follows when λ settles. */
  readonly spectrumPending: boolean;
}

/** Data above this size (n·p) is explained in the worker, so the page never waits on a refit. */
export const MAIN_THREAD_LIMIT = 200_000;

/** Evidence kept per fit, by λ (a slider has a few hundred positions; links and clicks add a few). */
const CACHE_LIMIT = 4096;

/**
 * The explanation layer's evidence at any λ of one fit, for the views: explain() on the lab's path, as
 * the library gives it (it refits at λs between the fitted ones, and refines a solution whose KKT gap
 * shows), cached by λ so that going back over the slider costs nothing.
 */
export class EvidenceMaker {
  private decomposition: RidgeDecomposition | null | undefined;
  private readonly cache = new Map<number, Evidence>();

  constructor(
    private readonly path: Path,
    // Cox: the rows' status (and start, strata) beside the times y, for the partial-likelihood score.
    private readonly data: { readonly x: ModelMatrix; readonly y: Float64Array; readonly survival?: ExplainData["survival"] },
  ) {}

  /** The SVD of the design, once per fit (gaussian only: for GLMs it depends on the solution at λ). */
  private gaussianDecomposition(): RidgeDecomposition | null {
    if (this.decomposition !== undefined) return this.decomposition;
    const s = this.path.settings;
    try {
      this.decomposition =
        this.leastSquares
          ? ridgeDecomposition(this.data.x, this.data.y, { family: s.family, standardize: s.standardize, intercept: s.intercept, penaltyFactor: s.penaltyFactor })
          : null;
    } catch {
      this.decomposition = null;
    }
    return this.decomposition;
  }

  /**
   * Whether the family is fitted by least squares (gaussian): one decomposition serves every λ and a
   * refit is cheap; the IRLS families' working weights move with the solution.
   */
  private get leastSquares(): boolean {
    return familyOf(this.path.family).solver === "least-squares";
  }

  /** Whether explain() is costly at λs off the path (GLMs: an IRLS refit, and a precise one when it refines). */
  get explainIsSlow(): boolean {
    return !this.leastSquares;
  }

  /** Whether the spectrum is costly at each λ (GLMs: an SVD of the working-weighted design per λ). */
  get spectrumIsSlow(): boolean {
    return !this.leastSquares;
  }

  /**
   * The evidence at λ. With `spectrum: false` the spectrum is left out (null, `spectrumPending`), so a
   * moving slider is not held up by a GLM's SVD; withSpectrum() adds it once λ settles.
   */
  at(lambda: number, options: { spectrum?: boolean } = {}): Evidence {
    const want = options.spectrum ?? true;
    const cached = this.cache.get(lambda);
    if (cached && (!want || !cached.spectrumPending)) return cached;
    if (cached) return this.withSpectrum(cached);
    const explanation = this.explanation(lambda);
    const spectrum = want ? this.spectrum(explanation) : null;
    return this.remember(this.pack(explanation, spectrum, !want));
  }

  /** The same evidence with its spectrum computed. */
  withSpectrum(evidence: Evidence): Evidence {
    return this.remember(this.pack(evidence.explanation, this.spectrum(evidence.explanation), false));
  }

  /** Whether the evidence at λ is at hand (no explain() to run). */
  has(lambda: number): boolean {
    return this.cache.has(lambda);
  }

  /** Evidence made elsewhere (the worker) from the same fit, kept as if made here. */
  keep(evidence: Evidence): void {
    if (!this.cache.has(evidence.lambda)) this.remember(evidence);
  }

  private remember(evidence: Evidence): Evidence {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(evidence.lambda, evidence);
    return evidence;
  }

  private explanation(lambda: number): Explanation {
    return explain(this.path, this.data, { lambda });
  }

  private spectrumAlpha(): number {
    return this.path.alpha === 1 ? 0 : this.path.alpha;
  }

  private spectrum(explanation: Explanation): RidgeSpectrum | null {
    try {
      const s = this.path.settings;
      // For GLMs the decomposition is of the working-weighted design at the solution, so it moves with λ.
      const dec =
        this.leastSquares
          ? this.gaussianDecomposition()
          : ridgeDecomposition(
              this.data.x,
              this.data.y,
              { family: s.family, standardize: s.standardize, intercept: s.intercept, penaltyFactor: s.penaltyFactor },
              { intercept: explanation.intercept, beta: explanation.coefficients.map((c) => c.coefficient) },
            );
      return dec ? spectrumAt(dec, explanation.lambda, this.spectrumAlpha()) : null;
    } catch {
      return null;
    }
  }

  private pack(explanation: Explanation, spectrum: RidgeSpectrum | null, spectrumPending: boolean): Evidence {
    const words = describe(explanation, this.path.alpha < 1 && spectrum ? spectrum : undefined);
    return { lambda: explanation.lambda, explanation, lines: words.coefficients, paragraph: words.fit, spectrum, spectrumAlpha: this.spectrumAlpha(), spectrumPending };
  }
}
