/**
 * Errors a person can act on. Every message names the row, column or option at fault.
 */
export class ShrinkageError extends Error {
  override name = "ShrinkageError";
}

/** Bad data: a file, a column, a cell. `row` is 1-based counting the header as row 1. */
export class DataError extends ShrinkageError {
  override name = "DataError";
  constructor(message: string, readonly column?: string, readonly row?: number) {
    super(message);
  }
}

/** A bad option value or an option naming something that does not exist. */
export class OptionError extends ShrinkageError {
  override name = "OptionError";
  constructor(message: string, readonly option?: string) {
    super(message);
  }
}

/**
 * A path that stopped before its first λ (maxit or pmax reached there): there is no solution to report,
 * and an empty path is never returned as a result. `option` names the option that would let it go on.
 */
export class NoSolutionError extends ShrinkageError {
  override name = "NoSolutionError";
  constructor(message: string, readonly option?: string) {
    super(message);
  }
}
