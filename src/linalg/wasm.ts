import { COLUMNS_SHARED_WASM_BASE64, COLUMNS_WASM_BASE64 } from "./wasm/columns.wasm.js";
import { EPOCH_GAP_SHARED_WASM_BASE64, EPOCH_GAP_WASM_BASE64, EPOCH_SHARED_WASM_BASE64, EPOCH_WASM_BASE64 } from "./wasm/epoch.wasm.js";
import { GRAM_SHARED_WASM_BASE64, GRAM_WASM_BASE64 } from "./wasm/gram.wasm.js";
import { IRLS_FOLD_SHARED_WASM_BASE64, IRLS_FOLD_WASM_BASE64, IRLS_SHARED_WASM_BASE64, IRLS_WASM_BASE64 } from "./wasm/irls.wasm.js";
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./wasm/kernels.wasm.js";
import { ROWS_SHARED_WASM_BASE64, ROWS_WASM_BASE64 } from "./wasm/rows.wasm.js";
import { ROWSPLIT_SHARED_WASM_BASE64 } from "./wasm/rowsplit.wasm.js";
import { SOFTMAX_SHARED_WASM_BASE64, SOFTMAX_WASM_BASE64 } from "./wasm/softmax.wasm.js";
import { SCAN_SHARED_WASM_BASE64, SCAN_WASM_BASE64 } from "./wasm/scan.wasm.js";
import { isShared } from "./shared.js";

/** The exports of wasm/kernels.wat: pointers are byte offsets into the instance's memory, lengths count f64s. */
export interface WasmKernels {
  dot(n: number, x: number, y: number): number;
  dotcols(n: number, x: number, cols: number, count: number, v: number, out: number): void;
  sum(n: number, x: number): number;
  axpy(n: number, a: number, x: number, y: number): void;
  waxpy(n: number, a: number, v: number, x: number, r: number): void;
  axpydot(n: number, a: number, x: number, y: number, z: number): number;
  waxpydot(n: number, a: number, v: number, x: number, r: number, z: number): number;
  dotwsq(n: number, r: number, x: number, v: number, out: number): number;
  waxpydotwsq(n: number, a: number, v: number, xp: number, r: number, x: number, out: number): number;
}

/** The exports of wasm/gram.wat: out[m·ldo + j] = x_jᵀv_m for 2 or 4 vectors, x_j n long at x + 8·stride·j (byte addresses). */
export interface GramKernels {
  dotcols2(n: number, stride: number, x: number, cols: number, count: number, v0: number, v1: number, out: number, ldo: number): void;
  dotcols4(n: number, stride: number, x: number, cols: number, count: number, v0: number, v1: number, v2: number, v3: number, out: number, ldo: number): void;
  dotcolsx(n: number, x: number, cols: number, count: number, v: number, out: number): void;
}

/** The WebAssembly modules, each in two builds: on a plain memory (a fit's) and on a shared one (threads reading one copy of X). */
const MODULES = {
  kernels: [KERNELS_WASM_BASE64, KERNELS_SHARED_WASM_BASE64],
  epoch: [EPOCH_WASM_BASE64, EPOCH_SHARED_WASM_BASE64],
  "epoch-gap": [EPOCH_GAP_WASM_BASE64, EPOCH_GAP_SHARED_WASM_BASE64],
  gram: [GRAM_WASM_BASE64, GRAM_SHARED_WASM_BASE64],
  columns: [COLUMNS_WASM_BASE64, COLUMNS_SHARED_WASM_BASE64],
  irls: [IRLS_WASM_BASE64, IRLS_SHARED_WASM_BASE64],
  "irls-fold": [IRLS_FOLD_WASM_BASE64, IRLS_FOLD_SHARED_WASM_BASE64],
  rows: [ROWS_WASM_BASE64, ROWS_SHARED_WASM_BASE64],
  softmax: [SOFTMAX_WASM_BASE64, SOFTMAX_SHARED_WASM_BASE64],
  scan: [SCAN_WASM_BASE64, SCAN_SHARED_WASM_BASE64],
  // Threads only: no plain build.
  rowsplit: ["", ROWSPLIT_SHARED_WASM_BASE64],
} as const;

type ModuleName = keyof typeof MODULES;

const compiled: Record<string, WebAssembly.Module | null> = {};

function kindOf(name: ModuleName, shared: boolean): string {
  return shared ? `${name}-shared` : name;
}

/**
 * The exports of module `name` instantiated on `memory`, in the build its memory takes (plain or shared),
 * with `imports` beside the memory; null where the engine refuses the module or the instance.
 */
function instanceOn<T>(name: ModuleName, memory: WebAssembly.Memory, imports: WebAssembly.Imports = {}): T | null {
  const module = compileOnce(name, isShared(memory.buffer));
  if (module === null) return null;
  try {
    return new WebAssembly.Instance(module, { ...imports, env: { memory } }).exports as unknown as T;
  } catch {
    return null;
  }
}

/** Module `name` in its plain or shared build, compiled once; null where the engine refuses it. */
function compileOnce(name: ModuleName, shared: boolean): WebAssembly.Module | null {
  const kind = kindOf(name, shared);
  const known = compiled[kind];
  if (known !== undefined) return known;
  compiled[kind] = null;
  try {
    if (typeof WebAssembly !== "object" || typeof atob !== "function") return null;
    // An engine without SIMD (or threads, for the shared build) throws a CompileError here. No
    // WebAssembly.validate() first: it costs a second full decode of the module on a process's first fit.
    compiled[kind] = new WebAssembly.Module(bytesOf(MODULES[name][shared ? 1 : 0]));
  } catch {
    compiled[kind] = null;
  }
  return compiled[kind]!;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  // Node's decoder where there is one (native: the loop below runs interpreted in a process's first fit).
  const buffer = (globalThis as { Buffer?: { from(s: string, encoding: "base64"): Uint8Array<ArrayBuffer> } }).Buffer;
  if (buffer !== undefined) {
    const b = buffer.from(base64, "base64");
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the modules of a dense fit on one thread (kernels, passes, Gram columns, column standardization,
 * and IRLS's passes) with WebAssembly.compile, off the calling thread, so that the command line compiles
 * them while it reads its data (it awaits this before fitting; a fit that comes first compiles them itself,
 * as always). `builds`: their builds on plain memory (a fit's), on shared memory (what a cross-validation
 * with worker threads runs on, in every thread), or both. Never rejects: a module the engine refuses is
 * left to compileOnce, which then finds it refused.
 */
export async function compileAhead(builds: "plain" | "shared" | "both" = "plain"): Promise<void> {
  if (typeof WebAssembly !== "object" || typeof atob !== "function") return;
  const sharedBuilds = builds === "both" ? [false, true] : [builds === "shared"];
  const wanted = sharedBuilds.flatMap((shared) => (Object.keys(MODULES) as ModuleName[]).map((name) => [name, shared] as const))
    // The row split (threads only, a fit's helper's) compiles when first used: not in every fold worker.
    .filter(([name]) => MODULES[name][0] !== "");
  await Promise.all(wanted.map(async ([name, shared]) => {
    const kind = kindOf(name, shared);
    if (compiled[kind] !== undefined) return;
    try {
      const module = await WebAssembly.compile(bytesOf(MODULES[name][shared ? 1 : 0]));
      if (compiled[kind] === undefined) compiled[kind] = module;
    } catch {
      // compileOnce decides.
    }
  }));
}

/** The exports of wasm/epoch.wat: whole passes of the gaussian solvers; `layout` addresses their arrays. */
export interface WasmEpoch {
  covpass(layout: number, l1: number, l2: number, from: number): number;
  covactive(layout: number, l1: number, l2: number, nin: number, thr: number, npasses: number, maxit: number): number;
  covsave(layout: number, nin: number): void;
  covsync(layout: number, nin: number): void;
  covlambda(layout: number, l1: number, l2: number, ts: number, thr: number, maxit: number, from: number): number;
  /** From epoch-gap.wat's instance on the same memory; absent where the engine refused that module. */
  covgap?(layout: number, lambda: number, alpha: number): number;
  naivepass(layout: number, l1: number, l2: number, fuse: number): number;
  naiveactive(layout: number, l1: number, l2: number, thr: number, npasses: number, maxit: number, fuse: number): number;
}

/** An instance of the passes on `memory`, calling `kernels` (an instance of the kernels on the same memory). */
export function instantiateEpoch(memory: WebAssembly.Memory, kernels: WasmKernels, shared: boolean): WasmEpoch | null {
  const module = compileOnce("epoch", shared);
  if (module === null) return null;
  const instance = new WebAssembly.Instance(module, { env: { memory }, kernels: kernels as unknown as WebAssembly.ModuleImports });
  const gapModule = compileOnce("epoch-gap", shared);
  if (gapModule === null) return instance.exports as unknown as WasmEpoch;
  const gap = new WebAssembly.Instance(gapModule, { env: { memory } }).exports;
  return { ...instance.exports, covgap: gap.covgap } as unknown as WasmEpoch;
}

/** The exports of wasm/rowsplit.wat: the kernels the passes call, by halves of n rows (the IRLS ones too), and the helper's loop. */
export interface WasmRowSplit {
  setup(ctl: number, n: number, h: number): void;
  dot(n: number, x: number, y: number): number;
  axpy(n: number, a: number, x: number, y: number): void;
  axpydot(n: number, a: number, x: number, y: number, z: number): number;
  leave(call: number): void;
  left(): number;
  serve(spins: number, naps: number): number;
}

/** The row split's module (shared memory only), compiled when first used; null where threads are unavailable. */
export function rowSplitModule(): WebAssembly.Module | null {
  return compileOnce("rowsplit", true);
}

/**
 * The row split on a shared `memory` over `kernels`, and the passes `which` (the gaussian ones, IRLS's)
 * calling it in the kernels' place: their n-row kernel calls then run by halves (row-split.ts); null where
 * it cannot be had.
 */
export function instantiateRowSplit(
  memory: WebAssembly.Memory, kernels: WasmKernels, which: "epoch" | "irls",
): { split: WasmRowSplit; passes: WasmEpoch | WasmIrls } | null {
  const module = rowSplitModule();
  if (module === null || !isShared(memory.buffer)) return null;
  const split = new WebAssembly.Instance(module, { env: { memory }, kernels: kernels as unknown as WebAssembly.ModuleImports }).exports as unknown as WasmRowSplit;
  const splitKernels = split as unknown as WasmKernels;
  const passes = which === "epoch" ? instantiateEpoch(memory, splitKernels, true) : instantiateIrls(memory, splitKernels, true);
  return passes === null ? null : { split, passes };
}

/** The exports of wasm/columns.wat: standardizing a column with equal weights c, and checking its values (byte addresses). */
export interface WasmColumns {
  /** 0 for a constant column; else 1, with mean = Σ c·x_i and ss = Σ c·(x_i − mean)² in `mean`, `ss`. */
  colstats(n: number, x: number, c: number): number;
  /** out_i = (x_i − center)/s, times sc when weighted (1); returns Σ c·out_i² before the sc. */
  colscale(n: number, x: number, out: number, center: number, s: number, c: number, sc: number, weighted: number): number;
  readonly mean: WebAssembly.Global;
  readonly ss: WebAssembly.Global;
  /** 1 when every value is finite, with the smallest and largest in `lo`, `hi`; else 0 (checkDesign's pass). */
  colcheck(n: number, x: number): number;
  readonly lo: WebAssembly.Global;
  readonly hi: WebAssembly.Global;
  /**
   * Columns j to end − 1 of X, each as standardizeInWasm does one, in one call: their centre, scale, Σ c·x̃²
   * and usable at res (flags: 1 check, 2 intercept, 4 standardize, 8 √w rows); returns the first column
   * left for TypeScript (not finite, spread beyond `limit`, or its sd's rescaled sum), or end.
   */
  colsweep(n: number, x: number, j: number, end: number, c: number, sc: number, flags: number, limit: number, res: number, p: number): number;
}

/** An instance of the column standardization on `memory` (shared or not), or null where it cannot be had. */
export function instantiateColumns(memory: WebAssembly.Memory): WasmColumns | null {
  return instanceOn<WasmColumns>("columns", memory);
}

/** The exports of wasm/scan.wat: the path's scans over the variables outside the strong set; `layout` addresses their arrays. */
export interface WasmScan {
  pick(layout: number, kind: number, scale: number, drift: number): number;
  outside(layout: number): number;
  computed(layout: number, count: number, drift: number): void;
  mark(layout: number, scale: number): void;
  violations(layout: number, count: number, scale: number): number;
  /** The duality gap's scans (their own layout): solve/gap-scan.ts. */
  gather(layout: number, z: number): number;
  pulls(layout: number, z: number, lambda: number, alpha: number): number;
  penaltygap(layout: number, z: number, beta: number, scale: number, lambda: number, alpha: number): number;
  /** The indices of a vector's nonzero entries: solve/nonzeros.ts. */
  nonzeros(beta: number, p: number, out: number): number;
}

/** An instance of the scans on `memory` (shared or not), or null where it cannot be had. */
export function instantiateScan(memory: WebAssembly.Memory): WasmScan | null {
  return instanceOn<WasmScan>("scan", memory);
}

/** The exports of wasm/rows.wat: IRLS's binomial rows (solve/irls-rows.ts), and the exp they take (byte addresses). */
export interface WasmRows {
  /** binomialRows on n rows: returns Σ v, or −1 (nothing changed) where r0 ≥ 0 and some v_i ≤ 0; r0 −1: no η step. */
  binomial(n: number, cap: number, eta: number, r0: number, y: number, w: number, mu: number, v: number, r: number): number;
  /** out_i = exp(x_i), as Math.exp, for |x_i| < 700. */
  exp(n: number, x: number, out: number): void;
}

/**
 * An instance of the binomial rows on `memory` (shared or not), or null where it cannot be had, or where this
 * engine's Math.exp is not fdlibm's (rowsAgree): the TypeScript rows then run, as they would give other numbers.
 */
export function instantiateRows(memory: WebAssembly.Memory): WasmRows | null {
  return rowsAgree() ? instanceOn<WasmRows>("rows", memory) : null;
}

let expAgrees: boolean | null = null;

/**
 * Whether rows.wat's exp (fdlibm's, as softmax.wat's) is this engine's Math.exp, on 4,096 values over fdlibm's branches and
 * the scales a logistic mean reads, checked once per thread (about 0.1 ms). Node's V8 takes fdlibm's exp
 * (src/base/ieee754.cc); a newer Chromium's differs in the last bit on about one value in ten, so there the
 * rows stay in TypeScript and a fit's numbers are its own engine's either way.
 */
export function rowsAgree(): boolean {
  if (expAgrees !== null) return expAgrees;
  expAgrees = false;
  const module = compileOnce("rows", false);
  if (module === null) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
    const rows = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmRows;
    const n = 4096;
    const x = new Float64Array(memory.buffer, 0, n);
    for (let i = 0; i < n; i++) x[i] = EXP_PROBE_SCALES[i % EXP_PROBE_SCALES.length] * Math.sin(i + 0.5);
    x.set([0, 1, -1, 2 ** -28, -(2 ** -28), 0.5 * Math.LN2, 1.5 * Math.LN2, -0.5 * Math.LN2, -1.5 * Math.LN2]);
    rows.exp(n, 0, 8 * n);
    const out = new Float64Array(memory.buffer, 8 * n, n);
    let same = true;
    for (let i = 0; i < n && same; i++) same = Object.is(out[i], Math.exp(x[i]));
    expAgrees = same;
  } catch {
    expAgrees = false;
  }
  return expAgrees;
}

/** The probe's scales: tiny, fdlibm's reduction-free and ±1 ranges, a logistic mean's |η| ≤ 20.7, far out. */
const EXP_PROBE_SCALES = [1e-9, 0.3, 1, 3, 21, 700];

/** The exports of wasm/irls.wat: whole passes of IRLS's coordinate descent; `layout` addresses their arrays. */
export interface WasmIrls {
  pass(layout: number, l1: number, l2: number, fuse: number, curv: number): number;
  active(layout: number, l1: number, l2: number, thr: number, npasses: number, maxit: number, fuse: number, passes: number): number;
}

/** An instance of IRLS's passes on `memory`, calling `kernels` (an instance of the kernels on the same memory). */
export function instantiateIrls(memory: WebAssembly.Memory, kernels: WasmKernels, shared: boolean): WasmIrls | null {
  const module = compileOnce("irls", shared);
  const foldModule = compileOnce("irls-fold", shared);
  if (module === null || foldModule === null) return null;
  const fold = new WebAssembly.Instance(foldModule, { env: { memory } }).exports;
  const instance = new WebAssembly.Instance(module, { env: { memory }, kernels: kernels as unknown as WebAssembly.ModuleImports, fold });
  return instance.exports as unknown as WasmIrls;
}

/** The exports of wasm/irls-fold.wat: dotwsq and waxpydotwsq that also store vz = Σ v·x (dot's order) at outvz. */
export interface FoldCurvatureKernels {
  dotwsqvz(n: number, r: number, x: number, v: number, out: number, outvz: number): number;
  waxpydotwsqvz(n: number, a: number, v: number, xp: number, r: number, x: number, out: number, outvz: number): number;
}

/** An instance of a fold's curvature kernels (irls-fold.wat) on `memory`, or null where they cannot be had. */
export function instantiateFoldCurvature(memory: WebAssembly.Memory): FoldCurvatureKernels | null {
  return instanceOn<FoldCurvatureKernels>("irls-fold", memory);
}

/** The exports of wasm/softmax.wat: the multinomial solvers' row loops (byte addresses, lengths in f64s). */
export interface SoftmaxKernels {
  /** out[i] = exp(e[i] − c[i]) for i < n, each the number Math.exp gives. */
  expdiff(n: number, e: number, c: number, out: number): void;
  /** sum[i] = Σ_{l<K} ex[l·n + i] where within [1e-250, 1e250]; returns how many rows were not (left as they were). */
  rowsums(n: number, K: number, ex: number, sum: number): number;
  /** η[i] += (r0[i] − r[i])/v[i], then out[i] = exp(η[i] − c[i]). */
  advanceexp(n: number, eta: number, r0: number, r: number, v: number, c: number, out: number): void;
  /** A class's quadratic rows (reference.ts quadratic); returns Σv, stores the largest p(1 − p) and the count of !(v > 0) at out. */
  quadratic(n: number, ex: number, s: number, y: number, w: number, r: number, v: number, r0: number, out: number, pfm: number, pfx: number): number;
}

/**
 * An instance of the multinomial row loops on `memory` (shared or not), or null where they cannot be had or
 * where this engine's Math.exp is not fdlibm's (rowsAgree: softmax.wat's exp is the same port as rows.wat's):
 * the TypeScript loops then run, so that a fit's numbers are its own engine's, as the binomial rows'.
 */
export function instantiateSoftmax(memory: WebAssembly.Memory): SoftmaxKernels | null {
  return rowsAgree() ? instanceOn<SoftmaxKernels>("softmax", memory, { Math: { exp: Math.exp } }) : null;
}

/** The Gram-column kernels' module (gram.wat, 2.3 KB), compiled when first used; `shared` as kernelsModule. */
export function gramModule(shared = false): WebAssembly.Module | null {
  return compileOnce("gram", shared);
}

/** The Gram-column kernels' instance on each memory that has one (they keep no state: one serves every fit on it). */
const gramInstances = new WeakMap<WebAssembly.Memory, GramKernels | null>();

/**
 * An instance of the Gram-column kernels on `memory` (shared or not), or null where they cannot be had;
 * made once per memory (a pooled memory's next fits reuse it: an instance costs more than a small fit's columns).
 */
export function instantiateGram(memory: WebAssembly.Memory): GramKernels | null {
  let made = gramInstances.get(memory);
  if (made === undefined) {
    made = instanceOn<GramKernels>("gram", memory);
    gramInstances.set(memory, made);
  }
  return made;
}


/**
 * The kernels' module, compiled once, synchronously (it is under 4 KB, the most older Chromes compiled
 * synchronously on a page's main thread; current ones allow 8 MB); null where WebAssembly or its SIMD
 * extension is unavailable or the engine refuses to compile it. `shared`: the build importing a shared
 * memory (threads reading one copy of X), null also where shared memories are unavailable.
 */
export function kernelsModule(shared = false): WebAssembly.Module | null {
  return compileOnce("kernels", shared);
}

/** An instance of the kernels working on `memory` (kept beside them, for instantiateGram). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  memories.set(instance.exports, memory);
  return instance.exports as unknown as WasmKernels;
}

const memories = new WeakMap<object, WebAssembly.Memory>();

/** The memory an instance of the kernels works on. */
export function memoryOf(k: WasmKernels): WebAssembly.Memory | undefined {
  return memories.get(k);
}
