/**
 * The lab's page: one state (mirrored in the URL), one λ for every view, a worker that fits and a
 * second one that simulates, and views that only select and draw.
 */
import "./style.css";
import { DATASETS, bundled } from "./datasets.js";
import { DATA_VIEWS, DEFAULT_STATE, MAX_FOLDS, MIN_FOLDS, VIEWS, fitKey, stateFromQuery, stateToQuery, type LabState, type ViewId } from "./state.js";
import { lambdaAtSlider, sliderAtLambda, sliderMax } from "./slider.js";
import type { DataSource, FitResponse, MultiCvMessage, MultiFitResponse, WorkerMessage, WorkerRequest } from "./protocol.js";
import { DataPage, type AtLambda } from "./views/data.js";
import { GeometryPage } from "./views/geometry.js";
import { RacePage } from "./views/race.js";
import { SimulatePage } from "./views/simulate.js";
import { QUESTIONS } from "./questions.js";
import { el, formatValue } from "./panel.js";
import { setAttr } from "./patch.js";
import { EvidenceMaker, MAIN_THREAD_LIMIT, type Evidence } from "./evidence.js";
import {
  type FamilyName,
  type MultiMeasure,
  decodeText,
  makeDesign,
  resolveExperimentOptions,
  summarizeExperiment,
  type RepetitionResult,
  SCENARIOS,
  scenario as scenarioNamed,
  familyOf,
} from "../../src/index.js";
import { binaryKind, labMessage, notTextMessage, type DecimalSetting, type ThousandsSetting } from "./reading.js";
import { plural, sentence } from "./words.js";
import { questionBase, questionSetup, restoreWords, type Restore } from "./question-setup.js";
import { PenaltyControls, PriceView, choicePatch } from "./penalty.js";
import { SurvivalControls, SurvivalView } from "./survival.js";
import { revealAnswer } from "./reveal.js";
import { MultiControls, multiStatus } from "./multi.js";
import { MultiPage } from "./views/multi.js";
import { MultiFoldRunner } from "./multi-cv-run.js";

type Page = "data" | "geometry" | "race" | "simulate";
const PAGES: { id: Page; label: string }[] = [
  { id: "data", label: "Your data" },
  { id: "geometry", label: "Geometry" },
  { id: "race", label: "Optimizer race" },
  { id: "simulate", label: "Simulation" },
];

function pageOf(view: ViewId): Page {
  return (DATA_VIEWS as readonly string[]).includes(view) ? "data" : (view as Page);
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

// ---- State -------------------------------------------------------------------------------------

let state: LabState = stateFromQuery(location.search);
/** Said once, with the first fit's status: why the page shows something other than the link asked for. */
let linkNote = "";
let uploaded: { name: string; text: string } | null = null;
/** The columns of the file read last and the target it fitted or tried: what the Target list offers. */
let fileColumns: { columns: readonly string[]; target: string } | null = null;
let fit: FitResponse | null = null;
/** A multinomial or mgaussian fit (web/src/views/multi.ts shows it); null while `fit` is on show. */
let multiFit: MultiFitResponse | null = null;
let fitting: { id: number; key: string } | null = null;
let fittedKey: string | null = null;
let at: AtLambda | null = null;
/** The explanation layer's evidence: made on the page for small data, asked of the worker for large. */
let maker: EvidenceMaker | null = null;
let evidence: Evidence | null = null;
let evidenceError: string | null = null;
let explainAsked: number | null = null;
let explainId = 0;
let requestId = 0;
let openQuestion: string | null = null;
/** What a question's setup changed (e.g. α = 0 for ridge), put back when another question opens. */
let questionRestore: Restore | null = null;
/** Set on <body data-ready> once the next render has drawn a finished fit (tests and people wait on it). */
let readyAfterRender: "true" | "error" | null = null;

if (state.dataset === "upload" || (!bundled(state.dataset) && state.dataset !== "upload")) {
  // A link cannot carry a person's file: start from the default data and say so.
  linkNote =
    state.dataset === "upload"
      ? `The link was made with a file of its author's, which links cannot carry; showing ${DEFAULT_STATE.dataset} instead (load the file to see it).`
      : `The link names data "${state.dataset}", which is not bundled with the lab; showing ${DEFAULT_STATE.dataset} instead.`;
  state = { ...state, dataset: DEFAULT_STATE.dataset, target: null, lambda: null };
}

// ---- Elements ----------------------------------------------------------------------------------

const datasetSelect = byId<HTMLSelectElement>("dataset");
const fileInput = byId<HTMLInputElement>("file");
const targetSelect = byId<HTMLSelectElement>("target");
const naDropInput = byId<HTMLInputElement>("na-drop");
const decimalSelect = byId<HTMLSelectElement>("decimal");
const thousandsSelect = byId<HTMLSelectElement>("thousands");
const familySelect = byId<HTMLSelectElement>("family");
const alphaInput = byId<HTMLInputElement>("alpha");
const alphaOut = byId<HTMLOutputElement>("alpha-out");
const standardizeInput = byId<HTMLInputElement>("standardize");
const nfoldsInput = byId<HTMLInputElement>("nfolds");
const nfoldsNote = byId<HTMLElement>("nfolds-note");
const seedInput = byId<HTMLInputElement>("seed");
const slider = byId<HTMLInputElement>("lambda-slider");
const readout = byId<HTMLOutputElement>("lambda-readout");
const toMin = byId<HTMLButtonElement>("to-min");
const to1se = byId<HTMLButtonElement>("to-1se");
const statusBox = byId<HTMLElement>("status");
const errorBox = byId<HTMLElement>("error");
const tabs = byId<HTMLElement>("tabs");
const share = byId<HTMLAnchorElement>("share");
const questionList = byId<HTMLOListElement>("questions");
const answerBox = byId<HTMLElement>("answer");

for (const d of DATASETS) datasetSelect.append(el("option", { value: d.name, text: d.title }));
datasetSelect.append(el("option", { value: "upload", text: "Your file", disabled: "" }));

const tabButtons = new Map<Page, HTMLButtonElement>();
for (const page of PAGES) {
  const button = el("button", { type: "button", role: "tab", id: `tab-${page.id}`, "aria-controls": `page-${page.id}`, text: page.label }) as HTMLButtonElement;
  button.addEventListener("click", () => setState({ view: page.id === "data" ? (pageOf(state.view) === "data" ? state.view : "paths") : (page.id as ViewId) }));
  tabButtons.set(page.id, button);
  tabs.append(button);
}
// Arrow keys move between tabs, as the ARIA tabs pattern expects.
tabs.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
  const order = PAGES.map((p) => p.id);
  const current = order.indexOf(pageOf(state.view));
  const next = order[(current + (event.key === "ArrowRight" ? 1 : order.length - 1)) % order.length]!;
  tabButtons.get(next)!.click();
  tabButtons.get(next)!.focus();
  event.preventDefault();
});

// ---- Workers -----------------------------------------------------------------------------------

function startWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
}
const fitWorker = startWorker();
let simId = 0;

fitWorker.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === "explained") {
    if (fit && message.fitId === fit.id && message.evidence) maker?.keep(message.evidence);
    if (fit && message.fitId === fit.id && message.lambda === explainAsked) {
      explainAsked = null;
      evidence = message.evidence;
      evidenceError = message.error;
      schedule();
    }
    return;
  }
  if (message.type === "multi-cv") {
    if (multiFit && message.id === multiFit.id) showMultiCv(message);
    return;
  }
  if (message.type === "multi-explained") {
    multiPage.showExact(message);
    return;
  }
  if (message.type === "multi-dropped") {
    multiPage.showDrop(message);
    return;
  }
  if (message.type === "evidence") {
    // The worker's evidence at the slider's positions: from now on those λs are only looked up.
    if (fit && message.id === fit.id && maker) {
      for (const e of message.evidence) maker.keep(e);
      if (message.done) document.body.dataset.evidence = "complete"; // for tests and bench/lab.ts
    }
    return;
  }
  if (!fitting || message.id !== fitting.id) return; // a newer request superseded this one
  if (message.type === "progress") {
    showStatus(`Path fitted; cross-validating: fold ${message.done + 1} of ${message.total}…`);
  } else if (message.type === "multi-fitted") {
    fit = null;
    maker = null;
    evidence = null;
    dataPage.setFit(null);
    multiFit = message;
    multiPage.setFit(message);
    fittedKey = fitting.key;
    fitting = null;
    fileColumns = { columns: message.columns, target: message.target };
    syncTargetOptions();
    const asked = state.lambda;
    ensureLambda();
    if (state.target === null) state = { ...state, target: message.target };
    fittedKey = fitKey(state); // the automatic target is now named: the fit is this state's
    writeUrl();
    hideError();
    showStatus((linkNote ? `${linkNote} ` : "") + multiStatus(message, state.nfolds));
    linkNote = "";
    if (message.folds) {
      // The path is on show; the folds run in workers of their own. λ_1se replaces the λ chosen for now, unless moved.
      foldsStarted = { lambda: state.lambda !== asked ? state.lambda : null, at: performance.now() };
      document.body.dataset.cv = "running";
      foldRunner.start(message.id, message.folds);
    } else {
      document.body.dataset.cv = "done";
      readyAfterRender = "true";
      // Measured with another measure than the one chosen since the request left: summarized again.
      if (message.cv && state.measure !== null && message.cv.measure !== state.measure) measureAgain(state.measure);
    }
    schedule();
  } else if (message.type === "fitted") {
    multiFit = null;
    multiPage.setFit(null);
    fit = message;
    fittedKey = fitting.key;
    at = null;
    evidence = null;
    evidenceError = null;
    explainAsked = null;
    maker = fit.x.n * fit.x.p <= MAIN_THREAD_LIMIT ? new EvidenceMaker(fit.path, { x: fit.x, y: fit.y, survival: fit.survival }) : null;
    fitting = null;
    dataPage.setFit(fit);
    fileColumns = { columns: fit.columns, target: fit.target };
    syncTargetOptions();
    const lambdas = fit.path.lambda;
    ensureLambda();
    if (state.target === null) state = { ...state, target: fit.target };
    fittedKey = fitKey(state); // the automatic target is now named: the fit is this state's
    writeUrl();
    hideError();
    showStatus(
      (linkNote ? `${linkNote} ` : "") +
      `${fit.dataName}: ${plural(fit.x.n, "row")}, ${plural(fit.x.p, "variable")}, target ${fit.target} (${familyWords(fit)}). Path of ${lambdas.length} λs fitted in ${fit.fitMs.toFixed(1)} ms` +
        (fit.cv ? `, ${state.nfolds}-fold cross-validation in ${fit.cvMs.toFixed(0)} ms.` : `. ${fit.cvError ?? ""}`) +
        (fit.notes.length ? ` Note: ${fit.notes.map((note) => sentence(labMessage(note))).join(" ")}` : ""),
    );
    linkNote = "";
    readyAfterRender = "true";
    schedule();
  } else if (message.type === "error") {
    fitting = null;
    fittedKey = null;
    fit = null;
    multiFit = null;
    multiPage.setFit(null);
    at = null;
    maker = null;
    evidence = null;
    dataPage.setFit(null);
    // A file that was read offers its own columns, so the person can choose the target that fits;
    // one that could not be read offers none (not the previous data's).
    fileColumns = message.columns && message.target !== undefined ? { columns: message.columns, target: message.target } : null;
    syncTargetOptions();
    // The library's messages name the row and column at fault themselves (the header is row 1).
    showError(`Cannot fit ${state.dataset === "upload" && uploaded ? uploaded.name : state.dataset}: ${labMessage(message.message)}`);
    showStatus("");
    readyAfterRender = "error";
    schedule();
  }
};

/** The fold workers of a multi-response fit's cross-validation (multi-cv-run.ts), and what the page chose before they end. */
let foldsStarted: { lambda: number | null; at: number; measured?: string } | null = null;
const foldRunner = new MultiFoldRunner({
  progress: (fitId, done) => {
    if (multiFit && multiFit.id === fitId) showStatus(multiStatus(multiFit, state.nfolds, { done, ms: null }));
  },
  finished: (fitId, folds) => fitWorker.postMessage({ type: "multi-cv", id: ++explainId, fitId, folds, measure: state.measure } satisfies WorkerRequest),
  failed: (fitId, error) => {
    if (multiFit && multiFit.id === fitId) showMultiCv({ type: "multi-cv", id: fitId, cv: null, warnings: [], error });
  },
});

/** The multi-response fit's cross-validation, from the fold workers through the fit worker: λ_1se, the CV views, ready. */
function showMultiCv(message: MultiCvMessage): void {
  if (!multiFit) return;
  const notes = message.warnings.filter((w) => !multiFit!.notes.includes(w));
  multiFit = { ...multiFit, cv: message.cv, cvError: message.error === null ? null : `No cross-validation: ${message.error}`, folds: null, notes: [...multiFit.notes, ...notes] };
  multiPage.setCv(multiFit);
  if (message.cv && foldsStarted?.lambda != null && state.lambda === foldsStarted.lambda) state = { ...state, lambda: message.cv.lambda1se };
  const measured = foldsStarted?.measured;
  const ms = foldsStarted && !measured ? performance.now() - foldsStarted.at : null;
  foldsStarted = null;
  writeUrl();
  const again = measured && message.cv ? ` The folds' paths were summarized again with ${message.cv.measure}: nothing was refitted.` : "";
  showStatus(multiStatus(multiFit, state.nfolds, { done: state.nfolds, ms }) + again);
  document.body.dataset.cv = "done";
  readyAfterRender = "true";
  schedule();
}

/** The same folds summarized with `measure` (the fit worker keeps them): λ moves to the new λ_1se unless moved meanwhile. */
function measureAgain(measure: MultiMeasure): void {
  if (!multiFit?.cv) return;
  foldsStarted = { lambda: state.lambda, at: performance.now(), measured: measure };
  readyAfterRender = null;
  document.body.dataset.ready = "false";
  showStatus(`Cross-validation measured again with ${measure}…`);
  fitWorker.postMessage({ type: "multi-measure", id: ++explainId, fitId: multiFit.id, measure } satisfies WorkerRequest);
}

/** λ inside the fitted path: the link's value if it lies on the path, else λ_1se (or the middle λ without CV). */
function ensureLambda(): void {
  const shown = shownPath();
  if (!shown || fitKey(state) !== fittedKey) return;
  const lambdas = shown.lambda;
  const lo = lambdas[lambdas.length - 1]!;
  const hi = lambdas[0]!;
  if (state.lambda === null || !(state.lambda >= lo && state.lambda <= hi)) {
    state = { ...state, lambda: shown.cv ? shown.cv.lambda1se : lambdas[Math.floor(lambdas.length / 2)]! };
  }
}

/** The λs and cross-validation on show: the single-response fit's, or the multi-response fit's. */
function shownPath(): { lambda: ArrayLike<number>; cv: { lambdaMin: number; lambda1se: number } | null } | null {
  return fit ? { lambda: fit.path.lambda, cv: fit.cv } : multiFit ? { lambda: multiFit.path.lambda, cv: multiFit.cv } : null;
}

function requestFit(): void {
  const key = fitKey(state);
  if (key === fittedKey || key === fitting?.key) return;
  let source: DataSource;
  if (state.dataset === "upload") {
    if (!uploaded) return;
    source = { kind: "text", name: uploaded.name, text: uploaded.text };
  } else {
    source = { kind: "url", name: state.dataset, url: new URL(`${state.dataset}.csv`, document.baseURI).href };
  }
  const family = state.family ?? (state.dataset !== "upload" && (state.target === null || state.target === bundled(state.dataset)?.target) ? bundled(state.dataset)?.family ?? null : null);
  const target = state.target ?? (state.dataset !== "upload" ? bundled(state.dataset)?.target ?? null : null);
  requestId++;
  fitting = { id: requestId, key };
  foldRunner.stop();
  foldsStarted = null;
  readyAfterRender = null;
  document.body.dataset.ready = "false";
  document.body.dataset.evidence = "pending";
  showStatus(`${linkNote ? `${linkNote} ` : ""}Fitting the path and cross-validating…`);
  const request: WorkerRequest = {
    type: "fit",
    id: requestId,
    source,
    target,
    family,
    survival: { status: state.status, start: state.start, strata: state.strata },
    alpha: state.alpha,
    standardize: state.standardize,
    penalty: state.penalty,
    penaltyGamma: state.penaltyGamma,
    nfolds: state.nfolds,
    seed: state.seed,
    na: state.na,
    decimal: state.decimal,
    thousands: state.thousands,
    lambda: state.lambda,
    grouped: state.grouped,
    moreTargets: state.moreTargets,
    measure: state.measure,
  };
  fitWorker.postMessage(request);
}

/** Workers for simulations: one per core (at most 4), so repetitions run in parallel. */
let simWorkers: Worker[] = [];
function runSimulation(scenario: string, reps: number, seed: number): void {
  for (const w of simWorkers) w.terminate();
  const parts = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, reps));
  simWorkers = Array.from({ length: parts }, startWorker);
  const id = ++simId;
  const done = new Array<number>(parts).fill(0);
  const results: RepetitionResult[][] = [];
  let failed = false;
  simulatePage.running(reps);
  simWorkers.forEach((worker, part) => {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.id !== id || failed) return;
      if (message.type === "progress") {
        done[part] = message.done;
        simulatePage.progressed(done.reduce((a, b) => a + b, 0), reps);
      } else if (message.type === "simulated") {
        results[message.part] = [...message.repetitions];
        worker.terminate();
        if (results.filter(Boolean).length === parts) {
          // The same summary a sequential run gives: summarizeExperiment orders the repetitions itself.
          const design = makeDesign(scenarioNamed(scenario).spec);
          const options = resolveExperimentOptions(design, { reps, seed });
          simulatePage.show(scenario, summarizeExperiment(design, options, results.flat()));
          simWorkers = [];
        }
      } else if (message.type === "error") {
        failed = true;
        for (const w of simWorkers) w.terminate();
        simWorkers = [];
        simulatePage.failed(`The simulation failed: ${message.message}`);
      }
    };
    const request: WorkerRequest = { type: "simulate", id, scenario, reps, seed, part, parts };
    worker.postMessage(request);
  });
}

// ---- Views -------------------------------------------------------------------------------------

const dataPage = new DataPage(byId("page-data"), {
  setLambda: (lambda) => setState({ lambda }),
  setXvar: (xvar) => setState({ xvar }),
  setScale: (scale) => setState({ scale }),
  setGamma: (gamma) => setState({ gamma }),
  setView: (view) => setState({ view }),
  redraw: () => schedule(),
});
const survivalView = new SurvivalView(byId("page-data"));
const survivalControls = new SurvivalControls(targetSelect.closest("label")!, (patch) => setState({ ...patch, lambda: null }));
const multiControls = new MultiControls(targetSelect.closest("label")!, familySelect, (patch) => setState({ ...patch, lambda: null }));
const multiPage = new MultiPage({
  setLambda: (lambda) => setState({ lambda }),
  redraw: () => schedule(),
  askExplain: (lambda) => multiFit && fitWorker.postMessage({ type: "multi-explain", id: ++explainId, fitId: multiFit.id, lambda } satisfies WorkerRequest),
  setMeasure: (measure) => {
    setState({ measure });
    measureAgain(measure);
  },
  askDrop: (lambda) => multiFit && fitWorker.postMessage({ type: "multi-drop", id: ++explainId, fitId: multiFit.id, lambda } satisfies WorkerRequest),
});
byId("page-data").append(multiPage.root);
const toyHost = { setToy: (patch: Partial<LabState>) => setState(patch), data: () => fit };
const geometryPage = new GeometryPage(byId("page-geometry"), toyHost);
const racePage = new RacePage(byId("page-race"), toyHost);
const simulatePage = new SimulatePage(byId("page-simulate"), {
  runSimulation,
  setScenario: (scenario) => setState({ scenario }),
  data: () => fit,
});

// ---- Rendering ---------------------------------------------------------------------------------

let frame: number | null = null;
/** Scrolls that need the next render's layout (a view just shown, an answer just written), run at its end. */
const scrollsAfterRender: (() => void)[] = [];
function schedule(): void {
  if (frame === null) frame = requestAnimationFrame(render);
}

/**
 * Widths the charts are drawn for, kept by a ResizeObserver: reading clientWidth in the render would
 * force a layout of the whole page in the middle of the update, on every λ change.
 */
const widths = { main: 0, panel: 0 };
const mainElement = byId("main");
const resizeObserver = new ResizeObserver((entries) => {
  let changed = false;
  for (const entry of entries) {
    const which = entry.target === mainElement ? "main" : "panel";
    const width = entry.contentRect.width;
    if (width > 0 && width !== widths[which]) {
      widths[which] = width;
      changed = true;
    }
  }
  if (changed) schedule();
});
resizeObserver.observe(mainElement);
resizeObserver.observe(dataPage.panels.paths.chart);

function contentWidth(): number {
  return widths.main > 0 ? widths.main : mainElement.clientWidth || 640;
}

function render(): void {
  frame = null;
  const page = pageOf(state.view);
  for (const p of PAGES) {
    const active = p.id === page;
    const element = byId(`page-${p.id}`);
    if (element.hidden === active) element.hidden = !active;
    setAttr(tabButtons.get(p.id)!, "aria-selected", String(active));
    setAttr(tabButtons.get(p.id)!, "tabindex", active ? "0" : "-1");
  }
  syncControls();
  const width = contentWidth();
  if (page === "data") {
    // While the slider moves (its URL write pending) the bars' tooltips wait for it to rest.
    const moving = urlTimer !== null;
    at = fit && state.lambda !== null ? dataPage.update(state, state.lambda, widths.panel > 0 ? widths.panel : dataPage.panelWidth(), evidenceAt(state.lambda), { moving }) : null;
    dataPage.focus(state.view);
    priceView.update(fit && fitKey(state) === fittedKey ? fit : null, state.lambda, widths.panel > 0 ? widths.panel : dataPage.panelWidth());
    survivalView.update(fit, state.lambda, width);
    byId("page-data").classList.toggle("multi", multiFit !== null);
    multiNonzero = multiFit && state.lambda !== null ? multiPage.update(state.lambda, widths.panel > 0 ? widths.panel : dataPage.panelWidth()) : null;
    multiPage.focus(state.view);
    if (evidenceError) showStatus(`The explanation at λ = ${formatValue(state.lambda ?? NaN)} could not be computed: ${evidenceError}`);
  } else if (page === "geometry") geometryPage.update(state, width);
  else if (page === "race") racePage.update(state, width);
  else simulatePage.update(state, width);
  if (page !== "race") racePage.stop();
  // After the data page's update: the readout counts the nonzero coefficients of this λ, not the last one's.
  syncLambdaBar();
  renderAnswer();
  for (const scroll of scrollsAfterRender.splice(0)) scroll();
  if (readyAfterRender) {
    document.body.dataset.ready = readyAfterRender;
    readyAfterRender = null;
  }
}

/**
 * The evidence at λ: looked up when the worker has explained λ already (it explains every slider position
 * after a fit of bundled size), else made at once on the page for gaussian data of that size; for larger
 * data and GLMs asked of the worker, showing the last evidence (marked stale) until the answer arrives.
 */
function evidenceAt(lambda: number): Evidence | null {
  // MCP and SCAD: explain's evidence reads the elastic net's conditions; their price view reads the fit instead.
  if (!fit || fit.path.penalty === "mcp" || fit.path.penalty === "scad") return null;
  if (evidence && evidence.lambda === lambda) return evidence;
  // A GLM's explanation refits by IRLS (tens of milliseconds, more when it refines): until the worker has
  // explained the slider's positions, a λ it has not reached yet is asked of it, as for large data.
  if (maker && (maker.has(lambda) || !maker.explainIsSlow)) {
    try {
      // A GLM's spectrum needs an SVD per λ: leave it out while the slider moves, add it when λ settles.
      evidence = maker.at(lambda, { spectrum: !maker.spectrumIsSlow });
      if (evidence.spectrumPending) settleSpectrum(lambda);
      evidenceError = null;
    } catch (error) {
      evidence = null;
      evidenceError = (error as Error).message;
    }
    return evidence;
  }
  if (explainAsked !== lambda) {
    explainAsked = lambda;
    const request: WorkerRequest = { type: "explain", id: ++explainId, fitId: fit.id, lambda };
    fitWorker.postMessage(request);
  }
  return evidence;
}

let spectrumTimer: number | null = null;
function settleSpectrum(lambda: number): void {
  if (spectrumTimer !== null) clearTimeout(spectrumTimer);
  spectrumTimer = window.setTimeout(() => {
    spectrumTimer = null;
    if (maker && evidence && evidence.lambda === lambda && state.lambda === lambda && evidence.spectrumPending) {
      evidence = maker.withSpectrum(evidence);
      schedule();
    }
  }, 150);
}

/** A form control's value, set only when it differs (most renders change λ alone). */
function setValue(control: HTMLInputElement | HTMLSelectElement | HTMLOutputElement, value: string): void {
  if (control.value !== value) control.value = value;
}

function syncControls(): void {
  setValue(datasetSelect, state.dataset);
  const uploadOption = datasetSelect.querySelector('option[value="upload"]') as HTMLOptionElement;
  if (uploadOption.disabled !== !uploaded) uploadOption.disabled = !uploaded;
  if (state.dataset === "upload" && uploaded && uploadOption.textContent !== `Your file: ${uploaded.name}`) uploadOption.textContent = `Your file: ${uploaded.name}`;
  setValue(familySelect, state.family ?? "auto");
  setValue(alphaInput, String(state.alpha));
  setValue(alphaOut, formatValue(state.alpha, 2));
  if (standardizeInput.checked !== state.standardize) standardizeInput.checked = state.standardize;
  penaltyControls.sync(state);
  if (document.activeElement !== nfoldsInput) setValue(nfoldsInput, String(state.nfolds));
  if (document.activeElement !== seedInput) setValue(seedInput, String(state.seed));
  if (fileColumns) setValue(targetSelect, state.target ?? fileColumns.target);
  survivalControls.sync(fileColumns?.columns ?? [], state, state.target ?? fileColumns?.target ?? null);
  multiControls.sync(fileColumns?.columns ?? [], state, state.target ?? fileColumns?.target ?? null, multiFit);
  if (naDropInput.checked !== (state.na === "drop")) naDropInput.checked = state.na === "drop";
  setValue(decimalSelect, state.decimal);
  setValue(thousandsSelect, state.thousands);
}

function syncTargetOptions(): void {
  const columns = fileColumns?.columns ?? [];
  const current = [...targetSelect.options].map((o) => o.value).join("\u0000");
  if (current !== columns.join("\u0000")) targetSelect.replaceChildren(...columns.map((c) => el("option", { value: c, text: c })));
  if (fileColumns) targetSelect.value = fileColumns.target;
}

/** The family, and for binomial the class modelled as 1: a coefficient's sign means nothing without it. */
function familyWords(fit: FitResponse): string {
  return familyOf(fit.family).outcome === "binary" ? `${fit.family}, modelling P(${fit.target} = ${fit.positiveClass ?? "1"})` : fit.family;
}

/** The multi-response page's count of variables nonzero for some class at the λ it drew last. */
let multiNonzero: number | null = null;

function syncLambdaBar(): void {
  const shown = shownPath();
  const lambdas = shown?.lambda;
  const cv = shown?.cv;
  const ready = !!lambdas && lambdas.length > 0 && state.lambda !== null && pageOf(state.view) === "data";
  if (slider.disabled !== !ready) slider.disabled = !ready;
  if (toMin.disabled !== (!ready || !cv)) toMin.disabled = !ready || !cv;
  if (to1se.disabled !== (!ready || !cv)) to1se.disabled = !ready || !cv;
  if (!lambdas || state.lambda === null) {
    // No fit (an error, or one on its way): the slider rests at the start, with nothing to say.
    if (slider.max !== "0") slider.max = "0";
    setValue(slider, "0");
    setAttr(slider, "aria-valuetext", "no fit");
    setValue(readout, "λ = –");
    return;
  }
  if (slider.max !== String(sliderMax(lambdas.length))) slider.max = String(sliderMax(lambdas.length));
  if (document.activeElement !== slider || Math.abs(lambdaAtSlider(lambdas, Number(slider.value)) - state.lambda) > 1e-12 * state.lambda) {
    setValue(slider, String(sliderAtLambda(lambdas, state.lambda)));
  }
  // Counted only from values at this very λ (the data page's, made in this render): never a stale count.
  const nonzero = multiFit ? multiNonzero : at && at.lambda === state.lambda ? at.beta.reduce((n, b) => n + (b !== 0 ? 1 : 0), 0) : null;
  const marks = cv ? [state.lambda === cv.lambdaMin ? " (λ_min)" : "", state.lambda === cv.lambda1se ? " (λ_1se)" : ""].join("") : "";
  setValue(readout, `λ = ${formatValue(state.lambda)}${marks} · log λ = ${Math.log(state.lambda).toFixed(3)}${nonzero !== null ? ` · ${nonzero} nonzero` : ""}`);
  setAttr(slider, "aria-valuetext", `lambda ${formatValue(state.lambda)}${nonzero !== null ? `, ${nonzero} nonzero coefficients` : ""}`);
}

// ---- State changes -----------------------------------------------------------------------------

/** A pending write of the URL (see writeUrlSoon). */
let urlTimer: number | null = null;
/** How long the slider must rest before λ goes into the URL. */
const URL_DELAY_MS = 250;

function writeUrl(): void {
  if (urlTimer !== null) {
    clearTimeout(urlTimer);
    urlTimer = null;
  }
  const query = stateToQuery(state);
  if (query !== location.search) history.replaceState(null, "", query);
  share.href = query;
}

/**
 * Write the URL once the slider rests: history.replaceState costs a few milliseconds (a same-document
 * navigation), too much to pay on every step of a moving slider within one frame.
 */
function writeUrlSoon(): void {
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = window.setTimeout(() => {
    writeUrl();
    // At rest: what waited for the slider to stop (the bars' tooltips and labels) is written now.
    dataPage.settle();
  }, URL_DELAY_MS);
}

function setState(patch: Partial<LabState>, options: { urlSoon?: boolean; viewScroll?: ScrollBehavior } = {}): void {
  const before = state;
  state = { ...state, ...patch };
  if (patch.view && pageOf(patch.view) === "data" && before.view !== patch.view) {
    // After the render that shows it: a view shown alone is not laid out (hidden) until then.
    scrollsAfterRender.push(() => document.getElementById(`panel-${patch.view}`)?.scrollIntoView({ block: "nearest", behavior: options.viewScroll ?? "smooth" }));
  }
  if (fitKey(state) !== fitKey(before)) requestFit();
  ensureLambda();
  if (options.urlSoon) writeUrlSoon();
  else writeUrl();
  schedule();
}

function showStatus(text: string): void {
  statusBox.textContent = text;
}
function showError(text: string): void {
  errorBox.textContent = text;
  errorBox.hidden = false;
}
function hideError(): void {
  errorBox.hidden = true;
  errorBox.textContent = "";
}

// ---- Controls ----------------------------------------------------------------------------------

datasetSelect.addEventListener("change", () => {
  const dataset = datasetSelect.value;
  // Bundled data are plain CSV: a person's reading settings for their own file do not apply to them.
  const reading = dataset === "upload" ? {} : { na: DEFAULT_STATE.na, decimal: DEFAULT_STATE.decimal, thousands: DEFAULT_STATE.thousands };
  setState({ dataset, target: null, family: null, lambda: null, grouped: false, moreTargets: [], measure: null, ...reading });
});
naDropInput.addEventListener("change", () => setState({ na: naDropInput.checked ? "drop" : "error", lambda: null }));
decimalSelect.addEventListener("change", () => setState({ decimal: decimalSelect.value as DecimalSetting, lambda: null }));
thousandsSelect.addEventListener("change", () => setState({ thousands: thousandsSelect.value as ThousandsSetting, lambda: null }));
targetSelect.addEventListener("change", () => setState({ target: targetSelect.value, family: state.family === "cox" ? "cox" : null, lambda: null }));
familySelect.addEventListener("change", () => setState({ family: familySelect.value === "auto" ? null : (familySelect.value as FamilyName), lambda: null }));
alphaInput.addEventListener("input", () => {
  alphaOut.value = formatValue(Number(alphaInput.value), 2);
});
alphaInput.addEventListener("change", () => setState({ alpha: Number(alphaInput.value), lambda: null }));
standardizeInput.addEventListener("change", () => setState({ standardize: standardizeInput.checked, lambda: null }));
// The penalty picker and γ (penalty.ts), placed before the α slider; the price view heads the data page.
const penaltyControls = new PenaltyControls(
  (choice) => setState({ ...choicePatch(choice, state.alpha), lambda: null }),
  (penaltyGamma) => setState({ penaltyGamma, lambda: null }),
);
alphaInput.closest("label")!.before(penaltyControls.root);
const priceView = new PriceView();
byId("page-data").prepend(priceView.root);
byId("page-data").prepend(dataPage.nav.root); // the data page's own tabs above everything on it
nfoldsInput.addEventListener("change", () => {
  const typed = nfoldsInput.value;
  const k = Number(typed);
  // Out of range, the last good number stays, and the note says why (a silent revert looks like a bug).
  const ok = Number.isInteger(k) && k >= MIN_FOLDS && k <= MAX_FOLDS;
  nfoldsNote.textContent = ok ? "" : `CV folds must be a whole number from ${MIN_FOLDS} to ${MAX_FOLDS}${typed.trim() ? `, not ${typed.trim()}` : ""}; kept ${state.nfolds}.`;
  if (ok) setState({ nfolds: k });
  else nfoldsInput.value = String(state.nfolds);
});
seedInput.addEventListener("change", () => {
  const s = Math.round(Number(seedInput.value));
  if (Number.isFinite(s)) setState({ seed: s });
});

slider.addEventListener("input", () => {
  const lambdas = shownPath()?.lambda;
  if (!lambdas) return;
  setState({ lambda: lambdaAtSlider(lambdas, Number(slider.value)) }, { urlSoon: true });
});
toMin.addEventListener("click", () => { const cv = shownPath()?.cv; if (cv) setState({ lambda: cv.lambdaMin }); });
to1se.addEventListener("click", () => { const cv = shownPath()?.cv; if (cv) setState({ lambda: cv.lambda1se }); });

async function loadFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // An image or a workbook dropped by mistake: say what it is, and keep what is on show.
  const kind = binaryKind(bytes);
  if (kind) {
    showError(notTextMessage(file.name, kind));
    return;
  }
  // As the CLI reads files: UTF-8 with or without a BOM, and the UTF-16 that spreadsheets export.
  const text = decodeText(bytes);
  uploaded = { name: file.name, text };
  fittedKey = null;
  setState({ dataset: "upload", target: null, family: null, lambda: null, grouped: false, moreTargets: [], measure: null });
  requestFit();
}
fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  // Cleared once taken: choosing the same file again (after fixing it) is then a change that reloads it.
  if (file) void loadFile(file).finally(() => (fileInput.value = ""));
});
// A CSV dropped anywhere on the page.
document.addEventListener("dragover", (event) => {
  event.preventDefault();
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => {
  if (event.relatedTarget === null) document.body.classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
  event.preventDefault();
  document.body.classList.remove("dragging");
  const file = event.dataTransfer?.files?.[0];
  if (file) void loadFile(file);
});

// ---- Questions ---------------------------------------------------------------------------------

for (const q of QUESTIONS) {
  const button = el("button", { type: "button", "data-question": q.id, text: q.text }) as HTMLButtonElement;
  button.addEventListener("click", () => {
    openQuestion = q.id;
    for (const b of questionList.querySelectorAll("button")) b.setAttribute("aria-current", String(b === button));
    const { patch, restore } = questionSetup(state, questionRestore, q.setup ? q.setup(questionBase(state, questionRestore)) : {});
    questionRestore = restore;
    // At once, not smoothly: a smooth scroll still running would carry the answer away again.
    setState({ ...patch, view: q.view }, { viewScroll: "instant" });
    // The answer sits at the top of the questions box: scroll it into sight (at 1366×768 it was below the fold),
    // once the render has laid out the question's view (reveal.ts says why then).
    scrollsAfterRender.push(() => revealAnswer(answerBox));
    // A simulation question answers with a run: start it unless its results are already on show.
    const scenario = state.scenario ?? SCENARIOS[0]!.name;
    if (q.view === "simulate" && !simulatePage.shows(scenario)) runSimulation(scenario, simulatePage.repetitions(), 1);
    byId("main").focus({ preventScroll: true });
  });
  questionList.append(el("li", {}, button));
}

function renderAnswer(): void {
  const q = QUESTIONS.find((x) => x.id === openQuestion);
  if (!q) {
    if (answerBox.firstChild) answerBox.replaceChildren();
    return;
  }
  const changed = questionRestore ? restoreWords(questionRestore, state) : "";
  answerBox.replaceChildren(
    el("h3", { text: q.text }),
    ...(changed ? [el("p", { class: "help", text: changed })] : []),
    ...q
      .answer({ state, fit, at, evidence: evidence && evidence.lambda === state.lambda ? evidence : null, dropWords: dataPage.drop.wordsAt(state.lambda), viewWords: dataPage.viewWords(q.view), stability: dataPage.stability.current() })
      .filter(Boolean)
      .map((t) => el("p", { text: t })),
  );
}

// ---- Start -------------------------------------------------------------------------------------

window.addEventListener("resize", () => schedule());
if (!VIEWS.includes(state.view)) state = { ...state, view: "paths" };
writeUrl();
requestFit();
schedule();
