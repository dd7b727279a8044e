// Every public export checks its arguments (issue 21): the exports of src/index.ts and src/node.ts are
// enumerated here, not listed by hand, so a new export is tested the day it lands. Each function is called
// with a wrong-typed first argument and must throw (or reject with) the project's OptionError naming that
// argument; each that takes options must refuse an unknown key naming the nearest known one.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as api from "../../src/node.js";
import { OptionError, ShrinkageError } from "../../src/errors.js";

type AnyFunction = (...args: unknown[]) => unknown;

/** Exports that are values, not functions, and why they need no check. */
const VALUES: Record<string, string> = {
  ...Object.fromEntries(["gaussian", "binomial", "poisson", "cox", "multinomial", "mgaussian"].map((k) => [k, "a family object: its methods are the solver's, reached through fitPath and friends, which check"])),
  ...Object.fromEntries(["FAMILIES", "MULTI_FAMILIES", "MEASURES", "METHODS", "METHOD_ALPHA", "SCENARIOS", "DELIMITERS", "MISSING_TOKENS"].map((k) => [k, "a constant list or table"])),
  ...Object.fromEntries(["MANY_LEVELS", "MIN_PLOT_HEIGHT", "ROW_HEIGHT", "SWAP_CORRELATION", "COMPETING_CORRELATION"].map((k) => [k, "a constant number"])),
  ...Object.fromEntries(["DROP_COLORS", "METHOD_COLORS", "PRICE_COLORS", "PRICE_PART_COLORS", "STATUS_COLORS"].map((k) => [k, "a constant palette"])),
};

/** Functions exempt from the wrong-first-argument call, each with its reason. */
const EXEMPT: Record<string, string> = {
  kernelChoice: "takes no arguments",
  wasmKernelsAvailable: "takes no arguments",
  closeIdleWorkers: "takes no arguments",
  isFamilyName: "a type guard: answers true or false for any value, which is its job",
  isMultiFamilyName: "a type guard: answers true or false for any value, which is its job",
  isSparse: "a type guard: answers true or false for any value, which is its job",
  ShrinkageError: "an error class: any message is a message",
  DataError: "an error class: any message is a message",
  OptionError: "an error class: any message is a message",
  NoSolutionError: "an error class: any message is a message",
};

/**
 * The option an error names when the first argument is, to a person, an option of another name: the
 * family's name is the "family" option, a λ choice is the "lambda" option.
 */
const ALIASES: Record<string, string> = { familyOf: "family", multiFamilyOf: "family", resolveLambda: "lambda" };

/** The name of a function's first parameter, from its source. */
function firstParameter(f: AnyFunction): string | null {
  const source = String(f);
  const m = /^class\b/.test(source) ? /\bconstructor\s*\(\s*([\w$]+)/.exec(source) : /^(?:async\s+)?function\*?\s*[\w$]*\s*\(\s*([\w$]+)/.exec(source);
  return m ? m[1] : null;
}

/** Call f and return the error it throws or its promise rejects with (null when it returns). */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    const r = call();
    if (r !== null && typeof r === "object" && typeof (r as Promise<unknown>).then === "function") await r;
    return null;
  } catch (e) {
    return e;
  }
}

const exports = Object.entries(api as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
const functions = exports.filter(([, v]) => typeof v === "function") as [string, AnyFunction][];

test("every export is a function with argument checks, or a value or exemption listed with its reason", () => {
  const values = exports.filter(([, v]) => typeof v !== "function").map(([k]) => k);
  for (const name of values) assert.ok(name in VALUES, `${name} is a value export: list it in VALUES with why it needs no check`);
  for (const name of Object.keys(VALUES)) assert.ok(values.includes(name), `VALUES lists ${name}, which is not a value export`);
  for (const name of Object.keys(EXEMPT)) assert.ok(functions.some(([k]) => k === name), `EXEMPT lists ${name}, which is not a function export`);
  assert.ok(functions.length > 150, `only ${functions.length} function exports found`);
});

test("a wrong-typed first argument is an OptionError naming it, from every exported function", async () => {
  const faults: string[] = [];
  let checked = 0;
  for (const [name, f] of functions) {
    if (name in EXEMPT) continue;
    checked++;
    const first = firstParameter(f);
    if (first === null) {
      faults.push(`${name}: its first parameter has no name`);
      continue;
    }
    for (const wrong of [null, Symbol("wrong")]) {
      const e = await errorOf(() => (/^class\b/.test(String(f)) ? new (f as unknown as new (a: unknown) => unknown)(wrong) : f(wrong)));
      const named = ALIASES[name] ?? first;
      if (!(e instanceof OptionError) || e.option !== named || !e.message.includes(named)) {
        faults.push(`${name}(${String(wrong)}): ${e instanceof ShrinkageError ? `${e.name} (option ${(e as OptionError).option})` : e === null ? "no error" : "not ours"}: ${String(e)}`.slice(0, 200));
        break;
      }
    }
  }
  assert.equal(checked + Object.keys(EXEMPT).length, functions.length);
  assert.deepEqual(faults, []);
});

// ---- Unknown options -------------------------------------------------------------------------------

const x = api.modelMatrix(["a", "b", "c"], [[1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7], [1, 0, 1, 0, 1, 1, 0, 0]]);
const y = [1.2, 1.9, 3.4, 3.8, 5.1, 6.3, 6.8, 8.4];
const path = api.fitPath(x, y, { nlambda: 5 });
const data = { x, y };
const design = api.makeDesign({ n: 20, p: 3, s: 1 });
// Arguments that pass their rules, so that the options are what is checked next (the options are
// checked before any of these is used, which is why a bare engine or statistics object will do).
const stats = { names: ["a"], shift: new Float64Array(1), design: {} };
const engine = { from: "t", where: "t" };
const truth = { beta: new Float64Array(3), intercept: 0, sigma: 1 };
const q = api.quadraticOfTwoPredictors({ rho: 0.3, betaHat: [1, 0.5] });
const inputs = {
  cv: { lambda: [1], cvm: [1], cvsd: [0], nzero: [1], lambdaMin: 1, lambda1se: 1 },
  drop: { features: ["a"], kind: ["drop"], devianceShare: [0.1], pullRatio: [1] },
  price: { penalty: "mcp", gamma: 3, lambda: 0.1, alpha: 1, curve: { size: [], price: [] }, points: [] },
  pull: { features: ["a"], pull: [1], price: [1] },
  recovery: { fractions: [1], methods: [] },
  spectrum: { d2: [1], factor: [1], df: 1 },
  survival: { time: [1], status: [1], eta: [0], lambda: 0.1 },
};
const FIT_TYPO = ["alpah", "alpha"] as const;
const CHART_TYPO = ["widht", "width"] as const;

/** A valid call of each function that takes options, with the options replaced by `o`; the typo and the name it should suggest. */
const OPTION_CALLS: Record<string, [(o: object) => unknown, readonly [string, string]]> = {
  fitPath: [(o) => api.fitPath(x, y, o as never), FIT_TYPO],
  cvPath: [(o) => api.cvPath(x, y, o as never), ["nfold", "nfolds"]],
  cvPathParallel: [(o) => api.cvPathParallel(x, y, o as never), ["nfold", "nfolds"]],
  fitAdaptive: [(o) => api.fitAdaptive(x, y, o as never), FIT_TYPO],
  relaxPath: [(o) => api.relaxPath(x, y, path, o as never), FIT_TYPO],
  fitPathFromMoments: [(o) => api.fitPathFromMoments(api.momentsOf(x, y), o as never), FIT_TYPO],
  fitSparsePath: [(o) => api.fitSparsePath(api.sparseFromDense(x), y, o as never), FIT_TYPO],
  cvSparsePath: [(o) => api.cvSparsePath(api.sparseFromDense(x), y, o as never), ["nfold", "nfolds"]],
  cvSparsePathParallel: [(o) => api.cvSparsePathParallel(api.sparseFromDense(x), y, o as never), ["nfold", "nfolds"]],
  fitSparseMultinomialPath: [(o) => api.fitSparseMultinomialPath(api.sparseFromDense(x), ["a", "b", "c", "a", "b", "c", "a", "b"], o as never), ["grouepd", "grouped"]],
  fitSparseMgaussianPath: [(o) => api.fitSparseMgaussianPath(api.sparseFromDense(x), [y, y], o as never), ["respones", "responses"]],
  cvSparseMultiPath: [(o) => api.cvSparseMultiPath(api.sparseFromDense(x), { family: "mgaussian", y: [y, y] }, o as never), ["meausre", "measure"]],
  cvSparseMultiPathParallel: [(o) => api.cvSparseMultiPathParallel(api.sparseFromDense(x), { family: "mgaussian", y: [y, y] }, o as never), ["meausre", "measure"]],
  fitMultinomialPath: [(o) => api.fitMultinomialPath(x, ["a", "b", "c", "a", "b", "c", "a", "b"], o as never), ["grouepd", "grouped"]],
  fitMgaussianPath: [(o) => api.fitMgaussianPath(x, [y, y], o as never), ["respones", "responses"]],
  cvMultiPath: [(o) => api.cvMultiPath(x, { family: "mgaussian", y: [y, y] }, o as never), ["meausre", "measure"]],
  cvMultiPathParallel: [(o) => api.cvMultiPathParallel(x, { family: "mgaussian", y: [y, y] }, o as never), ["meausre", "measure"]],
  coef: [(o) => api.coef(path, 0.1, o as never), ["gama", "gamma"]],
  predict: [(o) => api.predict(path, x, 0.1, o as never), ["typ", "type"]],
  kaplanMeier: [(o) => api.kaplanMeier([1, 2], [1, 0], o as never), ["wieghts", "weights"]],
  numberAtRisk: [(o) => api.numberAtRisk([1, 2], 1, o as never), ["wieghts", "weights"]],
  parseCsv: [(o) => api.parseCsv("a\n1\n", o as never), ["delimeter", "delimiter"]],
  cellReader: [(o) => api.cellReader(o as never), ["decimals", "decimal"]],
  buildDesign: [(o) => api.buildDesign(api.parseCsv("a,y\n1,2\n2,3\n"), o as never), ["targt", "target"]],
  fitFromStats: [(o) => api.fitFromStats(stats as never, o as never), FIT_TYPO],
  cvFromStats: [(o) => api.cvFromStats(stats as never, o as never), ["measrue", "measure"]],
  cvGlmFromSource: [(o) => api.cvGlmFromSource(engine as never, stats as never, o as never), ["measrue", "measure"]],
  fitGlmFromSource: [(o) => api.fitGlmFromSource(engine as never, stats as never, o as never), FIT_TYPO],
  scanSource: [(o) => api.scanSource(engine as never, { target: "y" } as never, o as never), ["maxFeature", "maxFeatures"]],
  coefficientPathChart: [(o) => api.coefficientPathChart(path, o as never), ["xvr", "xvar"]],
  coefficientPathSpec: [(o) => api.coefficientPathSpec(path, o as never), ["xvr", "xvar"]],
  cvCurveChart: [(o) => api.cvCurveChart(inputs.cv as never, o as never), CHART_TYPO],
  cvCurveSpec: [(o) => api.cvCurveSpec(inputs.cv as never, o as never), CHART_TYPO],
  dropCostChart: [(o) => api.dropCostChart(inputs.drop as never, o as never), ["srot", "sort"]],
  dropCostSpec: [(o) => api.dropCostSpec(inputs.drop as never, o as never), ["srot", "sort"]],
  priceCurveChart: [(o) => api.priceCurveChart(inputs.price as never, o as never), CHART_TYPO],
  priceCurveSpec: [(o) => api.priceCurveSpec(inputs.price as never, o as never), CHART_TYPO],
  pullPriceChart: [(o) => api.pullPriceChart(inputs.pull as never, o as never), ["xmax", "xMax"]],
  pullPriceSpec: [(o) => api.pullPriceSpec(inputs.pull as never, o as never), ["xmax", "xMax"]],
  recoveryChart: [(o) => api.recoveryChart(inputs.recovery as never, o as never), CHART_TYPO],
  recoverySpec: [(o) => api.recoverySpec(inputs.recovery as never, o as never), CHART_TYPO],
  ridgeSpectrumChart: [(o) => api.ridgeSpectrumChart(inputs.spectrum as never, o as never), ["showVariances", "showVariance"]],
  ridgeSpectrumSpec: [(o) => api.ridgeSpectrumSpec(inputs.spectrum as never, o as never), ["showVariances", "showVariance"]],
  survivalChart: [(o) => api.survivalChart(inputs.survival as never, o as never), CHART_TYPO],
  survivalSpec: [(o) => api.survivalSpec(inputs.survival as never, o as never), CHART_TYPO],
  plantTruth: [(o) => api.plantTruth(x, y, o as never), ["seeds", "seed"]],
  simulateOnData: [(o) => api.simulateOnData(x, y, o as never), ["seeds", "seed"]],
  resolveExperimentOptions: [(o) => api.resolveExperimentOptions(design, o as never), ["rep", "reps"]],
  runExperiment: [(o) => api.runExperiment(design, o as never), ["rep", "reps"]],
  runExperimentParallel: [(o) => api.runExperimentParallel(design, o as never), ["rep", "reps"]],
  resolveStabilityOptions: [(o) => api.resolveStabilityOptions(data, o as never), ["pair", "pairs"]],
  stability: [(o) => api.stability(data, o as never), ["pair", "pairs"]],
  stabilityParallel: [(o) => api.stabilityParallel(data, o as never), FIT_TYPO],
  compareStandardization: [(o) => api.compareStandardization(data, o as never), FIT_TYPO],
  explain: [(o) => api.explain(path, data, o as never), ["lambad", "lambda"]],
  explainFromStats: [(o) => api.explainFromStats(stats as never, path, o as never), ["lambad", "lambda"]],
  explainGlmFromSource: [(o) => api.explainGlmFromSource(engine as never, stats as never, path, o as never), ["lambad", "lambda"]],
  dropCostsFromStats: [(o) => api.dropCostsFromStats(stats as never, path, o as never), ["lambad", "lambda"]],
  dropCostsGlmFromSource: [(o) => api.dropCostsGlmFromSource(engine as never, stats as never, path, o as never), ["lambad", "lambda"]],
  costLine: [(o) => api.costLine(path, data, o as never), ["featrue", "feature"]],
  dfEstimate: [(o) => api.dfEstimate(path, data, o as never), ["rpes", "reps"]],
  dropCosts: [(o) => api.dropCosts(path, data, o as never), ["feautres", "features"]],
  ridgeSpectrum: [(o) => api.ridgeSpectrum(path, data, o as never), ["lambad", "lambda"]],
  race: [(o) => api.race(q, 0.1, 1, o as never), ["step", "steps"]],
  coordinateDescent: [(o) => api.coordinateDescent(q, 0.1, 1, o as never), ["step", "steps"]],
  proximalGradient: [(o) => api.proximalGradient(q, 0.1, 1, o as never), ["step", "steps"]],
  subgradientDescent: [(o) => api.subgradientDescent(q, 0.1, 1, o as never), ["step", "steps"]],
};

/** Functions with a parameter named like options that is not a person's options object, and why. */
const NOT_OPTIONS: Record<string, string> = {
  ...Object.fromEntries(["pairStates", "repetitionStates", "runPair", "runRepetition", "summarizeExperiment", "summarizeStability"].map((k) => [k, "takes the resolved options resolve*Options returns (every field filled), not a person's options"])),
  ...Object.fromEntries(["runPlantedRep", "summarizePlanted"].map((k) => [k, "takes the options plantTruth already checked, handed on by simulateOnData's repetitions"])),
  columnScaling: "its opts are a path's settings (path.settings), which carry more fields than the scaling reads",
};

/** The parameter names of f, from its source. */
function parameters(f: AnyFunction): string[] {
  const m = /^(?:async\s+)?function\*?\s*[\w$]*\s*\(([^)]*)\)/.exec(String(f));
  return m ? m[1].split(",").map((p) => p.trim().split(/[=\s]/)[0]).filter((p) => p !== "") : [];
}

test("every function with an options parameter has a call in OPTION_CALLS or a reason in NOT_OPTIONS", () => {
  const takers = functions.filter(([, f]) => parameters(f).some((p) => /^(options|opts|format|parallel|par|fit)$/.test(p))).map(([k]) => k).sort();
  assert.deepEqual(takers, [...Object.keys(OPTION_CALLS), ...Object.keys(NOT_OPTIONS)].sort());
});

test("an unknown option is an OptionError naming it and the nearest known option, in every function that takes options", async () => {
  const faults: string[] = [];
  for (const [name, [call, [typo, nearest]]] of Object.entries(OPTION_CALLS)) {
    const e = await errorOf(() => call({ [typo]: 1 }));
    const expected = `unknown option ${JSON.stringify(typo)}; did you mean ${JSON.stringify(nearest)}?`;
    if (!(e instanceof OptionError) || e.option !== typo || !e.message.startsWith(`${name}: `) || !e.message.includes(expected)) {
      faults.push(`${name}: ${String(e)}`);
    }
  }
  assert.equal(Object.keys(OPTION_CALLS).length, 67);
  assert.deepEqual(faults, []);
});

test("the parallel runners' own options are checked too", async () => {
  for (const call of [() => api.cvPathParallel(x, y, {}, { job: 2 } as never), () => api.cvMultiPathParallel(x, { family: "mgaussian", y: [y, y] }, {}, { job: 2 } as never), () => api.runExperimentParallel(design, {}, { job: 2 } as never), () => api.stabilityParallel(data, {}, { job: 2 } as never),
    () => api.cvSparsePathParallel(api.sparseFromDense(x), y, {}, { job: 2 } as never), () => api.cvSparseMultiPathParallel(api.sparseFromDense(x), { family: "mgaussian", y: [y, y] }, {}, { job: 2 } as never)]) {
    const e = await errorOf(call);
    assert.ok(e instanceof OptionError && /unknown option "job"; did you mean "jobs"\?/.test(e.message), String(e));
  }
});

test("the issue's examples: alpah, alpha: null, NaN in new X", () => {
  assert.throws(() => api.fitPath(x, y, { alpah: 0.5 } as never), /unknown option "alpah"; did you mean "alpha"\?/);
  assert.throws(() => api.fitPath(x, y, { alpha: null } as never), (e: unknown) => e instanceof OptionError && /alpha must be a number between 0 and 1, got null/.test(e.message));
  const newX = api.modelMatrix(["a", "b", "c"], [[1, 2], [2, Number.NaN], [0, 1]]);
  assert.throws(() => api.predict(path, newX, 0.1), (e: unknown) => e instanceof api.DataError && /feature "b" is not a finite number in row 2/.test(e.message));
  const multi = api.fitMultinomialPath(x, ["a", "b", "c", "a", "b", "c", "a", "b"], { nlambda: 3 });
  assert.throws(() => api.predictMulti(multi, newX, multi.lambda[1]), (e: unknown) => e instanceof api.ShrinkageError && /row 2/.test(e.message) && /"b"/.test(e.message));
});
