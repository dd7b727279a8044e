/**
 * Messages between the page and its worker. The worker does everything slow (reading the CSV, fitting
 * the path, cross-validating, simulating); the page only selects and draws.
 */
import type { ModelMatrix, FamilyName, Path, CvResult, MultiCvResult, MultiFamilyName, MultiMeasure, MultiPath, RepetitionResult, FitOptions, StabilityOptions, StabilityResult, DfEstimate, PlantOptions, PlantedSummary } from "../../src/index.js";
import type { Evidence } from "./evidence.js";
import type { MultiExplanation } from "../../src/lab.js";
import type { MultiFoldsWork } from "./multi-folds.js";
import type { PenaltyName } from "./penalty.js";
import type { DecimalSetting, LabFamily, ThousandsSetting } from "./reading.js";

/** A Cox fit's rows' status, start times and strata, as fitPath reads them. */
type Survival = NonNullable<FitOptions["survival"]>;

export type DataSource =
  | { readonly kind: "url"; readonly name: string; readonly url: string }
  | { readonly kind: "text"; readonly name: string; readonly text: string };

export interface FitRequest {
  readonly type: "fit";
  readonly id: number;
  readonly source: DataSource;
  readonly target: string | null;
  readonly family: LabFamily | null;
  /** Multinomial: grouped (type.multinomial = "grouped"); mgaussian: the targets fitted beside `target`. */
  readonly grouped?: boolean;
  readonly moreTargets?: readonly string[];
  /** Multinomial and mgaussian: the cross-validation's measure (null or absent: the family's default). */
  readonly measure?: MultiMeasure | null;
  /** Cox: the status column (required), and the start and strata columns if any. */
  readonly survival?: { readonly status: string | null; readonly start: string | null; readonly strata: string | null };
  readonly alpha: number;
  readonly standardize: boolean;
  /** The penalty and γ (web/src/penalty.ts). */
  readonly penalty: PenaltyName;
  readonly penaltyGamma: number | null;
  readonly nfolds: number;
  readonly seed: number;
  /** How the file is read: rows with a missing cell an error or dropped; how numbers are written. */
  readonly na: "error" | "drop";
  readonly decimal: DecimalSetting;
  readonly thousands: ThousandsSetting;
  /** The λ the page means to show first, when it knows it (a link's): the worker explains outward from it. */
  readonly lambda: number | null;
}

/** What the page needs of a cross-validation: CvResult without its path (sent once), predictions and notes. */
export type CvSummary = Omit<CvResult, "path" | "fitPreval" | "relaxed" | "warnings">;

export interface FitResponse {
  readonly type: "fitted";
  readonly id: number;
  readonly dataName: string;
  /** Every column of the file (for the target selector). */
  readonly columns: readonly string[];
  readonly target: string;
  readonly family: FamilyName;
  readonly x: ModelMatrix;
  readonly y: Float64Array;
  /** Cox: the rows' status (and start times, strata); y holds their times. */
  readonly survival?: Survival;
  readonly path: Path;
  readonly cv: CvSummary | null;
  /** Why there is no cross-validation, when there is none. */
  readonly cvError: string | null;
  readonly fitMs: number;
  readonly cvMs: number;
  /** Binomial with a text target: the level modelled as 1; null otherwise (0/1 targets model 1). */
  readonly positiveClass: string | null;
  readonly notes: readonly string[];
}

/**
 * A multinomial or mgaussian fit (web/src/multi-fit.ts): the path, its cross-validation, and the data
 * explainMulti reads (x, and the K response columns: one-hot classes or the targets' numbers).
 */
export interface MultiFitResponse {
  readonly type: "multi-fitted";
  readonly id: number;
  readonly dataName: string;
  readonly columns: readonly string[];
  /** The target column (mgaussian: the first of `targets`). */
  readonly target: string;
  readonly targets: readonly string[];
  readonly family: MultiFamilyName;
  readonly x: ModelMatrix;
  /** y[k][i]: row i's indicator of class k (multinomial) or its value of target k (mgaussian). */
  readonly y: readonly Float64Array[];
  readonly path: MultiPath;
  readonly cv: Omit<MultiCvResult, "path" | "warnings"> | null;
  readonly cvError: string | null;
  /** The folds' work while the cross-validation is to come (the page runs it in fold workers), else null. */
  readonly folds: MultiFoldsWork | null;
  readonly fitMs: number;
  readonly notes: readonly string[];
}

/**
 * Part of a simulation: the repetitions r with r mod parts = part. Each repetition is a pure function
 * of its random stream, so the parts can run in separate workers and the page summarizes them exactly
 * as a sequential run would.
 */
export interface SimulateRequest {
  readonly type: "simulate";
  readonly id: number;
  readonly scenario: string;
  readonly reps: number;
  readonly seed: number;
  readonly part: number;
  readonly parts: number;
}

export interface ProgressMessage {
  readonly type: "progress";
  readonly id: number;
  readonly done: number;
  readonly total: number;
}

export interface SimulatedMessage {
  readonly type: "simulated";
  readonly id: number;
  readonly part: number;
  readonly repetitions: readonly RepetitionResult[];
}

export interface ErrorMessage {
  readonly type: "error";
  readonly id: number;
  /** "fit" or "simulate": which request failed. */
  readonly request: "fit" | "simulate";
  readonly name: string;
  readonly message: string;
  readonly row?: number;
  readonly column?: string;
  /** A fit that failed after its file was read: the file's columns and the target tried, to choose another. */
  readonly columns?: readonly string[];
  readonly target?: string;
}

/** The explanation at λ of the last fit (for data too large to explain on the page). */
export interface ExplainRequest {
  readonly type: "explain";
  readonly id: number;
  /** The fit request's id: a newer fit makes the request moot. */
  readonly fitId: number;
  readonly lambda: number;
}

export interface ExplainedMessage {
  readonly type: "explained";
  readonly id: number;
  readonly fitId: number;
  readonly lambda: number;
  readonly evidence: Evidence | null;
  readonly error: string | null;
}

/**
 * The evidence at some of the slider's positions, explained by the worker after a fit the page explains
 * itself (data of the bundled size), so that moving the slider only looks it up; `done` with the last.
 */
export interface EvidenceMessage {
  readonly type: "evidence";
  /** The fit request's id. */
  readonly id: number;
  readonly evidence: readonly Evidence[];
  readonly done: boolean;
}

/** Stability selection on the loaded data (complementary pairs of half-samples, the fit's settings). */
export interface StabilityRequest {
  readonly type: "stability";
  readonly id: number;
  readonly x: ModelMatrix;
  readonly y: Float64Array;
  readonly options: StabilityOptions;
}

export interface StabilityMessage {
  readonly type: "stabilized";
  readonly id: number;
  readonly result: StabilityResult | null;
  readonly error: string | null;
}

/** The Monte Carlo degrees of freedom of the fit at one λ (gaussian). */
export interface DfRequest {
  readonly type: "df";
  readonly id: number;
  readonly path: Path;
  readonly x: ModelMatrix;
  readonly y: Float64Array;
  readonly lambda: number;
  readonly reps: number;
}

export interface DfMessage {
  readonly type: "df";
  readonly id: number;
  readonly lambda: number;
  readonly estimate: DfEstimate | null;
  readonly error: string | null;
}

/** A known truth planted on the loaded data (simulate --from): recovery, signs, bias, irrepresentable condition. */
export interface PlantRequest {
  readonly type: "plant";
  readonly id: number;
  readonly x: ModelMatrix;
  readonly y: Float64Array;
  readonly options: PlantOptions;
}

export interface PlantedMessage {
  readonly type: "planted";
  readonly id: number;
  readonly summary: PlantedSummary | null;
  readonly error: string | null;
}

/** What dropping each kept variable of the last multi-response fit would cost at λ (explain/multi-drop.ts). */
export interface MultiDropRequest {
  readonly type: "multi-drop";
  readonly id: number;
  /** The fit request's id: a newer fit makes the request moot. */
  readonly fitId: number;
  readonly lambda: number;
}

export interface MultiDropMessage {
  readonly type: "multi-dropped";
  readonly id: number;
  readonly fitId: number;
  readonly lambda: number;
  /**
   * Per kept variable: its name, the rise in training deviance (RSS), its share of the null, the rise in
   * cross-validated error on the fit's folds (null without them), the pull at zero over the price, the words.
   */
  readonly rows: readonly { readonly feature: string; readonly deviance: number; readonly share: number; readonly cv: number | null; readonly pullRatio: number | null; readonly words: string }[];
  /** The cross-validated measure of `cv` (the fit's), or null when the held-out costs were not computed. */
  readonly measure: string | null;
  readonly error: string | null;
}

/** The explanation of the last multi-response fit at a λ between its λs, refitted there (explainMultiAt). */
export interface MultiExplainRequest {
  readonly type: "multi-explain";
  readonly id: number;
  /** The fit request's id: a newer fit makes the request moot. */
  readonly fitId: number;
  readonly lambda: number;
}

export interface MultiExplainedMessage {
  readonly type: "multi-explained";
  readonly id: number;
  readonly fitId: number;
  readonly lambda: number;
  readonly explanation: MultiExplanation | null;
  readonly error: string | null;
}

/** Fit folds `folds` of a multi-response cross-validation (a fold worker: web/src/fold-worker.ts). */
export interface MultiFoldsRequest {
  readonly type: "multi-folds";
  readonly id: number;
  readonly work: MultiFoldsWork;
  readonly folds: readonly number[];
}

/** From a fold worker: one fold's path, or (path null) the error that stopped it. */
export interface MultiFoldMessage {
  readonly type: "multi-fold";
  readonly id: number;
  readonly fold: number;
  readonly path: MultiPath | null;
  readonly error: string | null;
}

/** To the fit worker: every fold's path, to summarize the fit's cross-validation. */
export interface MultiCvRequest {
  readonly type: "multi-cv";
  readonly id: number;
  readonly fitId: number;
  readonly folds: readonly { readonly fold: number; readonly path: MultiPath }[];
  /** The measure the page shows now (null: the family's default). */
  readonly measure: MultiMeasure | null;
}

/** To the fit worker: the fit's cross-validation summarized again with another measure (answered by "multi-cv"). */
export interface MultiMeasureRequest {
  readonly type: "multi-measure";
  readonly id: number;
  readonly fitId: number;
  readonly measure: MultiMeasure;
}

/** The fit's cross-validation (its id the fit's), or why there is none. */
export interface MultiCvMessage {
  readonly type: "multi-cv";
  readonly id: number;
  readonly cv: Omit<MultiCvResult, "path" | "warnings"> | null;
  readonly warnings: readonly string[];
  readonly error: string | null;
}

export type WorkerRequest = MultiMeasureRequest | MultiCvRequest | MultiExplainRequest | MultiDropRequest | FitRequest | SimulateRequest | ExplainRequest | StabilityRequest | DfRequest | PlantRequest;
export type WorkerMessage = MultiCvMessage | MultiExplainedMessage | MultiDropMessage | FitResponse | MultiFitResponse | ProgressMessage | SimulatedMessage | ErrorMessage | ExplainedMessage | EvidenceMessage | StabilityMessage | DfMessage | PlantedMessage;
