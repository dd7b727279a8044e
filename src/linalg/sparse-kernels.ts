/**
 * The kernels of a sparse X's coordinate descent: products of one compressed column (column j's nonzeros
 * z[t] in rows ix[t], t in [cp[j], cp[j+1])) with the solver's n-vectors. They run the WebAssembly version
 * (wasm/sparse.wat, on the workspace's memory) when the columns and every vector of a call live in that
 * memory, else the TypeScript below; both sum in the same order (two accumulators: the column's even
 * nonzeros and its odd ones), so which code ran never changes a fit. Gathers and scatters by row gain
 * nothing from SIMD, but the WebAssembly loops run about twice as fast as V8's, which checks every
 * typed-array index (bench/sparse.ts). Values that are all f32s (one-hot columns, counts) may be kept as
 * f32s: wasm/sparse32.wat runs the same loops on them, widening each value exactly, so the results are
 * the same bit for bit while a nonzero takes 8 bytes of memory traffic instead of 12. Values of at most
 * 256 distinct numbers may be kept as u8 codes into a table of them (wasm/sparse8.wat): 5 bytes.
 */
import { SPARSE32_KERNELS_WASM_BASE64, SPARSE8_KERNELS_WASM_BASE64, SPARSE_KERNELS_WASM_BASE64 } from "./wasm/sparse.wasm.js";

/** The exports of wasm/sparse.wat: pointers are byte offsets into the memory, j a column. */
interface SparseWasm {
  dot(cp: number, ix: number, z: number, j: number, v: number): number;
  axpy(cp: number, ix: number, z: number, j: number, a: number, y: number): void;
  waxpy(cp: number, ix: number, z: number, j: number, a: number, v: number, r: number): void;
  dotwsq(cp: number, ix: number, z: number, j: number, r: number, v: number, out: number): number;
  axpydot(cp: number, ix: number, z: number, j: number, a: number, y: number, next: number): number;
  waxpydot(cp: number, ix: number, z: number, j: number, a: number, v: number, r: number, next: number): number;
  waxpydotwsq(cp: number, ix: number, z: number, j: number, a: number, v: number, r: number, next: number, out: number): number;
}

/** The kernels' modules, by the values' type: f64 (sparse.wat), f32 (sparse32.wat), u8 codes (sparse8.wat). */
export type ValueType = "f64" | "f32" | "u8";
const BASE64: Record<ValueType, string> = { f64: SPARSE_KERNELS_WASM_BASE64, f32: SPARSE32_KERNELS_WASM_BASE64, u8: SPARSE8_KERNELS_WASM_BASE64 };
const compiled = new Map<ValueType, WebAssembly.Module | null>();

/** A sparse kernels' module, compiled once, synchronously (under 1 KB); null where it cannot be. */
function sparseModule(type: ValueType): WebAssembly.Module | null {
  if (compiled.has(type)) return compiled.get(type)!;
  let module: WebAssembly.Module | null = null;
  try {
    if (typeof WebAssembly !== "object" || typeof atob !== "function") return null;
    const text = atob(BASE64[type]);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    if (WebAssembly.validate(bytes)) module = new WebAssembly.Module(bytes);
  } catch {
    module = null;
  }
  compiled.set(type, module);
  return module;
}

/** One instance per memory and value type: fits that reuse a workspace's memory reuse its instances. */
const instances: Record<ValueType, WeakMap<WebAssembly.Memory, SparseWasm | null>> = { f64: new WeakMap(), f32: new WeakMap(), u8: new WeakMap() };

function instanceOn(memory: WebAssembly.Memory, type: ValueType): SparseWasm | null {
  const instancesOf = instances[type];
  if (instancesOf.has(memory)) return instancesOf.get(memory)!;
  const module = sparseModule(type);
  let instance: SparseWasm | null = null;
  try {
    // A shared memory does not match the module's import: the TypeScript kernels then run.
    if (module) instance = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SparseWasm;
  } catch {
    instance = null;
  }
  instancesOf.set(memory, instance);
  return instance;
}

/** How many vectors a SparseKernels remembers the address of. */
const MAX_VIEWS = 16;

/** Calls of the sparse kernels by where they ran (tests check a large fit ran in WebAssembly). */
export const sparseKernelCalls = { wasm: 0, ts: 0 };

/**
 * The compressed columns the kernels read: column j's nonzeros z[t] in rows ix[t], t in [cp[j], cp[j+1]);
 * z as f32s only where every value is one (f32Exact), as u8 codes only with the table of the values they
 * stand for (valueCodes): value t is table[z[t]], and in a memory the table's 256 f64s end where z starts.
 */
export interface CompressedColumns {
  readonly cp: Int32Array;
  readonly ix: Int32Array;
  readonly z: Float64Array | Float32Array | Uint8Array;
  readonly table?: Float64Array;
}

/** Whether every value is exactly an f32 (so a Float32Array holds them without rounding). */
export function f32Exact(values: Float64Array): boolean {
  for (let t = 0; t < values.length; t++) if (Math.fround(values[t]) !== values[t]) return false;
  return true;
}

/** The most distinct values u8 codes stand for. */
export const CODED_VALUES = 256;

/**
 * The values as u8 codes into a table of their distinct values (in order of first appearance; the rest of
 * the 256 zero), written to `codes`; the table, or null when there are more than 256 distinct values or a
 * −0 (which a lookup would take for 0, so it is never coded).
 */
export function valueCodes(values: Float64Array, codes: Uint8Array): Float64Array | null {
  const table = new Float64Array(CODED_VALUES);
  const codeOf = new Map<number, number>();
  // Small non-negative integers (one-hot columns, counts) are looked up by index, the rest by the map.
  const small = new Int16Array(CODED_VALUES).fill(-1);
  let last = NaN, lastCode = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    if (v === 0 && 1 / v < 0) return null;
    if (v === last) {
      codes[t] = lastCode;
      continue;
    }
    let code = v >= 0 && v < CODED_VALUES && Number.isInteger(v) ? small[v] : (codeOf.get(v) ?? -1);
    if (code < 0) {
      if (codeOf.size === CODED_VALUES) return null;
      code = codeOf.size;
      codeOf.set(v, code);
      table[code] = v;
      if (v >= 0 && v < CODED_VALUES && Number.isInteger(v)) small[v] = code;
    }
    codes[t] = code;
    last = v;
    lastCode = code;
  }
  return table;
}

export class SparseKernels {
  private readonly wasm: SparseWasm | null;
  private readonly pcp: number;
  private readonly pix: number;
  private readonly pz: number;
  /** Where the WebAssembly curvature sums land (one f64 of the memory), and a view of it. */
  private readonly pout: number;
  private readonly out: Float64Array | null;
  /** The n-vectors seen so far and their byte addresses (−1: not in the memory). */
  private readonly views: Float64Array[] = [];
  private readonly pointers: number[] = [];

  /**
   * Kernels on columns `c`; with a memory, the WebAssembly ones where c's arrays and `cell` (one f64) are
   * views into it.
   */
  constructor(private readonly c: CompressedColumns, private readonly memory: WebAssembly.Memory | null = null, cell: Float64Array | null = null) {
    const inMemory = (a: Int32Array | Float64Array | Float32Array | Uint8Array | null) => memory !== null && a !== null && a.buffer === memory.buffer;
    const all = memory !== null && inMemory(c.cp) && inMemory(c.ix) && inMemory(c.z) && inMemory(cell);
    const coded = c.z instanceof Uint8Array;
    // sparse8.wat finds the table just before the codes.
    const tableInPlace = !coded || (c.table !== undefined && inMemory(c.table) && c.table.byteOffset + 8 * CODED_VALUES === c.z.byteOffset);
    this.wasm = all && tableInPlace ? instanceOn(memory, this.valueType) : null;
    this.pcp = c.cp.byteOffset;
    this.pix = c.ix.byteOffset;
    this.pz = c.z.byteOffset;
    this.out = this.wasm ? cell : null;
    this.pout = cell ? cell.byteOffset : 0;
  }

  /** The columns with their values as numbers, for the TypeScript reference: codes decoded once, when first needed. */
  private decoded: ValueColumns | null = null;

  private reference(): ValueColumns {
    if (this.decoded !== null) return this.decoded;
    const { cp, ix, z, table } = this.c;
    this.decoded = { cp, ix, z: z instanceof Uint8Array ? Float64Array.from(z, (code) => table![code]) : z };
    return this.decoded;
  }

  /** How the values are kept: f64s, f32s or u8 codes into a table. */
  get valueType(): ValueType {
    const z = this.c.z;
    return z instanceof Uint8Array ? "u8" : z instanceof Float32Array ? "f32" : "f64";
  }

  /** Whether these kernels run in WebAssembly (on vectors in the memory). */
  get webAssembly(): boolean {
    return this.wasm !== null;
  }

  /** The byte address of v in the memory, or −1 (found by identity after the first call). */
  private pointer(v: Float64Array): number {
    const views = this.views;
    for (let i = 0; i < views.length; i++) if (views[i] === v) return this.pointers[i];
    const p = this.memory !== null && v.buffer === this.memory.buffer ? v.byteOffset : -1;
    // A fit passes a handful of vectors; past that, new ones are looked up each time, not kept.
    if (views.length < MAX_VIEWS) {
      views.push(v);
      this.pointers.push(p);
    }
    return p;
  }

  /** Σ_t z[t]·v[ix[t]] over column j. */
  dot(j: number, v: Float64Array): number {
    if (this.wasm !== null) {
      const pv = this.pointer(v);
      if (pv >= 0) {
        sparseKernelCalls.wasm++;
        return this.wasm.dot(this.pcp, this.pix, this.pz, j, pv);
      }
    }
    sparseKernelCalls.ts++;
    return dot(this.reference(), j, v);
  }

  /** y[ix[t]] += a·z[t] over column j. */
  axpy(j: number, a: number, y: Float64Array): void {
    if (this.wasm !== null) {
      const py = this.pointer(y);
      if (py >= 0) {
        sparseKernelCalls.wasm++;
        return this.wasm.axpy(this.pcp, this.pix, this.pz, j, a, py);
      }
    }
    sparseKernelCalls.ts++;
    axpy(this.reference(), j, a, y);
  }

  /** axpy on column j, then dot of column next with the updated y. */
  axpyDot(j: number, a: number, y: Float64Array, next: number): number {
    if (this.wasm !== null) {
      const py = this.pointer(y);
      if (py >= 0) {
        sparseKernelCalls.wasm++;
        return this.wasm.axpydot(this.pcp, this.pix, this.pz, j, a, py, next);
      }
    }
    sparseKernelCalls.ts++;
    axpy(this.reference(), j, a, y);
    return dot(this.reference(), next, y);
  }

  /** r[ix[t]] −= (a·v[ix[t]])·z[t] over column j. */
  waxpy(j: number, a: number, v: Float64Array, r: Float64Array): void {
    if (this.wasm !== null) {
      const pv = this.pointer(v), pr = this.pointer(r);
      if (pv >= 0 && pr >= 0) {
        sparseKernelCalls.wasm++;
        return this.wasm.waxpy(this.pcp, this.pix, this.pz, j, a, pv, pr);
      }
    }
    sparseKernelCalls.ts++;
    waxpy(this.reference(), j, a, v, r);
  }

  /** waxpy on column j, then dot of column next with the updated r. */
  waxpyDot(j: number, a: number, v: Float64Array, r: Float64Array, next: number): number {
    if (this.wasm !== null) {
      const pv = this.pointer(v), pr = this.pointer(r);
      if (pv >= 0 && pr >= 0) {
        sparseKernelCalls.wasm++;
        return this.wasm.waxpydot(this.pcp, this.pix, this.pz, j, a, pv, pr, next);
      }
    }
    sparseKernelCalls.ts++;
    waxpy(this.reference(), j, a, v, r);
    return dot(this.reference(), next, r);
  }

  /** Σ_t z[t]·r[ix[t]] over column j, with out[oo] = Σ_t (v[ix[t]]·z[t])·z[t]. */
  dotWsq(r: Float64Array, j: number, v: Float64Array, out: Float64Array, oo: number): number {
    if (this.wasm !== null) {
      const pr = this.pointer(r), pv = this.pointer(v);
      if (pr >= 0 && pv >= 0) {
        sparseKernelCalls.wasm++;
        const s = this.wasm.dotwsq(this.pcp, this.pix, this.pz, j, pr, pv, this.pout);
        out[oo] = this.out![0];
        return s;
      }
    }
    sparseKernelCalls.ts++;
    return dotWsq(this.reference(), j, r, v, out, oo);
  }

  /** waxpy on column j, then dotWsq of column next with the updated r. */
  waxpyDotWsq(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, oo: number): number {
    if (this.wasm !== null) {
      const pv = this.pointer(v), pr = this.pointer(r);
      if (pv >= 0 && pr >= 0) {
        sparseKernelCalls.wasm++;
        const s = this.wasm.waxpydotwsq(this.pcp, this.pix, this.pz, j, a, pv, pr, next, this.pout);
        out[oo] = this.out![0];
        return s;
      }
    }
    sparseKernelCalls.ts++;
    waxpy(this.reference(), j, a, v, r);
    return dotWsq(this.reference(), next, r, v, out, oo);
  }
}

// The TypeScript reference: the same expressions and order as wasm/sparse.wat.

/** Compressed columns whose values z holds as numbers (f64s, or f32s read exactly): what the reference reads. */
export interface ValueColumns {
  readonly cp: Int32Array;
  readonly ix: Int32Array;
  readonly z: Float64Array | Float32Array;
}

/** Σ_t z[t]·v[ix[t]] over column j: s0 over its even nonzeros, s1 over its odd ones, s0 + s1. */
export function dot(c: ValueColumns, j: number, v: Float64Array): number {
  const { cp, ix, z } = c;
  const e = cp[j + 1];
  let s0 = 0, s1 = 0;
  let t = cp[j];
  for (; t + 1 < e; t += 2) {
    s0 += z[t] * v[ix[t]];
    s1 += z[t + 1] * v[ix[t + 1]];
  }
  if (t < e) s0 += z[t] * v[ix[t]];
  return s0 + s1;
}

/** y[ix[t]] += a·z[t] over column j. */
export function axpy(c: ValueColumns, j: number, a: number, y: Float64Array): void {
  const { cp, ix, z } = c;
  for (let t = cp[j], e = cp[j + 1]; t < e; t++) y[ix[t]] += a * z[t];
}

/** r[ix[t]] −= (a·v[ix[t]])·z[t] over column j. */
export function waxpy(c: ValueColumns, j: number, a: number, v: Float64Array, r: Float64Array): void {
  const { cp, ix, z } = c;
  for (let t = cp[j], e = cp[j + 1]; t < e; t++) {
    const i = ix[t];
    r[i] -= a * v[i] * z[t];
  }
}

/** Σ_t z[t]·r[ix[t]] over column j, with out[oo] = Σ_t (v[ix[t]]·z[t])·z[t], each in dot's order. */
export function dotWsq(c: ValueColumns, j: number, r: Float64Array, v: Float64Array, out: Float64Array, oo: number): number {
  const { cp, ix, z } = c;
  const e = cp[j + 1];
  let s0 = 0, s1 = 0, q0 = 0, q1 = 0;
  let t = cp[j];
  for (; t + 1 < e; t += 2) {
    const i = ix[t], k = ix[t + 1];
    s0 += z[t] * r[i];
    q0 += v[i] * z[t] * z[t];
    s1 += z[t + 1] * r[k];
    q1 += v[k] * z[t + 1] * z[t + 1];
  }
  if (t < e) {
    const i = ix[t];
    s0 += z[t] * r[i];
    q0 += v[i] * z[t] * z[t];
  }
  out[oo] = q0 + q1;
  return s0 + s1;
}
