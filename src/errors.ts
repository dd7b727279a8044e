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
