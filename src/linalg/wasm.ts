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

const compiled: { plain?: WebAssembly.Module | null; shared?: WebAssembly.Module | null } = {};

/**
 * The kernels' module, compiled once, synchronously (it is under 4 KB, the most older Chromes compiled
 * synchronously on a page's main thread; current ones allow 8 MB); null where WebAssembly or its SIMD
 * extension is unavailable or the engine refuses to compile it. `shared`: the build importing a shared
 * memory (threads reading one copy of X), null also where shared memories are unavailable.
 */
export function kernelsModule(shared = false): WebAssembly.Module | null {
  const kind = shared ? "shared" : "plain";
  const known = compiled[kind];
  if (known !== undefined) return known;
  compiled[kind] = null;
  try {
    if (typeof WebAssembly !== "object" || typeof atob !== "function") return null;
    const text = atob(shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // validate() is false, rather than a throw, on engines without SIMD.
    if (WebAssembly.validate(bytes)) compiled[kind] = new WebAssembly.Module(bytes);
  } catch {
    compiled[kind] = null;
  }
  return compiled[kind]!;
}

/** An instance of the kernels working on `memory`. */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as WasmKernels;
}
