/**
 * A model matrix as a rule of checkArguments (data/arguments.ts), kept out of matrix.ts so that it is
 * not part of the public API (src/index.ts re-exports all of matrix.ts).
 */
import { DataError } from "../errors.js";
import type { Rule } from "./arguments.js";
import { checkMatrix } from "./matrix.js";

/** A model matrix (as modelMatrix builds): the function's name is added by checkArguments. */
export const matrixRule: Rule = (v, name) => checkMatrix("", v, name);

/**
 * A model matrix of new rows to predict at: every value a finite number, else a DataError naming the
 * feature and the row (1-based), never a silent NaN prediction.
 */
export const newRowsRule: Rule = (v, name) => {
  checkMatrix("", v, name);
  const { n, p, data, names } = v;
  for (let j = 0; j < p; j++) {
    let probe = 0; // v·0 is NaN exactly when v is NaN or ±∞: one sum per column, the row looked for only then
    for (let i = 0; i < n; i++) probe += data[j * n + i] * 0;
    if (probe === 0) continue;
    for (let i = 0; i < n; i++) {
      const value = data[j * n + i];
      if (!Number.isFinite(value)) throw new DataError(`${name}'s feature ${JSON.stringify(names[j])} is not a finite number in row ${i + 1} (${value})`, names[j], i + 1);
    }
  }
};
