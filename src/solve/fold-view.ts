import type { Kernels } from "../linalg/kernels.js";
import type { Workspace } from "../linalg/workspace.js";
import { distanceMoved, type Columns, type Residual, type ScoreResidual } from "./columns.js";
import { FILL_TOGETHER, FoldGram, type GramCache } from "./gram-cache.js";
import { notStandardizable, weightedMean, weightedSd, type StandardizeHow, type StandardizedDesign, type Unstandardizable } from "./standardize.js";

/**
 * A fold of cross-validation seen through the full data's standardized copy z (rows in fold order),
 * instead of standardized into a copy of its own. The fold's held-out rows are z's rows [start, end)
 * and its rows are the others, in order; over them its column j (centred and scaled by the fold's own
 * mean and sd, as glmnet standardizes a fold) is the affine map of z's column
 *
 *   x̃_j = a_j·z_j + b_j·u,
 *
 * with u = √w of the full data's weights for gaussian (whose copy carries √w) and u = 1 otherwise. The
 * kernels run on z's columns over the two stretches of rows around the held-out block; the constant
 * part is kept as numbers here, so that the solvers see x̃ alone.
 */
export class FoldColumns implements AffineColumns {
  readonly n: number;
  readonly p: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly uz: Float64Array;
  readonly uu: number;
  readonly z: Float64Array;
  readonly stride: number;
  /** Rows of z before the held-out block, where the rows after it start in z, and how many follow. */
  readonly head: number;
  readonly resume: number;
  readonly tail: number;
  /** The full data's Gram columns, when the cross-validation keeps them: rawCross from those. */
  private readonly gram: FoldGram | null;

  /**
   * With the full data's Gram columns: cross for the columns ks[0..b) (a variable entering the active set
   * and the strongest candidates, gram-batch.ts), their cache columns filled together first, one read of
   * z for up to four (GramCache.fillTogether). Without them, absent: the solver asks cross alone.
   */
  readonly crossColumns?: (ks: ArrayLike<number>, b: number, cols: Int32Array, count: number, out: Float64Array, ldo: number) => void;

  constructor(readonly kernels: Kernels, map: FoldMap) {
    ({ n: this.n, p: this.p, a: this.a, b: this.b, uz: this.uz, uu: this.uu, z: this.z, stride: this.stride } = map);
    this.head = map.start;
    this.resume = map.end;
    this.tail = map.n - map.start;
    this.gram = map.gram ?? null;
    const gram = this.gram;
    if (gram) {
      this.crossColumns = (ks, b, cols, count, out, ldo) => {
        gram.fillTogether(Array.from({ length: b }, (_, m) => ks[m]));
        for (let m = 0; m < b; m++) for (let t = 0; t < count; t++) out[m * ldo + cols[t]] = this.cross(cols[t], ks[m]);
      };
    }
  }

  cross(j: number, k: number): number {
    const { a, b } = this;
    const zjzk = this.rawCross(j, k);
    return a[j] * a[k] * zjzk + a[j] * b[k] * this.uz[j] + b[j] * a[k] * this.uz[k] + b[j] * b[k] * this.uu;
  }

  residual(r: Float64Array): Residual {
    return new FoldResidual(this, r);
  }

  /** vz: where to keep vᵀz_j (a workspace p-vector, for IRLS's passes in WebAssembly: linalg/irls-epoch.ts). */
  scoreResidual(r: Float64Array, v: Float64Array, vz?: Float64Array): FoldScoreResidual {
    return new FoldScoreResidual(this, r, v, vz);
  }

  /** η = b0 + Σ β_j·b_j + offset + Σ β_j·a_j·z_j (u = 1: the IRLS families'). */
  linearPredictor(eta: Float64Array, b0: number, offset: Float64Array | null, beta: Float64Array, active: Int32Array, nin: number): void {
    let c = b0;
    for (let l = 0; l < nin; l++) c += beta[active[l]] * this.b[active[l]];
    eta.fill(c);
    if (offset) for (let i = 0; i < this.n; i++) eta[i] += offset[i];
    for (let l = 0; l < nin; l++) {
      const k = active[l];
      if (beta[k] !== 0) this.axpy(k, beta[k] * this.a[k], eta);
    }
  }

  /**
   * From the same on z: (a_l·z_l + b_l)ᵀV(a_m·z_m + b_m) = a_l·a_m·z_lᵀVz_m + a_l·b_m·vᵀz_l + b_l·a_m·vᵀz_m
   * + b_l·b_m·Σv, and vᵀx̃_l = a_l·vᵀz_l + b_l·Σv.
   */
  weightedGram(idx: Int32Array, v: Float64Array, vsum: number, G: Float64Array, c: Float64Array, scratch: Float64Array): void {
    const count = idx.length;
    for (let l = 0; l < count; l++) {
      this.weighted(idx[l], v, scratch);
      for (let m = l; m < count; m++) G[l * count + m] = G[m * count + l] = this.dot(idx[m], scratch);
      c[l] = this.kernels.sum(this.n, scratch, 0);
    }
    for (let l = 0; l < count; l++) {
      const al = this.a[idx[l]], bl = this.b[idx[l]];
      for (let m = 0; m < count; m++) {
        const am = this.a[idx[m]], bm = this.b[idx[m]];
        G[l * count + m] = al * am * G[l * count + m] + al * bm * c[l] + bl * am * c[m] + bl * bm * vsum;
      }
    }
    for (let l = 0; l < count; l++) c[l] = this.a[idx[l]] * c[l] + this.b[idx[l]] * vsum;
  }

  // The kernels on z's column j over the fold's rows (two stretches), against the fold's n-vectors.

  /** Σ_i z_j[i]·v[i]. */
  dot(j: number, v: Float64Array): number {
    const o = j * this.stride;
    return this.kernels.dot(this.head, v, 0, this.z, o) + this.kernels.dot(this.tail, v, this.head, this.z, o + this.resume);
  }

  /** Σ_i z_j[i]·z_l[i]. */
  rawCross(j: number, l: number): number {
    if (this.gram) return this.gram.cross(j, l);
    const { kernels: k, z, head, tail, resume } = this;
    const oj = j * this.stride, ol = l * this.stride;
    return k.dot(head, z, oj, z, ol) + k.dot(tail, z, oj + resume, z, ol + resume);
  }

  /** y += a·z_j. */
  axpy(j: number, a: number, y: Float64Array): void {
    const o = j * this.stride;
    this.kernels.axpy(this.head, a, this.z, o, y, 0);
    this.kernels.axpy(this.tail, a, this.z, o + this.resume, y, this.head);
  }

  /** y += a·z_j, then z_nextᵀy. */
  axpyDot(j: number, a: number, y: Float64Array, next: number): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride, on = next * this.stride;
    return k.axpyDot(head, a, z, o, y, 0, z, on) + k.axpyDot(tail, a, z, o + resume, y, head, z, on + resume);
  }

  /** r −= (a·v)∘z_j. */
  waxpy(j: number, a: number, v: Float64Array, r: Float64Array): void {
    const o = j * this.stride;
    this.kernels.waxpy(this.head, a, v, 0, this.z, o, r, 0);
    this.kernels.waxpy(this.tail, a, v, this.head, this.z, o + this.resume, r, this.head);
  }

  /** r −= (a·v)∘z_j, then z_nextᵀr. */
  waxpyDot(j: number, a: number, v: Float64Array, r: Float64Array, next: number): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride, on = next * this.stride;
    return k.waxpyDot(head, a, v, 0, z, o, r, 0, z, on) + k.waxpyDot(tail, a, v, head, z, o + resume, r, head, z, on + resume);
  }

  /** z_jᵀr, with out[oo] = Σ_i v[i]·z_j[i]². */
  dotWsq(r: Float64Array, j: number, v: Float64Array, out: Float64Array, oo: number): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride;
    const first = k.dotWsq(head, r, 0, z, o, v, 0, out, oo);
    const wsq = out[oo];
    const second = k.dotWsq(tail, r, head, z, o + resume, v, head, out, oo);
    out[oo] += wsq;
    return first + second;
  }

  /** r −= (a·v)∘z_j, then z_nextᵀr with out[oo] = Σ_i v[i]·z_next[i]². */
  waxpyDotWsq(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, oo: number): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride, on = next * this.stride;
    const first = k.waxpyDotWsq(head, a, v, 0, z, o, r, 0, z, on, out, oo);
    const wsq = out[oo];
    const second = k.waxpyDotWsq(tail, a, v, head, z, o + resume, r, head, z, on + resume, out, oo);
    out[oo] += wsq;
    return first + second;
  }

  /**
   * dotWsq, and vz[j] = Σ_i v[i]·z_j[i] in the same read of z_j: the numbers of dotWsq then dot(j, v)
   * (each stretch's parts, added as those add theirs).
   */
  dotWsqVz(r: Float64Array, j: number, v: Float64Array, out: Float64Array, vz: Float64Array): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride;
    const first = k.dotWsqVz(head, r, 0, z, o, v, 0, out, j, vz, j);
    const wsq = out[j], vz1 = vz[j];
    const second = k.dotWsqVz(tail, r, head, z, o + resume, v, head, out, j, vz, j);
    out[j] += wsq;
    vz[j] = vz1 + vz[j];
    return first + second;
  }

  /** waxpyDotWsq, and vz[next] = Σ_i v[i]·z_next[i] in the same read of z_next (as dotWsqVz). */
  waxpyDotWsqVz(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, vz: Float64Array): number {
    const { kernels: k, z, head, tail, resume } = this;
    const o = j * this.stride, on = next * this.stride;
    const first = k.waxpyDotWsqVz(head, a, v, 0, z, o, r, 0, z, on, out, next, vz, next);
    const wsq = out[next], vz1 = vz[next];
    const second = k.waxpyDotWsqVz(tail, a, v, head, z, o + resume, r, head, z, on + resume, out, next, vz, next);
    out[next] += wsq;
    vz[next] = vz1 + vz[next];
    return first + second;
  }

  /** out[i] = v[i]·z_j[i]. */
  weighted(j: number, v: Float64Array, out: Float64Array): void {
    const { z, head, resume } = this;
    const o = j * this.stride;
    for (let i = 0; i < head; i++) out[i] = v[i] * z[o + i];
    for (let i = head; i < this.n; i++) out[i] = v[i] * z[o + resume + i - head];
  }
}

/** A fold's columns as the affine map of the full data's copy (see FoldColumns). */
export interface FoldMap {
  /** The full data's copy, its columns `stride` rows long. */
  readonly z: Float64Array;
  readonly stride: number;
  /** The fold's rows and the columns. */
  readonly n: number;
  readonly p: number;
  /** The held-out block: z's rows [start, end). */
  readonly start: number;
  readonly end: number;
  /** x̃_j = a_j·z_j + b_j·u. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Gaussian: uᵀz_j over the fold's rows, and uᵀu. */
  readonly uz: Float64Array;
  readonly uu: number;
  /** The fold's raw Gram entries from the full data's (gram-cache.ts), when kept. */
  readonly gram?: FoldGram;
}

/**
 * Columns that are an affine map x̃_j = a_j·z_j + b_j·u of stored columns z (a fold's view of the full
 * copy; a sparse matrix's nonzeros, sparse-columns.ts), with the kernels on z: what the residuals below read.
 */
export interface AffineColumns extends Columns {
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** uᵀz_j (gaussian), and uᵀu. */
  readonly uz: Float64Array;
  readonly uu: number;
  /** Σ_i z_j[i]·v[i]. */
  dot(j: number, v: Float64Array): number;
  /** y += a·z_j. */
  axpy(j: number, a: number, y: Float64Array): void;
  /** y += a·z_j, then z_nextᵀy. */
  axpyDot(j: number, a: number, y: Float64Array, next: number): number;
  /** r −= (a·v)∘z_j. */
  waxpy(j: number, a: number, v: Float64Array, r: Float64Array): void;
  /** r −= (a·v)∘z_j, then z_nextᵀr. */
  waxpyDot(j: number, a: number, v: Float64Array, r: Float64Array, next: number): number;
  /** z_jᵀr, with out[oo] = Σ_i v[i]·z_j[i]². */
  dotWsq(r: Float64Array, j: number, v: Float64Array, out: Float64Array, oo: number): number;
  /** r −= (a·v)∘z_j, then z_nextᵀr with out[oo] = Σ_i v[i]·z_next[i]². */
  waxpyDotWsq(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, oo: number): number;
}

/**
 * Gaussian's residual on a fold: the kernels keep r = r̃ + κu (they take the a_k·z_k part of each
 * update, κ = Σ β_k·b_k the rest), and uᵀr̃ = 0 throughout, as ỹ and every fold column are centred with
 * the fold's weights; so x̃_jᵀr̃ = a_j·(z_jᵀr − κ·uᵀz_j).
 */
export class FoldResidual implements Residual {
  private kappa = 0;
  private seen: Float64Array | null = null;
  private kappaSeen = 0;

  constructor(private readonly c: AffineColumns, private readonly r: Float64Array) {}

  /** r̃ = r − κu moved by at most ‖Δr‖ + |Δκ|·‖u‖. */
  moved(): number {
    const dk = Math.abs(this.kappa - this.kappaSeen);
    this.kappaSeen = this.kappa;
    if (this.seen === null) {
      this.seen = this.r.slice();
      return 0;
    }
    return distanceMoved(this.r, this.seen) + dk * Math.sqrt(this.c.uu);
  }

  private pull(j: number, zr: number): number {
    return this.c.a[j] * (zr - this.kappa * this.c.uz[j]);
  }

  dot(j: number): number {
    return this.pull(j, this.c.dot(j, this.r));
  }

  dots(cols: Int32Array, count: number, out: Float64Array): void {
    for (let t = 0; t < count; t++) out[cols[t]] = this.dot(cols[t]);
  }

  sub(k: number, delta: number): void {
    this.kappa += delta * this.c.b[k];
    this.c.axpy(k, -(delta * this.c.a[k]), this.r);
  }

  subDot(k: number, delta: number, next: number): number {
    this.kappa += delta * this.c.b[k];
    return this.pull(next, this.c.axpyDot(k, -(delta * this.c.a[k]), this.r, next));
  }
}

/**
 * IRLS's score residual on a fold (u = 1): an update takes δ·v∘(a_k·z_k + b_k), of which the kernels
 * apply the first part to r and τ keeps the second, so s = r − τv; its sum R = Σ s is kept too, and each
 * strong column's vᵀz_j is read beside its curvature. Then x̃_jᵀs = a_j·(z_jᵀr − τ·vᵀz_j) + b_j·R.
 */
export class FoldScoreResidual implements ScoreResidual {
  /** τ and R (read and written by IRLS's passes in WebAssembly between their calls). */
  tau = 0;
  rsum = 0;
  private vsum = 0;
  /** vᵀz_j at this step's weights, for the columns whose curvature it has computed. */
  readonly vz: Float64Array;
  /** The view, where its kernels can sum vᵀz_j in the curvature's read of z_j (vz in the workspace); else null. */
  private readonly together: FoldColumns | null;

  constructor(private readonly c: AffineColumns, private readonly r: Float64Array, private readonly v: Float64Array, vz?: Float64Array) {
    this.vz = vz ?? new Float64Array(c.p);
    this.together = c instanceof FoldColumns && c.kernels.addressable(this.vz) ? c : null;
  }

  reset(vsum: number): void {
    this.vsum = vsum;
    this.tau = 0;
    this.rsum = this.c.kernels.sum(this.c.n, this.r, 0);
  }

  private pull(j: number, zr: number): number {
    return this.c.a[j] * (zr - this.tau * this.vz[j]) + this.c.b[j] * this.rsum;
  }

  /** Fold τ into r, for pulls of columns whose vᵀz_j is not known (and for an IRLS step's end: eta-step.ts). */
  settle(): void {
    if (this.tau === 0) return;
    this.c.kernels.axpy(this.c.n, -this.tau, this.v, 0, this.r, 0);
    this.tau = 0;
  }

  /** vᵀz_j at the current weights, and the curvature Σ v·x̃_j² from wsq = Σ v·z_j². */
  private storeCurvature(j: number, wsq: number, xv: Float64Array): void {
    this.vz[j] = this.c.dot(j, this.v);
    this.curvatureOf(j, wsq, xv);
  }

  /** The curvature Σ v·x̃_j² = a²·wsq + 2ab·vᵀz_j + b²·Σv, vᵀz_j known. */
  private curvatureOf(j: number, wsq: number, xv: Float64Array): void {
    const vz = this.vz[j];
    const a = this.c.a[j], b = this.c.b[j];
    xv[j] = a * a * wsq + 2 * a * b * vz + b * b * this.vsum;
  }

  dot(j: number): number {
    return this.pull(j, this.c.dot(j, this.r));
  }

  dotAny(j: number): number {
    this.settle();
    return this.dot(j);
  }

  dots(cols: Int32Array, count: number, out: Float64Array): void {
    this.settle();
    for (let t = 0; t < count; t++) out[cols[t]] = this.dot(cols[t]);
  }

  /** A pull needs vᵀz_j, which dotCurvature computes: the sweeps compute every curvature first. */
  readonly anyColumnPulls = false;

  curvature(j: number, xv: Float64Array): void {
    this.dotCurvature(j, xv);
  }

  dotCurvature(j: number, xv: Float64Array): number {
    const together = this.together;
    if (together !== null) {
      const zr = together.dotWsqVz(this.r, j, this.v, xv, this.vz);
      this.curvatureOf(j, xv[j], xv);
      return this.pull(j, zr);
    }
    const zr = this.c.dotWsq(this.r, j, this.v, xv, j);
    this.storeCurvature(j, xv[j], xv);
    return this.pull(j, zr);
  }

  /** The constant part of an update: τ, and R −= δ·vᵀx̃_k. */
  private shift(k: number, delta: number): number {
    const a = this.c.a[k], b = this.c.b[k];
    this.tau += delta * b;
    this.rsum -= delta * (a * this.vz[k] + b * this.vsum);
    return delta * a;
  }

  sub(k: number, delta: number): void {
    this.c.waxpy(k, this.shift(k, delta), this.v, this.r);
  }

  subDot(k: number, delta: number, next: number): number {
    return this.pull(next, this.c.waxpyDot(k, this.shift(k, delta), this.v, this.r, next));
  }

  subDotCurvature(k: number, delta: number, next: number, xv: Float64Array): number {
    const together = this.together;
    if (together !== null) {
      const zr = together.waxpyDotWsqVz(k, this.shift(k, delta), this.v, this.r, next, xv, this.vz);
      this.curvatureOf(next, xv[next], xv);
      return this.pull(next, zr);
    }
    const zr = this.c.waxpyDotWsq(k, this.shift(k, delta), this.v, this.r, next, xv, next);
    this.storeCurvature(next, xv[next], xv);
    return this.pull(next, zr);
  }

  subConstant(delta: number): void {
    this.tau += delta;
    this.rsum -= delta * this.vsum;
  }

  sum(): number {
    return this.rsum;
  }

  moveBy(idx: Int32Array, delta: Float64Array, delta0: number, sum: number): void {
    for (let l = 0; l < idx.length; l++) {
      if (delta[l] === 0) continue;
      this.c.waxpy(idx[l], delta[l] * this.c.a[idx[l]], this.v, this.r);
      this.tau += delta[l] * this.c.b[idx[l]];
    }
    this.tau += delta0;
    this.rsum = sum;
  }
}

/** The full data's standardized copy, as the folds of a cross-validation view it. */
export interface FullCopy {
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly usable: Uint8Array;
  /** The sum of the full data's weights (a fold's are normalized to its own sum). */
  readonly weightSum: number;
  /** For each column, the fold whose training rows all hold one value in it (0: none; see foldConstants). */
  readonly constantIn: Int32Array;
  /** The copy's Gram columns over all rows, kept for the folds' covariance updates (gram-cache.ts). */
  readonly gram?: GramCache;
  /** For each fold (k at k − 1), what its own fit refuses in standardizing its rows, or null (cv/copy.ts). */
  readonly unstandardizable?: readonly (Unstandardizable | null)[];
}

/** Fold `fold` of a cross-validation, held out as the copy's rows [start, end). */
export interface FoldPlace {
  readonly fold: number;
  readonly start: number;
  readonly end: number;
}

/**
 * A fold's design as a view of the full data's copy (FoldColumns), computed from the copy alone (so that a
 * thread without X can fit the fold): over the fold's rows, the copy's column is t = (x − M)/S, times
 * u = √w of the full weights for gaussian, so the fold's weighted mean and sd of x are M + S·μ and S·σ
 * with μ, σ those of t, which come from the copy as Σ w t = Σ u z / share and Σ w (t − μ)² = Σ (z − uμ)² /
 * share (share: the fold's part of the full weights), without dividing by u. A column constant on the
 * fold's rows is found exactly, on X, beforehand (full.constantIn). w, the fold's weights, sum to 1, and
 * `weightSum` is what they summed to before.
 */
export function viewFold(
  full: FullCopy, place: FoldPlace, w: Float64Array, weightSum: number, how: StandardizeHow, workspace: Workspace,
): StandardizedDesign {
  const { p, x: z, n: N } = full;
  const { fold, start, end } = place;
  const refused = full.unstandardizable?.[fold - 1];
  if (refused) throw notStandardizable(refused.name, refused.s, refused.row, refused.value);
  const n = w.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  const usable = new Uint8Array(p);
  const a = new Float64Array(p);
  const b = new Float64Array(p);
  const uz = new Float64Array(p);
  const share = weightSum / full.weightSum;
  const gaussian = how.sqrtWeighted;
  // Gaussian: the copy carries √(w_i/W) of the full weights, the fold √(w_i/W_k) of its own.
  const c = gaussian ? Math.sqrt(1 / share) : 1;
  const u = gaussian ? Float64Array.from(w, (v) => Math.sqrt(v * share)) : null;
  const t = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    if (how.excluded[j] || !full.usable[j] || full.constantIn[j] === fold) continue;
    trainingRows(t, z, j * N, start, end);
    const mu = u ? copyMean(t, u, share) : weightedMean(t, 0, n, w);
    const sdT = u ? copySd(t, u, share, mu) : weightedSd(t, 0, n, w, mu);
    if (!(sdT > 0)) continue;
    usable[j] = 1;
    const S = full.scale[j];
    const sd = S * sdT;
    const center = how.intercept ? full.mean[j] + S * mu : 0;
    const s = how.standardize ? sd : 1;
    mean[j] = center;
    scale[j] = s;
    // (x − center)/s = (S/s)·t + (M − center)/s; with an intercept M − center = −S·μ, without both are 0.
    const r = S / s;
    a[j] = c * r;
    b[j] = how.intercept ? -c * r * mu : 0;
    uz[j] = share * mu;
    xv[j] = r * r * (how.intercept ? sdT * sdT : u ? copySquares(t, share) : weightedSquares(t, w));
  }
  workspace.adopt(full.x);
  const kernels = workspace.kernels;
  const scratch = full.gram && { out: workspace.f64(FILL_TOGETHER * (full.gram.bounds.length - 1) * p), cols: workspace.i32(p) };
  const gram = full.gram && new FoldGram(full.gram, { x: full.x, rows: N, usable: full.usable, kernels, scratch }, start, end);
  const columns = new FoldColumns(kernels, { z: full.x, stride: N, n, p, start, end, a, b, uz, uu: share, gram });
  return { n, p, columns, mean, scale, xv, usable, workspace };
}

/**
 * t = the column of z at offset o without its rows [start, end) (a fold's training rows). A function of
 * its arguments, so that V8 keeps the loop optimized across viewFold's columns (solve/multi/multinomial.ts's
 * logLikelihood says why).
 */
function trainingRows(t: Float64Array, z: Float64Array, o: number, start: number, end: number): void {
  const n = t.length;
  for (let i = 0; i < start; i++) t[i] = z[o + i];
  for (let i = start; i < n; i++) t[i] = z[o + end + i - start];
}

/** Σ w_i t_i² (w sums to 1). */
function weightedSquares(t: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += w[i] * t[i] * t[i];
  return s;
}

// Gaussian's copy holds z = u·t with u = √(w·share): the weighted moments of t from z, without dividing by u.

/** Σ w t = Σ u z / share. */
function copyMean(z: Float64Array, u: Float64Array, share: number): number {
  let uz = 0;
  for (let i = 0; i < z.length; i++) uz += u[i] * z[i];
  return uz / share;
}

/** √Σ w (t − μ)² = √(Σ (z − uμ)² / share). */
function copySd(z: Float64Array, u: Float64Array, share: number, mu: number): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += (z[i] - u[i] * mu) ** 2;
  return Math.sqrt(s / share);
}

/** Σ w t² = Σ z² / share. */
function copySquares(z: Float64Array, share: number): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += z[i] * z[i];
  return s / share;
}
