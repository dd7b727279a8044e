// The error a library call must throw for bad input: ours (a ShrinkageError), naming the option at fault.
import assert from "node:assert/strict";
import { OptionError, ShrinkageError } from "../../src/errors.js";

/** The error a call throws (or its promise rejects with), checked to be ours, naming `option`, its message matching. */
export async function assertRefused(call: () => unknown, option: string, message: RegExp): Promise<void> {
  let error: unknown = null;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ShrinkageError, `expected an error naming ${option}, got ${String(error)}`);
  if (error instanceof OptionError) assert.equal(error.option, option, String(error));
  assert.match(error.message, message);
}
