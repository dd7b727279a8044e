import type { Kernels } from "../linalg/kernels.js";
import type { StandardizedDesign } from "./standardize.js";

/**
 * The kernels on the columns of a design's x, over the design's rows, against its n-vectors. For a
 * design of its own, one kernel call on column j at j·n, as the solvers always made it. For a fold's
 * view of the full data's copy (FoldView), the fold's rows are x's rows before its held-out block and
 * after it: each call is made on the two stretches and the sums added (the same numbers in exact
 * arithmetic; the view's affine map a_j·x_j + b_j·u is the solvers' part).
 */
export class Columns {
  private readonly k: Kernels;
  private readonly x: Float64Array;
  private readonly n: number;
  private readonly stride: number;
  /** Rows of x before the held-out block (all n without a view), and where the rows after it start. */
  private readonly head: number;
  private readonly resume: number;
  private readonly tail: number;
  readonly gapped: boolean;

  constructor(d: StandardizedDesign) {
    this.k = d.workspace.kernels;
    this.x = d.x;
    this.n = d.n;
    this.stride = d.stride;
    this.gapped = d.view !== null;
    this.head = d.view ? d.view.start : d.n;
    this.resume = d.view ? d.view.end : d.n;
    this.tail = d.n - this.head;
  }

  /** Σ_i x_j[i]·v[i]. */
  dot(j: number, v: Float64Array): number {
    const o = j * this.stride;
    if (!this.gapped) return this.k.dot(this.n, v, 0, this.x, o);
    return this.k.dot(this.head, v, 0, this.x, o) + this.k.dot(this.tail, v, this.head, this.x, o + this.resume);
  }

  /** Σ_i x_j[i]·x_l[i]. */
  cross(j: number, l: number): number {
    const oj = j * this.stride, ol = l * this.stride;
    if (!this.gapped) return this.k.dot(this.n, this.x, oj, this.x, ol);
    return this.k.dot(this.head, this.x, oj, this.x, ol) + this.k.dot(this.tail, this.x, oj + this.resume, this.x, ol + this.resume);
  }

  /** out[j] = x_jᵀv for each j in cols[0..count). */
  dotColumns(cols: Int32Array, count: number, v: Float64Array, out: Float64Array): void {
    if (!this.gapped) return this.k.dotColumns(this.n, this.x, cols, count, v, out);
    for (let t = 0; t < count; t++) out[cols[t]] = this.dot(cols[t], v);
  }

  /** y += a·x_j. */
  axpy(j: number, a: number, y: Float64Array): void {
    const o = j * this.stride;
    if (!this.gapped) return this.k.axpy(this.n, a, this.x, o, y, 0);
    this.k.axpy(this.head, a, this.x, o, y, 0);
    this.k.axpy(this.tail, a, this.x, o + this.resume, y, this.head);
  }

  /** r −= (a·v)∘x_j. */
  waxpy(j: number, a: number, v: Float64Array, r: Float64Array): void {
    const o = j * this.stride;
    if (!this.gapped) return this.k.waxpy(this.n, a, v, 0, this.x, o, r, 0);
    this.k.waxpy(this.head, a, v, 0, this.x, o, r, 0);
    this.k.waxpy(this.tail, a, v, this.head, this.x, o + this.resume, r, this.head);
  }

  /** y += a·x_j, then x_nextᵀy. */
  axpyDot(j: number, a: number, y: Float64Array, next: number): number {
    const o = j * this.stride, on = next * this.stride;
    if (!this.gapped) return this.k.axpyDot(this.n, a, this.x, o, y, 0, this.x, on);
    return this.k.axpyDot(this.head, a, this.x, o, y, 0, this.x, on) +
      this.k.axpyDot(this.tail, a, this.x, o + this.resume, y, this.head, this.x, on + this.resume);
  }

  /** r −= (a·v)∘x_j, then x_nextᵀr. */
  waxpyDot(j: number, a: number, v: Float64Array, r: Float64Array, next: number): number {
    const o = j * this.stride, on = next * this.stride;
    if (!this.gapped) return this.k.waxpyDot(this.n, a, v, 0, this.x, o, r, 0, this.x, on);
    return this.k.waxpyDot(this.head, a, v, 0, this.x, o, r, 0, this.x, on) +
      this.k.waxpyDot(this.tail, a, v, this.head, this.x, o + this.resume, r, this.head, this.x, on + this.resume);
  }

  /** x_jᵀr, with out[oo] = Σ_i v[i]·x_j[i]². */
  dotWsq(r: Float64Array, j: number, v: Float64Array, out: Float64Array, oo: number): number {
    const o = j * this.stride;
    if (!this.gapped) return this.k.dotWsq(this.n, r, 0, this.x, o, v, 0, out, oo);
    const first = this.k.dotWsq(this.head, r, 0, this.x, o, v, 0, out, oo);
    const wsq = out[oo];
    const second = this.k.dotWsq(this.tail, r, this.head, this.x, o + this.resume, v, this.head, out, oo);
    out[oo] += wsq;
    return first + second;
  }

  /** r −= (a·v)∘x_j, then x_nextᵀr with out[oo] = Σ_i v[i]·x_next[i]². */
  waxpyDotWsq(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, oo: number): number {
    const o = j * this.stride, on = next * this.stride;
    if (!this.gapped) return this.k.waxpyDotWsq(this.n, a, v, 0, this.x, o, r, 0, this.x, on, out, oo);
    const first = this.k.waxpyDotWsq(this.head, a, v, 0, this.x, o, r, 0, this.x, on, out, oo);
    const wsq = out[oo];
    const second = this.k.waxpyDotWsq(this.tail, a, v, this.head, this.x, o + this.resume, r, this.head, this.x, on + this.resume, out, oo);
    out[oo] += wsq;
    return first + second;
  }

  /** out[i] = v[i]·x_j[i]. */
  weighted(j: number, v: Float64Array, out: Float64Array): void {
    const { x, head, resume } = this;
    const o = j * this.stride;
    for (let i = 0; i < head; i++) out[i] = v[i] * x[o + i];
    for (let i = head; i < this.n; i++) out[i] = v[i] * x[o + resume + i - head];
  }
}
