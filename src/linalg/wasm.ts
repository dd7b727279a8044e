import { EPOCH_SHARED_WASM_BASE64, EPOCH_WASM_BASE64 } from "./wasm/epoch.wasm.js";
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./wasm/kernels.wasm.js";

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

const compiled: Compiled = {};

/**
 * The kernels' module, compiled once, synchronously (it is under 4 KB, the most older Chromes compiled
 * synchronously on a page's main thread; current ones allow 8 MB); null where WebAssembly or its SIMD
 * extension is unavailable or the engine refuses to compile it. `shared`: the build importing a shared
 * memory (threads reading one copy of X), null also where shared memories are unavailable.
 */
export function kernelsModule(shared = false): WebAssembly.Module | null {
  return compileOnce(compiled, shared, shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64);
}

type Compiled = { plain?: WebAssembly.Module | null; shared?: WebAssembly.Module | null };

/** A module from its base64 bytes, compiled once per kind into `cache`; null where the engine refuses it. */
function compileOnce(cache: Compiled, shared: boolean, base64: string): WebAssembly.Module | null {
  const kind = shared ? "shared" : "plain";
  const known = cache[kind];
  if (known !== undefined) return known;
  cache[kind] = null;
  try {
    if (typeof WebAssembly !== "object" || typeof atob !== "function") return null;
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // An engine without SIMD (or threads, for the shared build) throws a CompileError here. No
    // WebAssembly.validate() first: it costs a second full decode of the module on a process's first fit.
    cache[kind] = new WebAssembly.Module(bytes);
  } catch {
    cache[kind] = null;
  }
  return cache[kind]!;
}

/** The exports of wasm/epoch.wat: whole passes of the gaussian solvers; `layout` addresses their arrays. */
export interface WasmEpoch {
  covpass(layout: number, l1: number, l2: number, from: number): number;
  covactive(layout: number, l1: number, l2: number, nin: number, thr: number, npasses: number, maxit: number): number;
  covsave(layout: number, nin: number): void;
  covsync(layout: number, nin: number): void;
  naivepass(layout: number, l1: number, l2: number, fuse: number): number;
  naiveactive(layout: number, l1: number, l2: number, thr: number, npasses: number, maxit: number, fuse: number): number;
}

const compiledEpoch: Compiled = {};

/** An instance of the passes on `memory`, calling `kernels` (an instance of the kernels on the same memory). */
export function instantiateEpoch(memory: WebAssembly.Memory, kernels: WasmKernels, shared: boolean): WasmEpoch | null {
  const module = compileOnce(compiledEpoch, shared, shared ? EPOCH_SHARED_WASM_BASE64 : EPOCH_WASM_BASE64);
  if (module === null) return null;
  const instance = new WebAssembly.Instance(module, { env: { memory }, kernels: kernels as unknown as WebAssembly.ModuleImports });
  return instance.exports as unknown as WasmEpoch;
}

/** An instance of the kernels working on `memory`. */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as WasmKernels;
}
