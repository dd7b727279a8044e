import { closeSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PathCoefficients } from "./objective.js";
import type { BenchData } from "./problems.js";

/**
 * Files the benchmark hands to each system, written once per data set: raw little-endian
 * x.f64 (column-major n×p, as R's matrix() and a transposed NumPy view read it without a copy),
 * y.f64, foldid.i32 (1-based) and lambda.f64 (the sequence scikit-learn is asked to fit).
 */
export function writeData(dir: string, data: BenchData): void {
  writeFileSync(join(dir, "x.f64"), new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength));
  writeFileSync(join(dir, "y.f64"), new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength));
}

export function writeFolds(dir: string, foldid: Int32Array): void {
  writeFileSync(join(dir, "foldid.i32"), new Uint8Array(foldid.buffer, foldid.byteOffset, foldid.byteLength));
}

export function writeLambda(dir: string, lambda: Float64Array): void {
  writeFileSync(join(dir, "lambda.f64"), new Uint8Array(lambda.buffer, lambda.byteOffset, lambda.byteLength));
}

/**
 * Read `count` doubles straight into a Float64Array (no intermediate Buffer), so loading
 * X does not double the worker's peak RSS.
 */
export function readF64(file: string, count: number): Float64Array {
  const out = new Float64Array(count);
  const bytes = new Uint8Array(out.buffer);
  const fd = openSync(file, "r");
  try {
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(fd, bytes, done, bytes.length - done, null);
      if (got === 0) throw new Error(`${file}: ${done} bytes, expected ${bytes.length}`);
      done += got;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

export function readI32(file: string, count: number): Int32Array {
  const buf = readFileSync(file);
  if (buf.length !== 4 * count) throw new Error(`${file}: ${buf.length} bytes, expected ${4 * count}`);
  const out = new Int32Array(count);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** What a fitted path holds, as any Shrinkage build returns it (Node or the page): sparse coefficients. */
export interface SparsePath {
  readonly lambda: ArrayLike<number>;
  readonly intercept: ArrayLike<number>;
  readonly beta: readonly { readonly index: ArrayLike<number>; readonly value: ArrayLike<number> }[];
}

/** The dense L×p coefficients of a sparse path, as writeCoefficients takes them. */
export function denseCoefficients(path: SparsePath, p: number): PathCoefficients {
  const L = path.lambda.length;
  const beta = new Float64Array(L * p);
  path.beta.forEach((b, k) => {
    for (let t = 0; t < b.index.length; t++) beta[k * p + b.index[t]] = b.value[t];
  });
  return { lambda: Float64Array.from(path.lambda), a0: Float64Array.from(path.intercept), beta };
}

/** A path as written by every system: L λs, L intercepts, then L×p dense coefficients. */
export function writeCoefficients(file: string, path: PathCoefficients): void {
  const L = path.lambda.length;
  const all = new Float64Array(2 * L + path.beta.length);
  all.set(path.lambda, 0);
  all.set(path.a0, L);
  all.set(path.beta, 2 * L);
  writeFileSync(file, new Uint8Array(all.buffer));
}

export function readCoefficients(file: string, nlambda: number, p: number): PathCoefficients {
  const all = readF64(file, nlambda * (2 + p));
  return {
    lambda: all.slice(0, nlambda),
    a0: all.slice(nlambda, 2 * nlambda),
    beta: all.subarray(2 * nlambda),
  };
}

/**
 * A field of /proc/<pid>/status in kB (VmHWM: the RSS high-water mark of the process's own memory, as
 * R's and Python's peers read it); null where /proc is not.
 */
export function statusKb(pid: number | "self", field: "VmRSS" | "VmHWM"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
