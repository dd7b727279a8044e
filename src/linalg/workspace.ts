import { Kernels, referenceKernels } from "./kernels.js";
import { instantiateColumns, instantiateEpoch, instantiateKernels, kernelsModule, type WasmColumns, type WasmEpoch, type WasmKernels } from "./wasm.js";
import { instantiateScan, type WasmScan } from "./wasm.js";
import { instantiateIrls, instantiateRows, type WasmIrls, type WasmRows } from "./wasm.js";
import { checkArguments, choiceRule } from "../data/arguments.js";
import { isShared } from "./shared.js";

/**
 * Where a fit keeps its big arrays: the standardized copy of X and the solver's n-vectors. WebAssembly
 * code reads only its own linear memory, so for the SIMD kernels to run, these arrays must be views
 * into one WebAssembly.Memory. A workspace is made once per fit with its whole size known up front:
 * the memory never grows, because growing detaches every view already handed out.
 *
 * For small problems, without WebAssembly SIMD, past wasm32's 4 GiB, when the memory cannot be had, or
 * when the TypeScript kernels are asked for (SHRINKAGE_KERNELS=ts, or setKernels("ts")), the arrays are
 * plain Float64Arrays and every kernel runs its TypeScript reference: the results are the same bit for bit.
 */
export class Workspace {
  private used = 0;

  private constructor(
    /** The WebAssembly memory the views live in; null for plain arrays. */
    readonly memory: WebAssembly.Memory | null,
    /** Room in the memory, in f64s. */
    private readonly capacity: number,
    /** The kernels to call on this workspace's arrays (the TypeScript reference for plain arrays). */
    readonly kernels: Kernels,
    /** The kernels' instance on `memory`, kept so that a later workspace on the same memory reuses it. */
    private readonly instance: WasmKernels | null = null,
    /** Whether the memory held an earlier workspace's arrays (so views must be zeroed when handed out). */
    private readonly dirty = false,
    /** Where this workspace's room starts in the memory, in f64s (a region of a memory shared by threads). */
    start = 0,
  ) {
    this.used = start;
  }

  /**
   * A workspace with room for `doubles` f64s (a little more: whole 64 KiB pages and 16-byte alignment);
   * `shared`: on a shared memory, for a helper thread (second-core.ts); `anySize`: WebAssembly however
   * small under "auto" (a pool's, see WorkspacePool.take).
   */
  static create(doubles: number, shared = false, anySize = false): Workspace {
    const memory = Workspace.memory(doubles, shared, anySize);
    if (memory === null) return new Workspace(null, 0, referenceKernels);
    try {
      const instance = instantiateKernels(kernelsModule(shared)!, memory);
      return new Workspace(memory, memory.buffer.byteLength / 8, new Kernels(instance), instance);
    } catch {
      // An engine that refuses the instance: the reference kernels give the same results.
      return new Workspace(null, 0, referenceKernels);
    }
  }

  /**
   * The solvers' whole passes (wasm/epoch.wat) on this workspace's memory, made once per memory (a pooled
   * memory's next workspaces reuse them); null for plain arrays.
   */
  epoch(): WasmEpoch | null {
    const memory = this.memory;
    if (memory === null || this.instance === null) return null;
    let passes = epochs.get(memory);
    if (passes === undefined) {
      const shared = isShared(memory.buffer);
      passes = instantiateEpoch(memory, this.instance, shared);
      epochs.set(memory, passes);
    }
    return passes;
  }

  /** The column standardization (wasm/columns.wat) on this workspace's memory, made once per memory; null for plain arrays. */
  columns(): WasmColumns | null {
    const memory = this.memory;
    if (memory === null) return null;
    let made = columnKernels.get(memory);
    if (made === undefined) {
      made = instantiateColumns(memory);
      columnKernels.set(memory, made);
    }
    return made;
  }

  /** IRLS's binomial rows (wasm/rows.wat) on this workspace's memory, made once per memory; null for plain arrays. */
  rows(): WasmRows | null {
    const memory = this.memory;
    if (memory === null) return null;
    let made = rowKernels.get(memory);
    if (made === undefined) {
      made = instantiateRows(memory);
      rowKernels.set(memory, made);
    }
    return made;
  }

  /** The path's scans (wasm/scan.wat) on this workspace's memory, made once per memory; null for plain arrays. */
  scan(): WasmScan | null {
    const memory = this.memory;
    if (memory === null) return null;
    let made = scanKernels.get(memory);
    if (made === undefined) {
      made = instantiateScan(memory);
      scanKernels.set(memory, made);
    }
    return made;
  }

  /** IRLS's whole passes (wasm/irls.wat) on this workspace's memory, made once per memory as epoch(). */
  irls(): WasmIrls | null {
    const memory = this.memory;
    if (memory === null || this.instance === null) return null;
    let passes = irlsPasses.get(memory);
    if (passes === undefined) {
      passes = instantiateIrls(memory, this.instance, isShared(memory.buffer));
      irlsPasses.set(memory, passes);
    }
    return passes;
  }

  /**
   * A WebAssembly memory of `doubles` f64s (whole 64 KiB pages, a little spare), shared between threads
   * when `shared` (cross-validation's one standardized copy of X and each thread's room, see region);
   * null when the kernels would be the TypeScript reference: small (unless "wasm" is asked for), no
   * WebAssembly SIMD, "ts", past wasm32's reach, or out of address space or memory (plain arrays may
   * still fit). `anySize`: small too under "auto" (a pool's memory, see WorkspacePool.take).
   */
  static memory(doubles: number, shared: boolean, anySize = false): WebAssembly.Memory | null {
    const wanted = choice === "wasm" || (choice === "auto" && (anySize || doubles >= MIN_WASM_DOUBLES));
    const bytes = doubles * 8 + 64;
    if (!wanted || kernelsModule(shared) === null || !(bytes <= MAX_BYTES)) return null;
    const pages = Math.ceil(bytes / PAGE);
    try {
      return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
    } catch {
      return null;
    }
  }

  /**
   * A workspace on the f64s [start, end) of `memory` (from Workspace.memory, possibly made by another
   * thread), with its own instance of the kernels; its views are zeroed when handed out, as the region
   * may hold an earlier fit's arrays. Plain arrays and the TypeScript kernels when memory is null.
   */
  static region(memory: WebAssembly.Memory | null, start: number, end: number): Workspace {
    if (memory === null) return new Workspace(null, 0, referenceKernels);
    // Browsers without cross-origin isolation have no SharedArrayBuffer (nor shared memories).
    const shared = isShared(memory.buffer);
    const module = kernelsModule(shared)!;
    const instance = instantiateKernels(module, memory);
    return new Workspace(memory, end, new Kernels(instance), instance, true, start);
  }

  /** Let this workspace's kernels address `view`, a view into its memory made elsewhere (a shared X). */
  adopt(view: Float64Array): void {
    if (this.memory !== null) this.kernels.register(view);
  }

  /**
   * A workspace of `doubles` f64s on this one's memory, when it is WebAssembly and has the room: for a
   * fit that follows this one's (cross-validation's folds), after this one's arrays are no longer used.
   */
  reuse(doubles: number): Workspace | null {
    if (this.memory === null || this.instance === null || doubles * 8 + 64 > this.capacity * 8) return null;
    return new Workspace(this.memory, this.capacity, new Kernels(this.instance), this.instance, true);
  }

  /** Room in f64s. */
  get capacityDoubles(): number {
    return this.capacity;
  }

  /** Whether the views live in WebAssembly memory (so the SIMD kernels run on them). */
  get wasm(): boolean {
    return this.memory !== null;
  }

  /** Whether an array of `length` f64s would still be a view into the memory. */
  fits(length: number): boolean {
    return this.memory !== null && ((this.used + 1) & ~1) + length <= this.capacity;
  }

  /**
   * A view of `length` f64s of the room not yet handed out, for results read at once (not registered with
   * the kernels); null where there is none. Whoever writes there zeroes it after, as a view handed out
   * later from the same room is taken to start zeroed.
   */
  scratch(length: number): Float64Array | null {
    if (!this.fits(length)) return null;
    return new Float64Array(this.memory!.buffer, ((this.used + 1) & ~1) * 8, length);
  }

  /** A zeroed array of `length` i32s (column lists for the kernels), on the same terms as f64. */
  i32(length: number): Int32Array {
    return this.view(Int32Array, length, Math.ceil(length / 2));
  }

  /** A zeroed array of `length` bytes (flags for the scans), on the same terms as f64. */
  u8(length: number): Uint8Array {
    return this.view(Uint8Array, length, Math.ceil(length / 8));
  }

  /** A zeroed array of `length` f64s: a view into the memory while there is room, else a plain array. */
  f64(length: number): Float64Array {
    return this.view(Float64Array, length, length);
  }

  /** An array of f64s holding a copy of `v`, on the same terms as f64. */
  f64Copy(v: ArrayLike<number>): Float64Array {
    const out = this.f64(v.length);
    out.set(v);
    return out;
  }

  /** A view of `length` elements taking `doubles` f64s of room, 16-byte aligned; plain past the room. */
  private view<T extends Float64Array | Int32Array | Uint8Array>(make: TypedArrayOf<T>, length: number, doubles: number): T {
    const start = (this.used + 1) & ~1;
    if (this.memory === null || start + doubles > this.capacity) return new make(length);
    this.used = start + doubles;
    const view = new make(this.memory.buffer, start * 8, length);
    if (this.dirty) view.fill(0);
    this.kernels.register(view);
    return view;
  }
}

/** The passes' instance on each memory that has one (any kernels instance on the memory serves them). */
const epochs = new WeakMap<WebAssembly.Memory, WasmEpoch | null>();

/** The column standardization's instance on each memory that has one. */
const columnKernels = new WeakMap<WebAssembly.Memory, WasmColumns | null>();

/** IRLS's binomial rows' instance on each memory that has one. */
const rowKernels = new WeakMap<WebAssembly.Memory, WasmRows | null>();

/** The scans' instance on each memory that has one. */
const scanKernels = new WeakMap<WebAssembly.Memory, WasmScan | null>();

/** IRLS's passes' instance on each memory that has one. */
const irlsPasses = new WeakMap<WebAssembly.Memory, WasmIrls | null>();

/** Float64Array, Int32Array or Uint8Array, as a constructor: of a length, or as a view into a buffer. */
interface TypedArrayOf<T> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
}

/**
 * Smaller workspaces made apart (Workspace.create) are plain unless WebAssembly is asked for
 * (setKernels("wasm")): making a memory and an instance (about 50-90 µs) costs more than the kernels save
 * on so little data. A pool's (WorkspacePool.take: every fit's, outside nested fits) are WebAssembly at
 * any size, made once and reused.
 */
export const MIN_WASM_DOUBLES = 16384;
const PAGE = 65536;
/** wasm32 addresses 4 GiB; one page short of it, so that no pointer past the end wraps to 0. */
const MAX_BYTES = 65535 * PAGE;

/**
 * Which kernels new workspaces use: "auto" (the default: WebAssembly when available and the workspace
 * has at least MIN_WASM_DOUBLES), "wasm" (whenever available, whatever the size) or "ts" (the reference).
 */
export type KernelChoice = "auto" | "wasm" | "ts";

let choice: KernelChoice = initialChoice();

function initialChoice(): KernelChoice {
  // Read guardedly: browsers have no process.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const asked = env?.SHRINKAGE_KERNELS;
  return asked === "ts" || asked === "wasm" ? asked : "auto";
}

/** Choose the kernels of the workspaces made from now on (tests run fits under both). */
export function setKernels(kernels: KernelChoice): void {
  checkArguments("setKernels", { kernels }, { kernels: choiceRule(() => ["auto", "wasm", "ts"]) });
  choice = kernels;
}

/** The kernels in use: WebAssembly SIMD or the TypeScript reference (see setKernels). */
export function kernelChoice(): KernelChoice {
  return choice;
}

/** Whether this engine can run the WebAssembly SIMD kernels at all. */
export function wasmKernelsAvailable(): boolean {
  return kernelsModule() !== null;
}

/**
 * Lends the memory of one fit's workspace to the next fit in the same thread (cross-validation's
 * path and folds, relaxed refits, the lab's refits): one WebAssembly memory instead of one per fit, so
 * no memory is newly paged in and garbage does not pile up between collections. A fit takes its
 * workspace when it starts and gives it back when it ends (a path keeps nothing of it); a fit started
 * while the memory is lent out gets a workspace of its own. Memories over `maxDoubles` are kept only
 * weakly: reused if the garbage collector has not freed them yet, which it often has not (it frees
 * WebAssembly memory lazily), so that back-to-back fits of a large X do not hold two memories at once.
 */
export class WorkspacePool {
  private kept: Workspace | null = null;
  private weak: WeakRef<Workspace> | null = null;
  private lent = false;
  private atLeast = 0;

  /** shared: memories shared between threads (a fit with a second core, second-core.ts). */
  constructor(private readonly maxDoubles = Infinity, private readonly shared = false) {}

  /** Make any new memory at least this big: the largest fit to come (folds differ by a row or so). */
  reserve(doubles: number): void {
    this.atLeast = doubles;
  }

  take(doubles: number): Workspace {
    if (choice === "ts") return Workspace.create(doubles, this.shared);
    if (this.lent) return Workspace.create(doubles, this.shared);
    // Any size: a pooled memory costs no new pages, and the gaussian solvers' passes run in WebAssembly
    // from the first fit of a process (linalg/epoch.ts), where TypeScript would run interpreted.
    const size = Math.max(doubles, this.atLeast);
    const ws = this.last()?.reuse(doubles) ?? Workspace.create(size, this.shared, true);
    if (ws.wasm) {
      const small = ws.capacityDoubles <= this.maxDoubles;
      this.kept = small ? ws : null;
      this.weak = small ? null : new WeakRef(ws);
      this.lent = true;
    }
    return ws;
  }

  /** Give back a workspace from take(): its arrays are no longer used. */
  release(ws: Workspace): void {
    if (ws.memory !== null && ws.memory === this.last()?.memory) this.lent = false;
  }

  /** Never lend again a workspace from take() that others may still write to (threads being terminated). */
  discard(ws: Workspace): void {
    if (ws.memory === null || ws.memory !== this.last()?.memory) return;
    this.kept = null;
    this.weak = null;
    this.lent = false;
  }

  /** The memory last lent, while it is still alive. */
  private last(): Workspace | null {
    return this.kept ?? this.weak?.deref() ?? null;
  }
}

/**
 * Fits outside cross-validation share this thread's pool, which keeps one memory of at most 32 MB
 * between fits: repeated fits of small and middling problems (relaxed refits, explanations, the lab,
 * simulations) stop paging in a new memory each time; a large X's memory is kept only weakly.
 */
export const threadWorkspaces = new WorkspacePool(4 * 2 ** 20);

/**
 * The same for fits with a second core: their memories are shared with the helper thread. A fresh memory
 * costs its pages (about 250 ms of CPU for the wide problem's 80 MB), so it is kept for the next fit too.
 */
export const threadSharedWorkspaces = new WorkspacePool(4 * 2 ** 20, true);
