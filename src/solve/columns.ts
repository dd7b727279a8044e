import type { Kernels } from "../linalg/kernels.js";

/**
 * How a solver reads the standardized design X̃ (n rows, p columns): products of its columns with the
 * solver's n-vectors, residual updates, Gram entries, and nothing else. Two implementations: DenseColumns
 * (a fit's own standardized copy, below) and FoldColumns (a cross-validation fold seen through the full
 * data's copy, fold-view.ts). Sufficient statistics (moments.ts) stand in for the rows where only Gram
 * entries are read (covariance updates).
 */
export interface Columns {
  readonly n: number;
  readonly p: number;
  /** The kernels of the fit's workspace, where the solver's n-vectors live. */
  readonly kernels: Kernels;
  /** x̃_jᵀx̃_k. */
  cross(j: number, k: number): number;
  /**
   * out[m·ldo + j] = x̃_jᵀx̃_{ks[m]} for each j in cols[0..count) and m < b (workspace arrays): the same
   * numbers as cross(j, ks[m]), in one call reading each x̃_j once for up to four columns (new Gram
   * columns; shared with a second core where the fit has one). Absent: cross alone.
   */
  crossColumns?(ks: ArrayLike<number>, b: number, cols: Int32Array, count: number, out: Float64Array, ldo: number): void;
  /** A least-squares residual r̃, starting from r (a workspace n-vector the residual then owns). */
  residual(r: Float64Array): Residual;
  /** IRLS's score residual s = r with working weights v (workspace n-vectors the solver rewrites at each step). */
  scoreResidual(r: Float64Array, v: Float64Array): ScoreResidual;
  /** η = b0 + offset + Σ_{l < nin} β_{active[l]}·x̃_{active[l]}. */
  linearPredictor(eta: Float64Array, b0: number, offset: Float64Array | null, beta: Float64Array, active: Int32Array, nin: number): void;
  /**
   * out[m·ldo + j] = x̃_jᵀvs[m] for each j in cols[0..count) and each vector: x̃_j read once for several
   * (a copy of its own; a view reads one vector at a time through its score residual).
   */
  dotsMany?(vs: readonly Float64Array[], cols: Int32Array, count: number, out: Float64Array, ldo: number): void;
  /**
   * The weighted Gram matrix of the columns idx (a of them), G = X̃ᵀVX̃ (a×a, row-major), and c = X̃ᵀv,
   * with Σv = vsum; scratch is a workspace n-vector.
   */
  weightedGram(idx: Int32Array, v: Float64Array, vsum: number, G: Float64Array, c: Float64Array, scratch: Float64Array): void;
}

/** A least-squares residual r̃ = ỹ − X̃β, read and updated a column at a time (rows carry √w: unit weights). */
export interface Residual {
  /** x̃_jᵀr̃. */
  dot(j: number): number;
  /** out[j] = x̃_jᵀr̃ for each j in cols[0..count). */
  dots(cols: Int32Array, count: number, out: Float64Array): void;
  /** r̃ −= δ·x̃_k. */
  sub(k: number, delta: number): void;
  /** r̃ −= δ·x̃_k, then x̃_nextᵀr̃, in one sweep. */
  subDot(k: number, delta: number, next: number): number;
  /** At least ‖r̃ − r̃'‖, r̃' the residual at the previous call (0 at the first): bounds on pulls not recomputed. */
  moved?(): number;
  /** r̃ itself, where it is a plain n-vector (pull-bounds.ts reads its snapshots). */
  vector?(): Float64Array;
}

/** ‖r − seen‖, then seen = r: how far a vector moved since its last snapshot. */
export function distanceMoved(r: Float64Array, seen: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const d = r[i] - seen[i];
    s += d * d;
  }
  seen.set(r);
  return Math.sqrt(s);
}

/**
 * IRLS's score residual s = W(z − η) = w(y − μ) at one step's working weights v, read and updated a column
 * at a time. Within a step v is fixed: an update of β_k takes δ·v∘x̃_k from s, one of the intercept δ·v.
 */
export interface ScoreResidual {
  /** A new step: the solver has rewritten r and v, Σv = vsum. */
  reset(vsum: number): void;
  /** Bring r up to s itself (a residual may keep part of its updates as numbers on the side). */
  settle(): void;
  /** x̃_jᵀs for a column whose curvature this step has computed (dotCurvature): the sweeps' pulls. */
  dot(j: number): number;
  /** x̃_jᵀs for any column. */
  dotAny(j: number): number;
  /** out[j] = x̃_jᵀs for each j in cols[0..count), any columns. */
  dots(cols: Int32Array, count: number, out: Float64Array): void;
  /** x̃_jᵀs, and the curvature xv[j] = Σ v·x̃_j² at this step's weights. */
  dotCurvature(j: number, xv: Float64Array): number;
  /**
   * Whether dot and subDot read any column's pull, its curvature not computed this step (a copy of its
   * own): a sweep then computes a curvature only where a coefficient is or becomes nonzero (`curvature`).
   */
  readonly anyColumnPulls: boolean;
  /** xv[j] = Σ v·x̃_j² at this step's weights, the same number dotCurvature stores. */
  curvature(j: number, xv: Float64Array): void;
  /** s −= δ·v∘x̃_k. */
  sub(k: number, delta: number): void;
  /** s −= δ·v∘x̃_k, then x̃_nextᵀs (of a column whose curvature is known), in one sweep. */
  subDot(k: number, delta: number, next: number): number;
  /** s −= δ·v∘x̃_k, then x̃_nextᵀs and xv[next] = Σ v·x̃_next², in one sweep. */
  subDotCurvature(k: number, delta: number, next: number, xv: Float64Array): number;
  /** s −= δ·v (an intercept step). */
  subConstant(delta: number): void;
  /** Σ s. */
  sum(): number;
  /**
   * s −= V(X̃_idx·Δβ + Δβ0): the net change of a cycle on the weighted Gram matrix, which kept s's new
   * sum itself (`sum`).
   */
  moveBy(idx: Int32Array, delta: Float64Array, delta0: number, sum: number): void;
}

/** The columns of a standardized copy of its own: column j is x[j·n, (j+1)·n). */
export class DenseColumns implements Columns {
  constructor(readonly kernels: Kernels, readonly x: Float64Array, readonly n: number, readonly p: number) {}

  cross(j: number, k: number): number {
    return this.kernels.dot(this.n, this.x, j * this.n, this.x, k * this.n);
  }

  crossColumns(ks: ArrayLike<number>, b: number, cols: Int32Array, count: number, out: Float64Array, ldo: number): void {
    this.kernels.crossColumns(this.n, this.x, cols, count, ks, b, out, ldo);
  }

  dotsMany(vs: readonly Float64Array[], cols: Int32Array, count: number, out: Float64Array, ldo: number): void {
    this.kernels.dotColumnsMany(this.n, this.x, cols, count, vs, out, ldo);
  }

  residual(r: Float64Array): Residual {
    return new DenseResidual(this, r);
  }

  scoreResidual(r: Float64Array, v: Float64Array): ScoreResidual {
    return new DenseScoreResidual(this, r, v);
  }

  linearPredictor(eta: Float64Array, b0: number, offset: Float64Array | null, beta: Float64Array, active: Int32Array, nin: number): void {
    const { n, x, kernels } = this;
    eta.fill(b0);
    if (offset) for (let i = 0; i < n; i++) eta[i] += offset[i];
    for (let l = 0; l < nin; l++) {
      const k = active[l];
      if (beta[k] !== 0) kernels.axpy(n, beta[k], x, k * n, eta, 0);
    }
  }

  weightedGram(idx: Int32Array, v: Float64Array, _vsum: number, G: Float64Array, c: Float64Array, scratch: Float64Array): void {
    const { n, x, kernels } = this;
    const a = idx.length;
    for (let l = 0; l < a; l++) {
      const o = idx[l] * n;
      for (let i = 0; i < n; i++) scratch[i] = v[i] * x[o + i];
      for (let m = l; m < a; m++) G[l * a + m] = G[m * a + l] = kernels.dot(n, scratch, 0, x, idx[m] * n);
      c[l] = kernels.sum(n, scratch, 0);
    }
  }
}

class DenseResidual implements Residual {
  private seen: Float64Array | null = null;

  constructor(private readonly c: DenseColumns, private readonly r: Float64Array) {}

  moved(): number {
    if (this.seen === null) {
      this.seen = this.r.slice();
      return 0;
    }
    return distanceMoved(this.r, this.seen);
  }

  vector(): Float64Array {
    return this.r;
  }

  dot(j: number): number {
    return this.c.kernels.dot(this.c.n, this.r, 0, this.c.x, j * this.c.n);
  }

  dots(cols: Int32Array, count: number, out: Float64Array): void {
    this.c.kernels.dotColumns(this.c.n, this.c.x, cols, count, this.r, out);
  }

  sub(k: number, delta: number): void {
    this.c.kernels.axpy(this.c.n, -delta, this.c.x, k * this.c.n, this.r, 0);
  }

  subDot(k: number, delta: number, next: number): number {
    const { n, x, kernels } = this.c;
    return kernels.axpyDot(n, -delta, x, k * n, this.r, 0, x, next * n);
  }
}

/** v's common value when every entry is the same finite nonzero number, else 0. */
function commonValue(v: Float64Array): number {
  const c = v[0];
  if (!(c !== 0 && Number.isFinite(c))) return 0;
  for (let i = 1; i < v.length; i++) if (v[i] !== c) return 0;
  return c;
}

class DenseScoreResidual implements ScoreResidual {
  /**
   * The weights' common value when every v_i is the same (a grouped multinomial's equal weights), else 0:
   * then an update r −= (δ·v_i)·x̃_i is r += (−δ·v)·x̃_i, the same number, without reading v.
   */
  private common = 0;

  constructor(private readonly c: DenseColumns, private readonly r: Float64Array, private readonly v: Float64Array) {}

  reset(): void {
    this.common = commonValue(this.v);
  }

  settle(): void {}

  dot(j: number): number {
    return this.c.kernels.dot(this.c.n, this.r, 0, this.c.x, j * this.c.n);
  }

  dotAny(j: number): number {
    return this.dot(j);
  }

  dots(cols: Int32Array, count: number, out: Float64Array): void {
    this.c.kernels.dotColumns(this.c.n, this.c.x, cols, count, this.r, out);
  }

  dotCurvature(j: number, xv: Float64Array): number {
    const { n, x, kernels } = this.c;
    return kernels.dotWsq(n, this.r, 0, x, j * n, this.v, 0, xv, j);
  }

  readonly anyColumnPulls = true;

  curvature(j: number, xv: Float64Array): void {
    this.dotCurvature(j, xv);
  }

  sub(k: number, delta: number): void {
    const { n, x, kernels } = this.c;
    if (this.common !== 0) kernels.axpy(n, -(delta * this.common), x, k * n, this.r, 0);
    else kernels.waxpy(n, delta, this.v, 0, x, k * n, this.r, 0);
  }

  subDot(k: number, delta: number, next: number): number {
    const { n, x, kernels } = this.c;
    if (this.common !== 0) return kernels.axpyDot(n, -(delta * this.common), x, k * n, this.r, 0, x, next * n);
    return kernels.waxpyDot(n, delta, this.v, 0, x, k * n, this.r, 0, x, next * n);
  }

  subDotCurvature(k: number, delta: number, next: number, xv: Float64Array): number {
    const { n, x, kernels } = this.c;
    return kernels.waxpyDotWsq(n, delta, this.v, 0, x, k * n, this.r, 0, x, next * n, xv, next);
  }

  subConstant(delta: number): void {
    this.c.kernels.axpy(this.c.n, -delta, this.v, 0, this.r, 0);
  }

  sum(): number {
    return this.c.kernels.sum(this.c.n, this.r, 0);
  }

  moveBy(idx: Int32Array, delta: Float64Array, delta0: number): void {
    for (let l = 0; l < idx.length; l++) if (delta[l] !== 0) this.sub(idx[l], delta[l]);
    if (delta0 !== 0) this.subConstant(delta0);
  }
}
